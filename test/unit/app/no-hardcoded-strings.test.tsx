// A jsdom window, installed before React loads (see the support file for why not the docblock).
import '../support/install-jsdom';
import { readFileSync } from 'node:fs';
import { act, cleanup, render, screen, waitFor } from '@testing-library/react';
import i18next, { type i18n as I18n } from 'i18next';
import { I18nextProvider, initReactI18next } from 'react-i18next';
import { MemoryRouter } from 'react-router';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import en from '../../../locales/en/translation.json';
import es from '../../../locales/es/translation.json';
import { formatAge } from '../../../src/app/components/format-age';
import { RutasDatabase } from '../../../src/app/db/database';
import { DexieHandbookStore } from '../../../src/app/handbook/dexie-store';
import { HandbookStoreProvider } from '../../../src/app/handbook/hooks';
import { MemoryHandbookStore } from '../../../src/app/handbook/memory-store';
import type { StorageProblem } from '../../../src/app/handbook/types';
import { FIELD_NAMESPACES } from '../../../src/app/i18n/field-strings';
import { APP_LANGUAGES } from '../../../src/app/i18n/resolve-language';
import { AppRoutes } from '../../../src/app/routes';
import { SyncEngine } from '../../../src/app/sync/engine';
import { installSnapshot } from '../../../src/app/sync/install';
import { queueFieldReport } from '../../../src/app/sync/outbox';
import { registerSyncEngine } from '../../../src/app/sync/registry';
import { verificationAge } from '../../../src/core/handbook/provenance';
import type { HandbookInput } from '../../../src/core/handbook/schema';
import { handbookFromRecords, type RecordHandbook } from '../../../src/core/release/records';
import type { ReleaseSnapshot } from '../../../src/core/sync/protocol';
import { type VerifiedRelease, verifySnapshot } from '../../../src/core/sync/verify';
import { sampleHandbook, sampleHandbookInput } from '../support/handbook-fixture';
import { uninstallJsdom } from '../support/install-jsdom';
import { openReleaseStore, publishedSnapshots } from './support/real-server';
import { markStrings } from './support/unmarked-strings';

// The service worker is tested end to end; here it only has to say whether an update waits.
const pwa = vi.hoisted(() => ({ needRefresh: false }));
vi.mock('virtual:pwa-register/react', () => ({
  useRegisterSW: () => ({ needRefresh: [pwa.needRefresh, () => {}], updateServiceWorker: async () => {} }),
}));

// ----- Markers --------------------------------------------------------------------------------
// Every interface text comes out of the locales as ⟦…⟧ (the literal parts of a translation; the
// {{values}} put into it stay outside, so they are checked too), every content text out of the
// handbook as «…». Whatever else shows on screen was written in a component.

/** Free-text content fields that are not LocalizedText (ids, codes, numbers and dates are data, not text). */
const FREE_TEXT_FIELDS = new Set([
  'localName',
  'alternate_name',
  'address_1',
  'address_2',
  'city',
  'state_province',
  'source',
  'verifiedBy',
]);

function markContent(value: unknown, field?: string): unknown {
  if (Array.isArray(value)) return value.map((v) => markContent(v));
  if (value && typeof value === 'object') {
    const entries = Object.entries(value);
    const isLocalizedText = 'es' in value && 'en' in value && entries.every(([, v]) => typeof v === 'string');
    return Object.fromEntries(entries.map(([k, v]) => [k, isLocalizedText ? `«${v}»` : markContent(v, k)]));
  }
  if (typeof value === 'string' && field && FREE_TEXT_FIELDS.has(field)) return `«${value}»`;
  return value;
}

// ----- The fixture ------------------------------------------------------------------------------

const NOW = new Date('2026-11-23T15:00:00Z'); // Monday 09:00 in Honduras
const PUBLISHED = new Date('2026-11-01T14:30:00Z');
/** The device last heard from the server 40 days before NOW: the handbook is stale. */
const INSTALLED = new Date('2026-10-14T15:00:00Z');
/** The server's English reason, kept with a refused report for logs: it must never reach the screen. */
const SERVER_REFUSAL = 'Another report has this id';
let snapshot: ReleaseSnapshot;
let verified: VerifiedRelease;
let publicKey: string;
/** The handbook content the screens show (records of a signed public release). */
let handbook: RecordHandbook;
const i18nFor: Record<string, I18n> = {};

