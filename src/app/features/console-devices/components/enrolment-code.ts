/** Letters per group when a code is shown: three groups of four are read aloud and typed without losing one's place. */
const GROUP_SIZE = 4;

/**
 * An enrolment code in groups, e.g. "ABCD2345EFGH" → ["ABCD", "2345", "EFGH"]. The phone's form
 * ignores spaces and dashes, so the grouped code can be typed exactly as it is read.
 */
export function groupEnrolmentCode(code: string): string[] {
  const compact = code.replace(/[\s-]/g, '').toUpperCase();
  const groups: string[] = [];
  for (let start = 0; start < compact.length; start += GROUP_SIZE)
    groups.push(compact.slice(start, start + GROUP_SIZE));
  return groups;
}

/**
 * The server's QR code as an image source. An SVG shown through <img> is a picture: scripts
 * or links inside it never run, which injecting its markup into the page would allow.
 */
export function svgImageSource(svg: string): string {
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}
