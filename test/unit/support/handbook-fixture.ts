import type { Handbook, HandbookInput, Provider } from '../../../src/core/handbook/schema';
import { validateHandbook } from '../../../src/core/handbook/validate';

/**
 * A small, valid handbook of a fictional Honduran border municipality, written by hand so
 * that every test knows exactly what it holds. Phone numbers are valid Honduran numbers
 * (libphonenumber-js), except the Guatemalan consulate's, which is a valid foreign number.
 */
export function sampleHandbookInput(): HandbookInput {
  const unverified = { source: 'Rutas test fixture', verifiedAt: null, verifiedBy: null };
  return {
    jurisdiction: {
      id: 'hn-prueba',
      name: { es: 'Prueba, Honduras', en: 'Prueba, Honduras (test)' },
      localName: 'Nueva Prueba',
      country: 'HN',
      subdivision: 'HN-OC',
      defaultLanguage: 'es',
      timeZone: 'America/Tegucigalpa',
      emergencyNumbers: [
        {
          label: { es: 'Emergencias', en: 'Emergencies' },
          number: '911',
          provenance: unverified,
        },
        {
          label: { es: 'Línea contra la trata', en: 'Anti-trafficking line' },
          number: '145',
          provenance: unverified,
        },
      ],
      summary: { es: 'Municipio fronterizo de prueba.', en: 'A test border municipality.' },
    },
    providers: [
      {
        id: 'caminos',
        name: { es: 'Caminos — Atención psicológica', en: 'Caminos — Psychological care' },
        alternate_name: 'Asociación Caminos',
        description: {
          es: 'Acompañamiento psicosocial para mujeres migrantes.',
          en: 'Psychosocial support for migrant women.',
        },
        services: ['mental_health'],
        populations: ['women', 'migrants'],
        languages: ['es', 'en'],
        phones: [{ number: '+50426533544', type: 'voice', description: { es: 'Recepción', en: 'Front desk' } }],
        address: {
          address_1: 'Barrio El Centro',
          city: 'Nueva Ocotepeque',
          state_province: 'Ocotepeque',
          country: 'HN',
        },
        latitude: 14.4361,
        longitude: -89.1831,
        schedules: [{ byday: ['MO', 'TU', 'WE', 'TH', 'FR'], opens_at: '08:00', closes_at: '16:00' }],
        visibility: 'public',
        provenance: { source: 'Visita de la comisión municipal', verifiedAt: '2024-09-10', verifiedBy: 'Comisión' },
      },
      {
        id: 'albergue-san-jose',
        name: { es: 'Albergue San José', en: 'San José Shelter' },
        description: { es: 'Alojamiento temporal para niñez migrante.', en: 'Temporary housing for migrant children.' },
        services: ['shelter', 'child_protection'],
        populations: ['children', 'migrants'],
        languages: ['es'],
        phones: [{ number: '+50426533310', type: 'hotline' }],
        whatsapp: '+50496331208',
        latitude: 14.5,
        longitude: -89.3,
        schedules: [{ byday: ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'], opens_at: '00:00', closes_at: '24:00' }],
        visibility: 'public',
        provenance: unverified,
      },
      {
        id: 'hospital-area',
        name: { es: 'Hospital de Área', en: 'Area Hospital' },
        description: {
          es: 'Atención clínica tras violencia sexual, las 24 horas en urgencias.',
          en: 'Clinical care after sexual violence, emergency ward around the clock.',
        },
        services: ['health', 'sexual_violence_care'],
        populations: ['women', 'men', 'children'],
        languages: ['es', 'miq'],
        phones: [{ number: '+50426533060', type: 'voice' }],
        schedules: [
          {
            byday: ['FR', 'SA'],
            opens_at: '22:00',
            closes_at: '06:00',
            description: { es: 'Turno de noche', en: 'Night shift' },
          },
        ],
        visibility: 'public',
        provenance: { source: 'Directorio de salud', verifiedAt: '2025-11-01', verifiedBy: null },
      },
      {
        id: 'consulado-guatemala',
        name: { es: 'Consulado de Guatemala', en: 'Consulate of Guatemala' },
        description: { es: 'Asistencia consular a personas guatemaltecas.', en: 'Consular assistance to Guatemalans.' },
        services: ['consular'],
        populations: ['migrants'],
        languages: ['es'],
        phones: [{ number: '+50222345678', type: 'voice' }],
        visibility: 'public',
        provenance: unverified,
      },
      {
        id: 'casa-refugio-secreta',
        name: { es: 'Casa Refugio Escondida', en: 'Hidden Safe House' },
        description: { es: 'Casa de acogida de ubicación reservada.', en: 'Safe house at a confidential location.' },
        services: ['shelter'],
        populations: ['women'],
        languages: ['es'],
        phones: [{ number: '+50433572814', type: 'cell' }],
        latitude: 14.41,
        longitude: -89.2,
        visibility: 'restricted',
        provenance: unverified,
      },
    ],
    routes: [
      {
        id: 'ruta-principal',
        title: { es: 'Ruta municipal', en: 'Municipal route' },
        summary: { es: 'Qué hacer y con quién.', en: 'What to do and with whom.' },
        principles: [{ es: 'No revictimización.', en: 'No revictimisation.' }],
        stages: [
          {
            id: 'identificacion',
            kind: 'identification',
            title: { es: 'Identificación', en: 'Identification' },
            summary: { es: 'Reconozca señales.', en: 'Recognise signs.' },
            steps: [
              {
                id: 'alojamiento-ninez',
                title: { es: 'Alojamiento seguro', en: 'Safe housing' },
                action: { es: 'Llame al albergue.', en: 'Call the shelter.' },
                responsible: ['albergue-san-jose', 'casa-refugio-secreta'],
                timeframe: { es: 'El mismo día', en: 'The same day' },
                legalBasis: { es: 'Ley contra la Trata, art. 1', en: 'Anti-Trafficking Act, s. 1' },
                conditions: { all: ['child'], none: ['immediate_danger'] },
              },
              {
                id: 'apoyo-psicologico',
                title: { es: 'Apoyo psicológico', en: 'Psychological support' },
                action: { es: 'Derive a Caminos.', en: 'Refer to Caminos.' },
                responsible: ['caminos'],
              },
            ],
          },
        ],
      },
    ],
    checklists: [
      {
        id: 'indicadores',
        title: { es: 'Indicadores generales', en: 'General indicators' },
        summary: { es: 'Señales posibles.', en: 'Possible signs.' },
        guidance: [{ es: 'Pregunte a solas.', en: 'Ask when alone.' }],
        groups: [
          {
            id: 'control',
            title: { es: 'Control', en: 'Control' },
            relationship: 'control',
            indicators: [
              {
                id: 'documentos',
                text: { es: 'Otra persona guarda sus documentos.', en: 'Someone else keeps their documents.' },
                question: { es: '¿Quién tiene su pasaporte?', en: 'Who has your passport?' },
                guidance: { es: 'No insista.', en: 'Do not insist.' },
              },
            ],
          },
        ],
        ifPresent: { es: 'Derive a la CICESCT.', en: 'Refer to CICESCT.' },
      },
    ],
  };
}

/** The sample handbook as validated, with the schema's defaults filled in. */
export function sampleHandbook(input: HandbookInput = sampleHandbookInput()): Handbook {
  const result = validateHandbook(input);
  if (!result.ok) throw new Error(`fixture handbook is invalid: ${JSON.stringify(result.issues, null, 2)}`);
  return result.handbook;
}

/** A public provider with every required field, for tests that only care about a few. */
export function provider(overrides: Partial<Provider> & Pick<Provider, 'id'>): Provider {
  return {
    name: { es: overrides.id, en: overrides.id },
    description: { es: 'Servicio de prueba', en: 'Test service' },
    services: ['case_management'],
    populations: ['women'],
    languages: ['es'],
    phones: [],
    schedules: [],
    visibility: 'public',
    provenance: { source: 'test', verifiedAt: null, verifiedBy: null },
    ...overrides,
  };
}
