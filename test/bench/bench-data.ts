import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isValidPhoneNumber } from 'libphonenumber-js/min';
import { parse, stringify } from 'yaml';
import type { HandbookInput, ServiceType } from '../../src/core/handbook/schema';
import { POPULATIONS } from '../../src/core/handbook/taxonomy';

type ProviderInput = HandbookInput['providers'][number];
type Bilingual = { es: string; en: string };

export const BENCH_JURISDICTION = 'bench-5000';
export const BENCH_PROVIDER_COUNT = 5000;
const SOURCE_JURISDICTION = 'hn-ocotepeque';

/** Deterministic pseudo-random numbers (mulberry32), so every run measures the same data. */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Kind {
  name: Bilingual;
  services: ServiceType[];
  does: Bilingual[];
}

/** Kinds of organisation, with the services they offer and what they do, in both languages. */
const KINDS: Kind[] = [
  {
    name: { es: 'Centro de Salud', en: 'Health Centre' },
    services: ['health'],
    does: [
      {
        es: 'Consulta médica general, vacunación y primeros auxilios',
        en: 'General medical consultations, vaccination and first aid',
      },
      { es: 'Atención de emergencias y traslado al hospital', en: 'Emergency care and transfer to hospital' },
    ],
  },
  {
    name: { es: 'Clínica de Atención Integral', en: 'Comprehensive Care Clinic' },
    services: ['health', 'sexual_violence_care'],
    does: [
      {
        es: 'Profilaxis posexposición al VIH dentro de 72 horas y anticoncepción de emergencia tras una violación',
        en: 'HIV post-exposure prophylaxis within 72 hours and emergency contraception after rape',
      },
    ],
  },
  {
    name: { es: 'Equipo de Salud Mental', en: 'Mental Health Team' },
    services: ['mental_health'],
    does: [
      {
        es: 'Atención psicológica individual y grupal para sobrevivientes',
        en: 'Individual and group psychological care for survivors',
      },
      {
        es: 'Primeros auxilios psicológicos y acompañamiento en crisis',
        en: 'Psychological first aid and crisis support',
      },
    ],
  },
  {
    name: { es: 'Albergue Temporal', en: 'Temporary Shelter' },
    services: ['shelter'],
    does: [
      {
        es: 'Alojamiento temporal con alimentación, higiene y acompañamiento',
        en: 'Temporary accommodation with food, hygiene and support',
      },
    ],
  },
  {
    name: { es: 'Casa Refugio', en: 'Safe House' },
    services: ['shelter', 'case_management'],
    does: [
      {
        es: 'Refugio seguro y confidencial para mujeres, niñas y niños',
        en: 'Safe and confidential refuge for women and children',
      },
    ],
  },
  {
    name: { es: 'Consultorio Jurídico Gratuito', en: 'Free Legal Aid Clinic' },
    services: ['legal_aid'],
    does: [
      {
        es: 'Asesoría jurídica gratuita, denuncias y medidas de protección',
        en: 'Free legal advice, criminal complaints and protection orders',
      },
      {
        es: 'Acompañamiento legal en el proceso penal sin revictimización',
        en: 'Legal support through criminal proceedings without revictimisation',
      },
    ],
  },
  {
    name: { es: 'Fiscalía Especial', en: "Special Prosecutor's Office" },
    services: ['prosecutor'],
    does: [
      {
        es: 'Investigación penal de la trata de personas y la explotación sexual',
        en: 'Criminal investigation of human trafficking and sexual exploitation',
      },
    ],
  },
  {
    name: { es: 'Oficina de Protección de la Niñez', en: 'Child Protection Office' },
    services: ['child_protection'],
    does: [
      {
        es: 'Protección de niñas, niños y adolescentes no acompañados',
        en: 'Protection of unaccompanied children and adolescents',
      },
    ],
  },
  {
    name: { es: 'Consulado', en: 'Consulate' },
    services: ['consular'],
    does: [
      {
        es: 'Documentos de viaje, asistencia consular y retorno asistido',
        en: 'Travel documents, consular assistance and assisted return',
      },
    ],
  },
  {
    name: { es: 'Oficina de Migración y Asilo', en: 'Migration and Asylum Office' },
    services: ['migration_asylum'],
    does: [
      {
        es: 'Solicitud de asilo, regularización migratoria y orientación a personas refugiadas',
        en: 'Asylum claims, migration status and guidance for refugees',
      },
    ],
  },
  {
    name: { es: 'Programa de Gestión de Casos', en: 'Case Management Programme' },
    services: ['case_management'],
    does: [
      {
        es: 'Plan de atención individual y derivación coordinada entre instituciones',
        en: 'Individual care plans and coordinated referral between institutions',
      },
    ],
  },
  {
    name: { es: 'Programa de Medios de Vida', en: 'Livelihoods Programme' },
    services: ['livelihoods'],
    does: [
      {
        es: 'Formación técnica, capital semilla y colocación laboral',
        en: 'Vocational training, seed capital and job placement',
      },
    ],
  },
  {
    name: { es: 'Servicio de Interpretación', en: 'Interpretation Service' },
    services: ['interpretation'],
    does: [
      {
        es: 'Intérpretes de lenguas indígenas, criollo haitiano y lengua de señas',
        en: 'Interpreters for indigenous languages, Haitian Creole and sign language',
      },
    ],
  },
  {
    name: { es: 'Unidad de Policía Comunitaria', en: 'Community Police Unit' },
    services: ['emergency'],
    does: [
      {
        es: 'Respuesta inmediata cuando la persona corre peligro',
        en: 'Immediate response when the person is in danger',
      },
    ],
  },
  {
    name: { es: 'Pastoral de Movilidad Humana', en: 'Human Mobility Ministry' },
    services: ['shelter', 'migration_asylum', 'mental_health'],
    does: [
      {
        es: 'Acogida, orientación y acompañamiento espiritual a personas migrantes',
        en: 'Welcome, guidance and spiritual support for migrants',
      },
    ],
  },
];