/** The field screens' own namespaces (locales/<language>/<namespace>.json), marked like translation.json. */
function fieldStrings(language: string) {
  return Object.fromEntries(
    FIELD_NAMESPACES.map((namespace) => [
      namespace,
      markStrings(JSON.parse(readFileSync(`locales/${language}/${namespace}.json`, 'utf8'))),
    ]),
  );
}

beforeAll(async () => {
  const input = markContent(sampleHandbookInput()) as HandbookInput;
  const signer = await openReleaseStore();
  publicKey = signer.publicKey;
  // Release 3: two earlier editions (another local name each) come before the one shown.
  const editions = ['1', '2'].map((n) =>
    sampleHandbook({ ...input, jurisdiction: { ...input.jurisdiction, localName: n } }),
  );
  snapshot = (
    await publishedSnapshots(signer, [...editions, sampleHandbook(input)], 'public', PUBLISHED)
  )[2] as ReleaseSnapshot;
  await signer.close();
  verified = await verifySnapshot(snapshot, { jurisdictionId: input.jurisdiction.id, variant: 'public', publicKey });
  handbook = handbookFromRecords(snapshot.records);
  for (const language of APP_LANGUAGES) {
    const instance = i18next.createInstance();
    await instance.use(initReactI18next).init({
      resources: {
        es: { translation: markStrings(es), ...fieldStrings('es') },
        en: { translation: markStrings(en), ...fieldStrings('en') },
      },
      lng: language,
      fallbackLng: false,
      interpolation: { escapeValue: false },
      returnNull: false,
    });
    i18nFor[language] = instance;
  }
  vi.useFakeTimers({ toFake: ['Date'], now: NOW });
});
afterAll(async () => {
  vi.useRealTimers();
  await uninstallJsdom();
});
let openDatabases: RutasDatabase[] = [];
afterEach(async () => {
  cleanup();
  pwa.needRefresh = false;
  registerSyncEngine(undefined);
  for (const db of openDatabases) {
    db.close();
    await db.delete();
  }
  openDatabases = [];
});

let databaseCount = 0;
/**
 * A device database in the state that shows every sync component: a stale handbook whose
 * last update was refused, an undismissed "what changed" list, one report waiting and one
 * refused, an enrolment; and a registered (idle) sync engine for the "Update now" button.
 */
async function deviceWithSyncHistory(): Promise<RutasDatabase> {
  const db = new RutasDatabase(`rutas-strings-${databaseCount++}`);
  openDatabases.push(db);
  const id = handbook.jurisdiction.id;
  await installSnapshot(db, snapshot, { jurisdictionId: id, variant: 'public', publicKey }, { now: INSTALLED });
  const caminos = handbook.providers.find((p) => p.id === 'caminos');
  const albergue = handbook.providers.find((p) => p.id === 'albergue-san-jose');
  await db.syncStates.put({
    jurisdictionId: id,
    lastError: { reason: 'signature', at: INSTALLED.toISOString(), releaseNumber: 4 },
    whatChanged: {
      from: 2,
      to: 3,
      at: INSTALLED.toISOString(),
      dismissed: false,
      changes: [
        {
          key: 'jurisdiction',
          kind: 'jurisdiction',
          change: 'changed',
          name: handbook.jurisdiction.name,
          fields: ['emergencyNumbers'],
        },
        {
          key: 'provider/caminos',
          kind: 'provider',
          change: 'changed',
          ...(caminos && { name: caminos.name }),
          fields: ['phones', 'schedules', 'address', 'aFieldAddedLater'],
        },
        {
          key: 'provider/albergue-san-jose',
          kind: 'provider',
          change: 'added',
          ...(albergue && { name: albergue.name }),
          fields: [],
        },
        {
          key: 'checklist/indicadores',
          kind: 'checklist',
          change: 'removed',
          name: handbook.checklists[0]?.title,
          fields: [],
        },
      ],
    },
  });
  const draft = { jurisdictionId: id, providerId: 'caminos', releaseNumber: 3, details: '' };
  await queueFieldReport(db, { ...draft, problem: 'no-answer' }, PUBLISHED, caminos?.name);
  const refused = await queueFieldReport(db, { ...draft, problem: 'other', details: 'x' }, PUBLISHED, caminos?.name);
  await db.outbox.update(refused.id, { lastError: { status: 409, message: SERVER_REFUSAL } });
  await db.enrolments.put({ jurisdictionId: id, deviceToken: 'token'.repeat(8), enrolledAt: PUBLISHED.toISOString() });
  registerSyncEngine(new SyncEngine(db, { origin: 'http://127.0.0.1:9', publicKey }));
  return db;
}

