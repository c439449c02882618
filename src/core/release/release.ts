import { formatPhoneForCountry } from '../handbook/phone';
import type { Handbook } from '../handbook/schema';

export const RELEASE_FORMAT = 1;

/**
 * A published snapshot of a jurisdiction's handbook as devices receive it. Restricted
 * records are absent: public releases never carry them.
 */
export interface Release {
  format: typeof RELEASE_FORMAT;
  jurisdictionId: string;
  number: number;
  publishedAt: string;
  /** SHA-256 (hex) of the canonical JSON of `{ handbook, phoneDisplay }`. */
  contentHash: string;
  handbook: Handbook;
  /**
   * Every phone number of the handbook as a worker in the jurisdiction's country dials it,
   * formatted when the release is made so devices need no phone-number library.
   */
  phoneDisplay: Record<string, string>;
}

/** What the bundled index of sample releases lists for each jurisdiction. */
export interface ReleaseIndexEntry {
  jurisdictionId: string;
  name: Handbook['jurisdiction']['name'];
  country: string;
  number: number;
  contentHash: string;
  /** Path of the content-addressed release file, relative to the app's base URL. */
  file: string;
}

export interface ReleaseIndex {
  format: typeof RELEASE_FORMAT;
  releases: ReleaseIndexEntry[];
}

/** The handbook as the public may see it: restricted providers and references to them removed. */
export function publicHandbook(handbook: Handbook): Handbook {
  const restricted = new Set(handbook.providers.filter((p) => p.visibility === 'restricted').map((p) => p.id));
  return {
    ...handbook,
    providers: handbook.providers.filter((p) => !restricted.has(p.id)),
    routes: handbook.routes.map((route) => ({
      ...route,
      stages: route.stages.map((stage) => ({
        ...stage,
        steps: stage.steps.map((step) => ({
          ...step,
          responsible: step.responsible.filter((id) => !restricted.has(id)),
        })),
      })),
    })),
  };
}

/** JSON with object keys sorted, so equal content always hashes equally. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
        )
      : v,
  );
}

export async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** E.164 → national (or international, for foreign numbers) display form. */
export function phoneDisplayFor(handbook: Handbook): Record<string, string> {
  const { country } = handbook.jurisdiction;
  const numbers = [
    ...handbook.jurisdiction.emergencyNumbers.map((e) => e.number),
    ...handbook.providers.flatMap((p) => [
      ...p.phones.map((phone) => phone.number),
      ...(p.whatsapp ? [p.whatsapp] : []),
    ]),
  ];
  return Object.fromEntries(numbers.map((number) => [number, formatPhoneForCountry(number, country)]));
}

/** The hash a device recomputes to check that a release's content is what was published. */
export function releaseContentHash(release: Pick<Release, 'handbook' | 'phoneDisplay'>): Promise<string> {
  return sha256Hex(canonicalJson({ handbook: release.handbook, phoneDisplay: release.phoneDisplay }));
}

export async function createRelease(handbook: Handbook, number: number, publishedAt: Date): Promise<Release> {
  const content = publicHandbook(handbook);
  const phoneDisplay = phoneDisplayFor(content);
  return {
    format: RELEASE_FORMAT,
    jurisdictionId: content.jurisdiction.id,
    number,
    publishedAt: publishedAt.toISOString(),
    contentHash: await releaseContentHash({ handbook: content, phoneDisplay }),
    handbook: content,
    phoneDisplay,
  };
}
