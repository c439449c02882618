// A jsdom window, installed before React loads (see the support file for why not the docblock).
import '../support/install-jsdom';
import { act, cleanup, fireEvent, render } from '@testing-library/react';
import i18next, { type i18n as I18n } from 'i18next';
import type { ReactElement } from 'react';
import { I18nextProvider, initReactI18next } from 'react-i18next';
import { MemoryRouter } from 'react-router';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import consoleEn from '../../../locales/en/console.json';
import en from '../../../locales/en/translation.json';
import consoleEs from '../../../locales/es/console.json';
import es from '../../../locales/es/translation.json';
import { ChangeList } from '../../../src/app/console/ChangeList';
import { type FieldIssue, useDescribeIssues } from '../../../src/app/console/issues';
import { LoginScreen } from '../../../src/app/console/LoginScreen';
import { SessionProvider } from '../../../src/app/console/session';
import { ConflictPanel } from '../../../src/app/features/console-providers/components/ConflictPanel';
import { MissingTranslations } from '../../../src/app/features/console-providers/components/MissingTranslations';
import { ProviderFields } from '../../../src/app/features/console-providers/components/ProviderFields';
import { emptyPhone, formFromBody, type ProviderForm } from '../../../src/app/features/console-providers/provider-form';
import { APP_LANGUAGES } from '../../../src/app/i18n/resolve-language';
import type { DraftRecord } from '../../../src/core/console/protocol';
import { Provider } from '../../../src/core/handbook/schema';
import { uninstallJsdom } from '../support/install-jsdom';
import { markStrings, unmarked } from './support/unmarked-strings';

const i18nFor: Record<string, I18n> = {};
const SAVED_AT = '2026-11-24T10:32:00.000Z';

beforeAll(async () => {
  for (const [language, translation, console] of [
    ['es', es, consoleEs],
    ['en', en, consoleEn],
  ] as const) {
    const instance = i18next.createInstance();
    await instance.use(initReactI18next).init({
      resources: { [language]: { translation: markStrings(translation), console: markStrings(console) } },
      lng: language,
      fallbackLng: false,
      interpolation: { escapeValue: false },
    });
    i18nFor[language] = instance;
  }
});
afterEach(() => cleanup());
afterAll(() => uninstallJsdom());

/** A provider whose every text is marked as content. */
const provider = {
  id: 'hospital-area',
  name: { es: '«Hospital de Área»', en: '«Area Hospital»' },
  alternate_name: '«HA»',
  description: { es: '«Atención clínica»', en: '«Clinical care»' },
  services: ['health', 'sexual_violence_care'],
  populations: ['women', 'children'],
  languages: ['es', 'miq'],
  phones: [{ number: '+50426533060', type: 'voice', description: { es: '«Urgencias»', en: '«Emergency ward»' } }],
  whatsapp: '+50496331208',
  address: { address_1: '«Barrio El Centro»', city: '«Ocotepeque»', state_province: '«Ocotepeque»', country: 'HN' },
  latitude: 14.43,
  longitude: -89.18,
  schedules: [{ byday: ['FR', 'SA'], opens_at: '22:00', closes_at: '06:00' }],
  visibility: 'restricted',
  provenance: { source: '«Directorio de salud»', verifiedAt: '2025-11-01', verifiedBy: '«Comisión»' },
};

/** The editor with a form that has a problem of each kind: missing text, wrong phone, no service… */
function BrokenForm() {
  const describe = useDescribeIssues();
  const form: ProviderForm = {
    ...formFromBody(provider, 'HN'),
    name: { es: '«Hospital de Área»', en: '' },
    services: [],
    email: 'not-an-email',
    phones: [...formFromBody(provider, 'HN').phones, { ...emptyPhone(), text: '2653' }],
  };
  const parsed = Provider.safeParse({ ...provider, name: form.name, services: [], email: form.email, id: 'Bad Id' });
  const issues: FieldIssue[] = parsed.success ? [] : describe(parsed.error);
  return (
    <>
      <MissingTranslations form={form} />
      <ProviderFields value={form} onChange={() => {}} issues={issues} country="HN" isNew onVerifiedToday={() => {}} />
    </>
  );
}

const theirs: DraftRecord = {
  key: 'provider/hospital-area',
  revision: 3,
  archived: true,
  updatedAt: SAVED_AT,
  updatedBy: '«Luis»',
  body: { ...provider, phones: [{ number: '+50426534000', type: 'hotline' }], email: '«contacto@example.org»' },
};

const SCREENS: [string, () => ReactElement][] = [
  [
    'sign-in',
    () => (
      <SessionProvider>
        <LoginScreen />
      </SessionProvider>
    ),
  ],
  ['provider form with problems', () => <BrokenForm />],
  [
    'conflict',
    () => (
      <ConflictPanel
        base={provider}
        mine={{ ...provider, phones: [], schedules: [], visibility: 'public' }}
        theirs={theirs}
        working={false}
        onTakeTheirs={() => {}}
        onTheirsPlusMine={() => {}}
        onSaveMineAgain={() => {}}
      />
    ),
  ],
  [
    'what changed',
    () => (
      <ChangeList
        changes={[
          {
            key: 'provider/hospital-area',
            kind: 'provider',
            change: 'changed',
            name: provider.name,
            fields: ['phones', 'x'],
          },
          {
            key: 'provider/nuevo',
            kind: 'provider',
            change: 'added',
            name: { es: '«Nuevo»', en: '«New»' },
            fields: [],
          },
          {
            key: 'checklist/viejo',
            kind: 'checklist',
            change: 'removed',
            name: { es: '«Vieja»', en: '«Old»' },
            fields: [],
          },
        ]}
      />
    ),
  ],
];

/** Text the platform's Intl writes from data: language, region and date names. */
function allowed(language: string): string[] {
  const languages = new Intl.DisplayNames([language], { type: 'language', fallback: 'code' });
  return [
    ...['es', 'en', 'miq'].map((code) => languages.of(code) ?? code),
    ...APP_LANGUAGES.map((code) => new Intl.DisplayNames([code], { type: 'language' }).of(code) ?? code),
    new Intl.DisplayNames([language], { type: 'region' }).of('HN') ?? 'HN',
    new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(SAVED_AT)),
  ];
}

describe('no console string outside locales/', () => {
  it('the check catches a word written in a component', () => {
    const { container } = render(<p>⟦Guardar⟧ «Caminos» Save 2653-3060</p>);
    expect(unmarked(container, allowed('es')).found).toEqual(['"Save" in "⟦Guardar⟧ «Caminos» Save 2653-3060"']);
  });

  for (const language of APP_LANGUAGES) {
    it.each(SCREENS)(`%s, in ${language}`, async (name, screenElement) => {
      const { container } = render(
        <I18nextProvider i18n={i18nFor[language] as I18n}>
          <MemoryRouter initialEntries={['/admin/login']}>{screenElement()}</MemoryRouter>
        </I18nextProvider>,
      );
      await act(() => new Promise((resolve) => setTimeout(resolve, 20)));
      const signIn = container.querySelector<HTMLButtonElement>('button[type="submit"]');
      // A failed sign-in shows its message too.
      if (name === 'sign-in' && signIn) await act(async () => fireEvent.click(signIn));
      expect(container.textContent).toMatch(/⟦/);
      expect(unmarked(container, allowed(language)).found).toEqual([]);
    });
  }
});