const NAMES = [
  'San José',
  'Nuestra Señora de Guadalupe',
  'Esperanza',
  'Camino Seguro',
  'Nueva Vida',
  'Manos Unidas',
  'Corazón Abierto',
  'Luz y Paz',
  'Mujeres Valientes',
  'Niñez Protegida',
  'Árbol de la Vida',
  'Puente Solidario',
  'Frontera Segura',
  'Sol de Occidente',
  'Montaña Verde',
  'Raíces',
  'Dignidad',
  'Caminantes',
  'Tejiendo Redes',
  'Voces del Trifinio',
];

/** [town, department, latitude, longitude] in Honduras. */
const PLACES: [string, string, number, number][] = [
  ['Nueva Ocotepeque', 'Ocotepeque', 14.43, -89.18],
  ['Sinuapa', 'Ocotepeque', 14.45, -89.18],
  ['Santa Fe', 'Ocotepeque', 14.49, -89.21],
  ['San Marcos', 'Ocotepeque', 14.4, -88.95],
  ['Concepción', 'Ocotepeque', 14.52, -89.05],
  ['Belén Gualcho', 'Ocotepeque', 14.48, -88.79],
  ['Lucerna', 'Ocotepeque', 14.56, -88.94],
  ['Sensenti', 'Ocotepeque', 14.48, -88.93],
  ['Dolores Merendón', 'Ocotepeque', 14.56, -89.12],
  ['Agua Caliente', 'Ocotepeque', 14.45, -89.22],
  ['Copán Ruinas', 'Copán', 14.84, -89.15],
  ['Santa Rosa de Copán', 'Copán', 14.77, -88.78],
  ['Nueva Arcadia', 'Copán', 14.99, -88.74],
  ['Corquín', 'Copán', 14.56, -88.87],
  ['Gracias', 'Lempira', 14.59, -88.58],
  ['San Pedro Sula', 'Cortés', 15.5, -88.03],
  ['Puerto Cortés', 'Cortés', 15.85, -87.94],
  ['Tegucigalpa', 'Francisco Morazán', 14.07, -87.19],
  ['Choluteca', 'Choluteca', 13.3, -87.19],
  ['La Ceiba', 'Atlántida', 15.78, -86.79],
  ['Comayagua', 'Comayagua', 14.45, -87.64],
  ['Siguatepeque', 'Comayagua', 14.6, -87.83],
  ['Danlí', 'El Paraíso', 14.03, -86.58],
  ['Juticalpa', 'Olancho', 14.67, -86.22],
  ['Puerto Lempira', 'Gracias a Dios', 15.27, -83.77],
];

