// Interface text comes out of the locales as ⟦…⟧, content text as «…»: whatever else shows on
// screen was written in a component (no-hardcoded-strings.test.tsx and the console's own checks).

export type StringTree = { [key: string]: string | StringTree };

/** A locale catalogue with every string marked ⟦…⟧, {{placeholders}} left for i18next to fill. */
export function markStrings(tree: StringTree): StringTree {
  return Object.fromEntries(
    Object.entries(tree).map(([key, value]) => [
      key,
      typeof value === 'string'
        ? value
            .split(/(\{\{[^}]*\}\})/)
            .map((part) => (part.startsWith('{{') || part.trim() === '' ? part : `⟦${part}⟧`))
            .join('')
        : markStrings(value),
    ]),
  );
}

/**
 * Fragments of visible text (and labelling attributes) that came from neither the locales nor the
 * content, leaving out `exceptions` (what the platform's Intl writes from data); `texts` counts
 * the text nodes read, so a test can tell the screen really rendered.
 */
export function unmarked(
  root: Element,
  exceptions: readonly string[],
  { skipTextareas = false }: { skipTextareas?: boolean } = {},
): { found: string[]; texts: number } {
  const longestFirst = [...exceptions].sort((a, b) => b.length - a.length);
  const found: string[] = [];
  const check = (text: string) => {
    let rest = text.replace(/«[^«»]*»/g, ' ').replace(/⟦[^⟦⟧]*⟧/g, ' ');
    for (const exception of longestFirst) rest = rest.split(exception).join(' ');
    for (const fragment of rest.split(/\s+/).filter(Boolean)) {
      // Digits, punctuation and symbols are data: phone numbers, times, "·".
      if (!/^[\p{N}\p{P}\p{S}]+$/u.test(fragment)) found.push(`"${fragment}" in "${text.trim()}"`);
    }
  };
  const walker = root.ownerDocument.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  let texts = 0;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    // The value being edited, not interface text.
    if (skipTextareas && node.parentElement?.closest('textarea')) continue;
    texts += 1;
    check(node.textContent ?? '');
  }
  for (const element of root.querySelectorAll('*')) {
    for (const attribute of ['aria-label', 'placeholder', 'title', 'alt']) {
      const value = element.getAttribute(attribute);
      if (value !== null) check(value);
    }
  }
  return { found, texts };
}