/**
 * What may show on screen without markers: text the platform's Intl produces from data
 * (country and language names, dates, relative ages), the time zone's IANA name, the app's
 * version. Computed here with the same Intl calls, so nothing else slips through.
 */
function allowedExceptions(language: string): string[] {
  const languageCodes = new Set([...handbook.providers.flatMap((p) => p.languages), ...APP_LANGUAGES]);
  const languageNames = new Intl.DisplayNames([language], { type: 'language', fallback: 'code' });
  const allowed = [
    new Intl.DisplayNames([language], { type: 'region' }).of(handbook.jurisdiction.country),
    ...[...languageCodes].map((code) => languageNames.of(code)),
    ...APP_LANGUAGES.map((code) => new Intl.DisplayNames([code], { type: 'language' }).of(code)),
    handbook.jurisdiction.timeZone,
    new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' }).format(PUBLISHED),
    'test', // __APP_VERSION__ in vitest.config.ts
    formatAge(INSTALLED, NOW, language), // when the handbook was updated (device database)…
    formatAge(NOW, NOW, language), // …and in memory, loaded just now
  ];
  for (const provider of handbook.providers) {
    const age = verificationAge(provider.provenance, NOW);
    if (!age || !provider.provenance.verifiedAt) continue;
    allowed.push(new Intl.RelativeTimeFormat(language, { numeric: 'auto' }).format(-age.value, age.unit));
    allowed.push(
      new Intl.DateTimeFormat(language, { dateStyle: 'long', timeZone: 'UTC' }).format(
        new Date(`${provider.provenance.verifiedAt}T00:00:00Z`),
      ),
    );
  }
  return allowed.filter((a): a is string => Boolean(a)).sort((a, b) => b.length - a.length);
}

/** Digits, punctuation and symbols only: phone numbers, times, "·", "(", ":"… */
const DATA_ONLY = /^[\p{N}\p{P}\p{S}]+$/u;

/** The fragments of a visible string that came from neither the locales nor the content. */
function unmarked(text: string, allowed: string[]): string[] {
  let rest = text.replace(/«[^«»]*»/g, ' ').replace(/⟦[^⟦⟧]*⟧/g, ' ');
  for (const exception of allowed) rest = rest.split(exception).join(' ');
  return rest
    .split(/\s+/)
    .filter(Boolean)
    .filter((fragment) => !DATA_ONLY.test(fragment));
}

const VISIBLE_ATTRIBUTES = [
  'aria-label',
  'aria-description',
  'aria-roledescription',
  'aria-valuetext',
  'placeholder',
  'title',
  'alt',
];

interface Scan {
  violations: string[];
  marked: number;
}

/** Walks every text node and visible attribute of the page. */
function scan(root: Element, allowed: string[]): Scan {
  const violations: string[] = [];
  let marked = 0;
  const check = (where: string, text: string) => {
    if (/[⟦«]/.test(text)) marked++;
    for (const fragment of unmarked(text, allowed)) violations.push(`${where}: "${fragment}" in "${text.trim()}"`);
  };
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    check(`<${node.parentElement?.tagName.toLowerCase()}> text`, node.textContent ?? '');
  }
  for (const element of [root, ...root.querySelectorAll('*')]) {
    for (const attribute of VISIBLE_ATTRIBUTES) {
      const value = element.getAttribute(attribute);
      if (value !== null) check(`<${element.tagName.toLowerCase()} ${attribute}>`, value);
    }
    if (element instanceof HTMLInputElement && ['button', 'submit', 'reset'].includes(element.type)) {
      check('<input value>', element.value);
    }
  }
  check('document.title', document.title);
  return { violations, marked };
}

// ----- Rendering every screen --------------------------------------------------------------------

