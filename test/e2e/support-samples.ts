import type { ServiceType } from '../../src/core/handbook/schema';

/**
 * Deep links into the sample handbooks of routes-data/ that the tests open, with what a
 * search must find. Names and titles are read from the YAML at test time; only ids and
 * the behaviour under test are written here.
 */
export interface SampleJurisdiction {
  id: string;
  defaultLanguage: 'es' | 'en';
  /** A directory search typed without accents, narrowed to one service type. */
  search: { q: string; service: ServiceType; finds: string };
  provider: string;
  checklist: string;
}

export const SAMPLES: readonly SampleJurisdiction[] = [
  {
    id: 'hn-ocotepeque',
    defaultLanguage: 'es',
    search: { q: 'atencion psicologica', service: 'mental_health', finds: 'caminos-atencion-psicologica' },
    provider: 'hospital-ocotepeque',
    checklist: 'indicadores-ninez',
  },
  {
    id: 'mx-tapachula',
    defaultLanguage: 'es',
    search: { q: 'atencion psicologica', service: 'mental_health', finds: 'centro-atencion-psicologica-soconusco' },
    provider: 'clinica-mujeres-frontera',
    checklist: 'explotacion-sexual',
  },
  {
    id: 'bz-benque-viejo',
    defaultLanguage: 'en',
    search: { q: 'psychological care', service: 'mental_health', finds: 'western-counselling-centre' },
    provider: 'san-ignacio-hospital',
    checklist: 'labour-exploitation',
  },
];

export function sample(id: string): SampleJurisdiction {
  const found = SAMPLES.find((s) => s.id === id);
  if (!found) throw new Error(`no sample jurisdiction ${id}`);
  return found;
}
