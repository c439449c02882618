import MiniSearch from 'minisearch';
import { type Coordinates, distanceKm } from '../geo/distance';
import { localize } from '../handbook/localize';
import type { Population, Provider, ServiceType } from '../handbook/schema';
import { isOpenAtLocalTime, localTimeIn } from '../schedule/open-now';
import { foldForSearch } from './normalize';

export interface DirectoryQuery {
  text?: string;
  services?: readonly ServiceType[];
  populations?: readonly Population[];
  languages?: readonly string[];
  openNow?: boolean;
  /** The worker's position, when they allowed location: adds distances and sorts by them. */
  near?: Coordinates;
}

export interface DirectoryContext {
  timeZone: string;
  now: Date;
  /** Interface language, used to order names alphabetically. */
  language: string;
}

export interface DirectoryHit {
  provider: Provider;
  openNow: boolean;
  distanceKm?: number;
}

/** Words a worker may type for a service type, in every interface language. */
export type ServiceVocabulary = (type: ServiceType) => readonly string[];

interface IndexedProvider {
  id: string;
  name: string;
  description: string;
  services: string;
  place: string;
}

/**
 * Instant search over a jurisdiction's providers: ignores accents and case, tolerates one
 * wrong letter in words of four letters or more, matches word beginnings while typing.
 */
export class ProviderDirectory {
  private readonly byId: Map<string, Provider>;
  private readonly index: MiniSearch<IndexedProvider>;
  private readonly sortedByName = new Map<string, readonly Provider[]>();

  constructor(
    private readonly providers: readonly Provider[],
    vocabulary: ServiceVocabulary = () => [],
  ) {
    this.byId = new Map(providers.map((p) => [p.id, p]));
    this.index = new MiniSearch<IndexedProvider>({
      fields: ['name', 'description', 'services', 'place'],
      // Folding can turn one token into several ("Salud+Mujer" → "salud mujer"): index each word.
      processTerm: (term) => foldForSearch(term).split(' ').filter(Boolean),
      searchOptions: {
        boost: { name: 3, services: 2 },
        prefix: true,
        fuzzy: (term) => (term.length >= 4 ? 1 : 0),
        combineWith: 'AND',
      },
    });
    this.index.addAll(
      providers.map((p) => ({
        id: p.id,
        name: [...Object.values(p.name), p.alternate_name ?? ''].join(' '),
        description: Object.values(p.description).join(' '),
        services: p.services.flatMap((s) => [s, ...vocabulary(s)]).join(' '),
        place: p.address ? [p.address.address_1, p.address.city].join(' ') : '',
      })),
    );
  }

  /** Every provider in alphabetical order of its name in a language, sorted once per language. */
  private byName(language: string): readonly Provider[] {
    let sorted = this.sortedByName.get(language);
    if (!sorted) {
      const collator = new Intl.Collator(language);
      sorted = [...this.providers].sort((a, b) =>
        collator.compare(localize(a.name, language), localize(b.name, language)),
      );
      this.sortedByName.set(language, sorted);
    }
    return sorted;
  }

  search(query: DirectoryQuery, context: DirectoryContext): DirectoryHit[] {
    const text = query.text?.trim() ?? '';
    const candidates = text
      ? this.index.search(text).flatMap((result) => this.byId.get(String(result.id)) ?? [])
      : this.byName(context.language);

    const localTime = localTimeIn(context.timeZone, context.now);
    const hits: DirectoryHit[] = [];
    for (const provider of candidates) {
      if (!matchesAny(query.services, provider.services)) continue;
      if (!matchesAny(query.populations, provider.populations)) continue;
      if (!matchesAny(query.languages, provider.languages)) continue;
      const openNow = isOpenAtLocalTime(provider.schedules, localTime);
      if (query.openNow && !openNow) continue;
      const hit: DirectoryHit = { provider, openNow };
      if (query.near && provider.latitude !== undefined && provider.longitude !== undefined) {
        hit.distanceKm = distanceKm(query.near, { latitude: provider.latitude, longitude: provider.longitude });
      }
      hits.push(hit);
    }
    if (query.near && !text) {
      hits.sort((a, b) => (a.distanceKm ?? Number.POSITIVE_INFINITY) - (b.distanceKm ?? Number.POSITIVE_INFINITY));
    }
    return hits;
  }
}

function matchesAny<T>(wanted: readonly T[] | undefined, offered: readonly T[]): boolean {
  return !wanted || wanted.length === 0 || wanted.some((w) => offered.includes(w));
}