const J = 'hn-prueba';
const t = (language: string, key: string) => i18nFor[language]?.t(key) ?? key;
const content = (language: string, text: { es: string; en: string }) => (language === 'en' ? text.en : text.es);

interface Page {
  url: string;
  /** The level-1 heading that shows the screen has rendered (not a loading state). */
  heading: (language: string) => string;
  problem?: StorageProblem;
  updateWaiting?: boolean;
  /** Render over a device database with a sync history (status, changes, outbox, enrolment). */
  device?: boolean;
  /** What the worker does before the page is checked (opening a form, a failed submit). */
  interact?: () => Promise<void>;
}

const providerName = (id: string) => (language: string) => {
  const provider = handbook.providers.find((p) => p.id === id);
  if (!provider) throw new Error(id);
  return content(language, provider.name);
};

const PAGES: Page[] = [
  { url: '/', heading: (l) => t(l, 'jurisdictions.title') },
  { url: '/jurisdictions', heading: (l) => t(l, 'jurisdictions.title'), problem: 'quota', updateWaiting: true },
  {
    url: `/j/${J}`,
    heading: (l) => content(l, handbook.routes[0]?.title ?? { es: '', en: '' }),
    problem: 'unavailable',
  },
  { url: `/j/${J}/providers`, heading: (l) => t(l, 'providers.title') },
  {
    url: `/j/${J}/providers?q=san&service=shelter&population=children&language=es&open=1`,
    heading: (l) => t(l, 'providers.title'),
  },
  { url: `/j/${J}/providers?q=zzzz`, heading: (l) => t(l, 'providers.title') },
  { url: `/j/${J}/providers/caminos`, heading: providerName('caminos') },
  { url: `/j/${J}/providers/albergue-san-jose`, heading: providerName('albergue-san-jose') },
  { url: `/j/${J}/providers/hospital-area`, heading: providerName('hospital-area') },
  { url: `/j/${J}/providers/consulado-guatemala`, heading: providerName('consulado-guatemala') },
  { url: `/j/${J}/checklists`, heading: (l) => t(l, 'checklists.title') },
  {
    url: `/j/${J}/checklists/indicadores`,
    heading: (l) => content(l, handbook.checklists[0]?.title ?? { es: '', en: '' }),
  },
  { url: `/j/${J}`, heading: (l) => content(l, handbook.routes[0]?.title ?? { es: '', en: '' }), device: true },
  {
    url: `/j/${J}/providers/caminos`,
    heading: providerName('caminos'),
    device: true,
    interact: async () => {
      const open = document.querySelector<HTMLButtonElement>('.report-problem button');
      await act(async () => open?.click());
      const other = document.querySelector<HTMLInputElement>('.report-problem input[value="other"]');
      await act(async () => other?.click());
      const submit = document.querySelector<HTMLButtonElement>('.report-problem button[type="submit"]');
      await act(async () => submit?.click());
      expect(document.querySelector('.report-problem [role="alert"]')).not.toBeNull();
    },
  },
  { url: '/settings', heading: (l) => t(l, 'settings.title'), device: true },
  { url: '/enrol', heading: (l) => t(l, 'enrol.title') },
  { url: '/enrol?code=abcd-2345-efgh', heading: (l) => t(l, 'enrol.title'), device: true },
  { url: '/settings', heading: (l) => t(l, 'settings.title') },
  { url: '/j/hn-desconocida', heading: (l) => t(l, 'notFound.jurisdiction') },
  { url: `/j/${J}/providers/casa-refugio-secreta`, heading: (l) => t(l, 'notFound.provider') },
  { url: `/j/${J}/checklists/no-existe`, heading: (l) => t(l, 'notFound.checklist') },
  { url: `/j/${J}/no-existe`, heading: (l) => t(l, 'notFound.page') },
  { url: '/no-existe', heading: (l) => t(l, 'notFound.page') },
];

