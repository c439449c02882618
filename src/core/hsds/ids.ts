import { v5 as uuidV5 } from 'uuid';

/**
 * HSDS wants UUIDs; Rutas records have slugs. Name-based (version 5) UUIDs in a namespace of
 * Rutas's own make the same record get the same id in every export, so a directory that
 * imports Rutas exports again updates its records instead of duplicating them.
 */
const RUTAS_HSDS_NAMESPACE = 'd7e6aebb-0935-46fb-86fa-1b547fd11144';

/** The UUID of one exported HSDS object, e.g. `hsdsId('hn-ocotepeque', 'phone', 'cicesct-eri', 0)`. */
export function hsdsId(jurisdictionId: string, kind: string, ...parts: (string | number)[]): string {
  return uuidV5([jurisdictionId, kind, ...parts].join('/'), RUTAS_HSDS_NAMESPACE);
}

/** Ids of the Rutas vocabularies, the same in every jurisdiction so that terms can be matched across them. */
export function vocabularyId(...parts: string[]): string {
  return uuidV5(['vocabulary', ...parts].join('/'), RUTAS_HSDS_NAMESPACE);
}