const STREETS = ['Barrio El Centro', 'Barrio San José', 'Colonia Los Pinos', 'Barrio El Calvario', 'Colonia Alameda'];
const LANGUAGE_SETS = [
  ['es'],
  ['es', 'en'],
  ['es', 'miq'],
  ['es', 'cab'],
  ['es', 'ht', 'fr'],
  ['es', 'en', 'pt'],
  ['es', 'caa'],
];
const SCHEDULES: ProviderInput['schedules'][] = [
  [{ byday: ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'], opens_at: '00:00', closes_at: '24:00' }],
  [{ byday: ['MO', 'TU', 'WE', 'TH', 'FR'], opens_at: '08:00', closes_at: '16:00' }],
  [
    { byday: ['MO', 'TU', 'WE', 'TH', 'FR'], opens_at: '07:30', closes_at: '15:30' },
    { byday: ['SA'], opens_at: '08:00', closes_at: '12:00' },
  ],
  [
    {
      byday: ['MO', 'WE', 'FR'],
      opens_at: '09:00',
      closes_at: '13:00',
      description: { es: 'Atención con cita previa', en: 'By appointment' },
    },
  ],
  [{ byday: ['MO', 'TU', 'WE', 'TH', 'FR', 'SA'], opens_at: '18:00', closes_at: '06:00' }],
];

function pick<T>(next: () => number, items: readonly T[]): T {
  return items[Math.floor(next() * items.length)] as T;
}

/** A random number of the given Honduran prefix that libphonenumber accepts for HN. */
function hondurasPhone(next: () => number, firstDigit: string): string {
  for (;;) {
    const number = `+504${firstDigit}${String(Math.floor(next() * 1e7)).padStart(7, '0')}`;
    if (isValidPhoneNumber(number, 'HN')) return number;
  }
}

function generateProvider(index: number, next: () => number): ProviderInput {
  const kind = pick(next, KINDS);
  const name = pick(next, NAMES);
  const [town, department, latitude, longitude] = pick(next, PLACES);
  const does = pick(next, kind.does);
  const populations = POPULATIONS.filter(() => next() < 0.5);
  const verified = next() < 0.4;
  const provider: ProviderInput = {
    id: `bench-proveedor-${String(index).padStart(5, '0')}`,
    name: { es: `${kind.name.es} ${name} — ${town}`, en: `${kind.name.en} ${name} — ${town}` },
    description: {
      es: `${does.es} en ${town}, ${department}. Atención sin costo y confidencial.`,
      en: `${does.en} in ${town}, ${department}. Free and confidential.`,
    },
    services: [...kind.services],
    populations: populations.length > 0 ? populations : ['women'],
    languages: [...pick(next, LANGUAGE_SETS)],
    phones: [{ number: hondurasPhone(next, '2'), type: 'voice' }],
    address: {
      address_1: `${pick(next, STREETS)}, ${1 + Math.floor(next() * 12)}.ª calle`,
      city: town,
      state_province: department,
      country: 'HN',
    },
    latitude: Math.round((latitude + (next() - 0.5) * 0.1) * 1e5) / 1e5,
    longitude: Math.round((longitude + (next() - 0.5) * 0.1) * 1e5) / 1e5,
    schedules: structuredClone(pick(next, SCHEDULES)),
    visibility: 'public',
    provenance: {
      source: 'Rutas benchmark: generated record, not a real service',
      verifiedAt: verified ? `2025-0${1 + Math.floor(next() * 9)}-1${Math.floor(next() * 10)}` : null,
      verifiedBy: verified ? 'Comité municipal (benchmark)' : null,
    },
  };
  if (next() < 0.3) provider.alternate_name = `${name} ${town}`;
  if (next() < 0.4) provider.whatsapp = hondurasPhone(next, '9');
  if (next() < 0.2) provider.phones?.push({ number: hondurasPhone(next, '3'), type: 'cell' });
  return provider;
}

/** A generated jurisdiction: its id (the folder's name) and how many public providers it lists. */
export interface BenchJurisdiction {
  id: string;
  providers: number;
}

/** The directory-search benchmark's jurisdiction. */
export const BENCH_5000: BenchJurisdiction = { id: BENCH_JURISDICTION, providers: BENCH_PROVIDER_COUNT };
/** The sync benchmarks' jurisdiction (issue 3: "a generated 2,000-provider jurisdiction"). */
export const BENCH_2000: BenchJurisdiction = { id: 'bench-2000', providers: 2000 };

/**
 * Writes `<root>/<id>/`: the Ocotepeque handbook (jurisdiction, routes, checklists and its
 * own providers, so every route step's responsible ids stay valid) under the given id, with
 * generated providers added until the public directory holds `providers`. The same
 * jurisdiction always gets the same providers (the generator is seeded with the count).
 */
export function writeBenchRoutesData(
  projectRoot: string,
  root: string,
  { id, providers }: BenchJurisdiction = BENCH_5000,
): { folder: string; providers: number } {
  const source = join(projectRoot, 'routes-data', SOURCE_JURISDICTION);
  const folder = join(root, id);
  mkdirSync(folder, { recursive: true });
  cpSync(join(source, 'routes'), join(folder, 'routes'), { recursive: true });
  cpSync(join(source, 'checklists'), join(folder, 'checklists'), { recursive: true });

  const jurisdiction = parse(readFileSync(join(source, 'jurisdiction.yaml'), 'utf8')) as HandbookInput['jurisdiction'];
  jurisdiction.id = id;
  jurisdiction.name = {
    es: `Banco de pruebas: ${providers.toLocaleString('es')} proveedores`,
    en: `Benchmark: ${providers.toLocaleString('en')} providers`,
  };
  writeFileSync(join(folder, 'jurisdiction.yaml'), stringify(jurisdiction));

  const original = parse(readFileSync(join(source, 'providers.yaml'), 'utf8')) as ProviderInput[];
  const publicOriginal = original.filter((p) => p.visibility === 'public').length;
  const next = random(providers);
  const generated = Array.from({ length: providers - publicOriginal }, (_, i) => generateProvider(i + 1, next));
  writeFileSync(
    join(folder, 'providers.yaml'),
    stringify([...original, ...generated], { aliasDuplicateObjects: false }),
  );
  return { folder, providers: publicOriginal + generated.length };
}

/** The generated provider whose phone the sync benchmarks change, one release after another. */
export const CHANGED_PROVIDER_ID = 'bench-proveedor-01000';

/**
 * Gives CHANGED_PROVIDER_ID of a folder written by writeBenchRoutesData a new first phone
 * number (valid for Honduras, different for each `release`), as a coordinator editing
 * providers.yaml would. Edits that one line of the text, so that it costs next to nothing
 * while the device-fleet benchmark's clients share this process. Returns the new number.
 */
export function changeProviderPhone(folder: string, release: number): string {
  const file = join(folder, 'providers.yaml');
  const text = readFileSync(file, 'utf8');
  const start = text.indexOf(`- id: ${CHANGED_PROVIDER_ID}\n`);
  const end = text.indexOf('\n- id: ', start + 1);
  const line = /^(\s+- number: ).*$/m.exec(text.slice(start, end === -1 ? undefined : end));
  if (start === -1 || !line) throw new Error(`${file} has no provider ${CHANGED_PROVIDER_ID} with a phone`);
  const number = hondurasPhone(random(release * 7919), '2');
  const at = start + line.index;
  writeFileSync(file, `${text.slice(0, at)}${line[1]}"${number}"${text.slice(at + line[0].length)}`);
  return number;
}

export type QueryKind = 'word' | 'typing' | 'no accents' | 'typo' | 'multi-word' | 'english';

/**
 * What a worker types into the directory's search box: whole words, prefixes as each letter
 * arrives, words without their accents, one wrong letter, several words, English.
 */
export const SEARCH_QUERIES: { text: string; kind: QueryKind }[] = [
  ...['p', 'ps', 'psi', 'psic', 'psico', 'psicol', 'psicoló', 'psicológica'].map((text) => ({
    text,
    kind: 'typing' as const,
  })),
  { text: 'albergue', kind: 'word' },
  { text: 'consulado', kind: 'word' },
  { text: 'fiscalía', kind: 'word' },
  { text: 'interpretación', kind: 'word' },
  { text: 'niñez', kind: 'word' },
  { text: 'asilo', kind: 'word' },
  { text: 'Copán', kind: 'word' },
  { text: 'Choluteca', kind: 'word' },
  { text: 'Trifinio', kind: 'word' },
  ...['a', 'al', 'alo', 'aloj', 'aloja', 'alojam', 'alojamiento'].map((text) => ({ text, kind: 'typing' as const })),
  { text: 'fiscalia', kind: 'no accents' },
  { text: 'ninez', kind: 'no accents' },
  { text: 'interpretacion', kind: 'no accents' },
  { text: 'copan ruinas', kind: 'no accents' },
  { text: 'medica', kind: 'no accents' },
  { text: 'juridica', kind: 'no accents' },
  { text: 'danli', kind: 'no accents' },
  { text: 'albergie', kind: 'typo' },
  { text: 'consulafo', kind: 'typo' },
  { text: 'psicologca', kind: 'typo' },
  { text: 'refugip', kind: 'typo' },
  { text: 'migrasion', kind: 'typo' },
  { text: 'violacon', kind: 'typo' },
  ...['c', 'ca', 'cas', 'casa', 'casa r', 'casa re', 'casa ref', 'casa refugio'].map((text) => ({
    text,
    kind: 'typing' as const,
  })),
  { text: 'atención psicológica', kind: 'multi-word' },
  { text: 'asesoría jurídica gratuita', kind: 'multi-word' },
  { text: 'salud mental niñez', kind: 'multi-word' },
  { text: 'centro de salud ocotepeque', kind: 'multi-word' },
  { text: 'retorno asistido consulado', kind: 'multi-word' },
  { text: 'profilaxis vih 72 horas', kind: 'multi-word' },
  { text: 'safe house', kind: 'english' },
  { text: 'legal aid', kind: 'english' },
  { text: 'shelter women', kind: 'english' },
  { text: 'interpreters sign language', kind: 'english' },
  { text: 'child protection', kind: 'english' },
  { text: 'emergency police', kind: 'english' },
];