async function renderPage(page: Page, language: string) {
  pwa.needRefresh = page.updateWaiting ?? false;
  const i18n = i18nFor[language] as I18n;
  const db = page.device ? await deviceWithSyncHistory() : undefined;
  const store = db ? new DexieHandbookStore(db) : new MemoryHandbookStore([verified]);
  render(
    <I18nextProvider i18n={i18n}>
      <HandbookStoreProvider value={{ store, problem: page.problem, ...(db && { db }) }}>
        <MemoryRouter initialEntries={[page.url]}>
          <AppRoutes />
        </MemoryRouter>
      </HandbookStoreProvider>
    </I18nextProvider>,
  );
  await screen.findByRole('heading', { level: 1, name: page.heading(language) }, { timeout: 5000 });
  await waitFor(() => expect(document.querySelector('.loading')).toBeNull());
  // Let live queries that started with the screen (jurisdiction lists, releases) settle.
  await act(() => new Promise((resolve) => setTimeout(resolve, page.device ? 50 : 10)));
  await page.interact?.();
  await openEveryDetails();
}

/** Opens every collapsed section as a worker would, so content built on opening is scanned too. */
async function openEveryDetails() {
  for (const details of document.querySelectorAll('details')) {
    if (details.open) continue;
    await act(async () => {
      details.open = true;
      details.dispatchEvent(new Event('toggle'));
    });
  }
  const steps = document.querySelectorAll('.step').length;
  expect(document.querySelectorAll('.step-body')).toHaveLength(steps);
}

describe('no user-visible string outside locales/', () => {
  it('the check itself catches a word written in a component, in text or in an attribute', () => {
    const { container } = render(
      <p>
        ⟦Llamar⟧ «Caminos» Call{' '}
        <button type="button" aria-label="Close">
          ⟦x⟧
        </button>{' '}
        2653-3544 · 08:00
      </p>,
    );
    const { violations } = scan(container, allowedExceptions('es'));
    expect(violations).toEqual([
      '<p> text: "Call" in "⟦Llamar⟧ «Caminos» Call"',
      '<button aria-label>: "Close" in "Close"',
    ]);
  });

  it('the markers do not hide missing translations: an unknown key shows as unmarked text', () => {
    const { container } = render(<p>{t('es', 'providers.noSuchKey')}</p>);
    expect(scan(container, []).violations).toEqual(['<p> text: "providers.noSuchKey" in "providers.noSuchKey"']);
  });

  for (const language of APP_LANGUAGES) {
    describe(`in ${language}`, () => {
      it.each(PAGES.map((page) => [page.url, page] as const))('%s', async (_url, page) => {
        await renderPage(page, language);
        const { violations, marked } = scan(document.body, allowedExceptions(language));
        expect(violations).toEqual([]);
        expect(marked).toBeGreaterThan(5); // the page really rendered text to check
      });
    });
  }

  it('the banner and the update prompt were among the checked screens', async () => {
    await renderPage(PAGES[1] as Page, 'es');
    expect(screen.getByRole('alert').textContent).toContain(t('es', 'storage.quotaFull'));
    expect(screen.getByRole('status').textContent).toContain(t('es', 'update.ready'));
  });

  it('the sync components were among the checked screens', async () => {
    const tEs = (key: string, options: Record<string, unknown> = {}) => (i18nFor.es as I18n).t(key, options);
    await renderPage(PAGES.find((p) => p.device && p.url === `/j/${J}`) as Page, 'es');
    const text = document.body.textContent ?? '';
    expect(text).toContain(tEs('sync.stale', { count: 40 }));
    expect(text).toContain(tEs('sync.error.signature'));
    expect(text).toContain(tEs('changes.field.phones'));
    expect(text).toContain(tEs('changes.otherDetails'));
    expect(screen.getByRole('button', { name: tEs('sync.updateNowNamed') })).toBeDefined();
    cleanup();
    await renderPage(PAGES.find((p) => p.device && p.url === '/settings') as Page, 'es');
    expect(document.body.textContent).toContain(tEs('outbox.waiting', { count: 1 }));
    expect(document.body.textContent).toContain(tEs('outbox.refused.conflict'));
    expect(document.body.textContent).not.toContain(SERVER_REFUSAL);
    expect(document.body.textContent).toContain(tEs('settings.leave'));
  });

  it('the screens show the content of the release, not something else', async () => {
    await renderPage({ url: `/j/${J}/providers/caminos`, heading: providerName('caminos') }, 'en');
    expect(document.body.textContent).toContain('«Psychosocial support for migrant women.»');
    expect(document.body.textContent).toContain('2653-3544');
    expect(document.body.textContent).toContain(t('en', 'providers.openNow'));
  });
});
