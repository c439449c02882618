// A jsdom window, installed before React loads (see the support file for why not the docblock).
import '../support/install-jsdom';
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import i18next, { type i18n as I18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { MemoryRouter, Route, Routes } from 'react-router';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import enCases from '../../../locales/en/cases.json';
import enReferrals from '../../../locales/en/referrals.json';
import en from '../../../locales/en/translation.json';
import esCases from '../../../locales/es/cases.json';
import esReferrals from '../../../locales/es/referrals.json';
import es from '../../../locales/es/translation.json';
import { createCase, saveCase, saveReferral } from '../../../src/app/cases/case-store';
import type { RutasDatabase } from '../../../src/app/db/database';
import { ReferralFormScreen } from '../../../src/app/features/referrals/components/ReferralFormScreen';
import { ReferralScreen } from '../../../src/app/features/referrals/components/ReferralScreen';
import { ReferralSlipScreen } from '../../../src/app/features/referrals/components/ReferralSlipScreen';
import { ReferralsScreen } from '../../../src/app/features/referrals/components/ReferralsScreen';
import type { JurisdictionHandbook } from '../../../src/app/handbook/types';
import type { Vault } from '../../../src/app/protection/vault';
import type { CaseAnswers, CaseFile, Referral } from '../../../src/core/case/model';
import { ADULT_ANSWERS, sampleRelease, UNKNOWN_ANSWERS } from '../core/referral-support';
import { uninstallJsdom } from '../support/install-jsdom';
import { deviceWithPin, UnlockedDevice } from './support/case-device';

const NOTES = 'met her at the bus terminal with her uncle';
const languages: Record<'es' | 'en', I18n> = {} as Record<'es' | 'en', I18n>;
let handbook: JurisdictionHandbook;

beforeAll(async () => {
  const release = await sampleRelease('hn-ocotepeque');
  handbook = { ...release, release: { jurisdictionId: release.jurisdiction.id, number: 1 } } as JurisdictionHandbook;
  for (const language of ['es', 'en'] as const) {
    const instance = i18next.createInstance();
    await instance.use(initReactI18next).init({
      resources: {
        es: { translation: es, referrals: esReferrals, cases: esCases },
        en: { translation: en, referrals: enReferrals, cases: enCases },
      },
      lng: language,
      ns: ['translation', 'referrals', 'cases'],
      fallbackLng: false,
      interpolation: { escapeValue: false },
    });
    languages[language] = instance;
  }
});
afterAll(uninstallJsdom);

let db: RutasDatabase;
let vault: Vault;
let count = 0;
afterEach(async () => {
  cleanup();
  vi.unstubAllGlobals();
  db?.close();
  await db?.delete();
});

/** A device with a PIN set and a case. */
async function deviceWithCase(answers: CaseAnswers, personLanguage?: string): Promise<CaseFile> {
  ({ db, vault } = await deviceWithPin(`rutas-referrals-${count++}`));
  const created = await createCase(vault, {
    jurisdictionId: handbook.jurisdiction.id,
    routeId: handbook.routes[0]?.id ?? '',
  });
  const file = { ...created, answers, notes: NOTES, ...(personLanguage && { personLanguage }) };
  await saveCase(vault, file);
  return file;
}

function renderAt(path: string, language: 'es' | 'en' = 'en') {
  return render(
    <UnlockedDevice i18n={languages[language] as I18n} device={{ db, vault }} handbook={handbook}>
      <MemoryRouter initialEntries={[path]}>
        <Routes>
          <Route path="/j/:jurisdictionId/cases/:caseId/refer/:stepId" element={<ReferralFormScreen />} />
          <Route path="/j/:jurisdictionId/referrals" element={<ReferralsScreen />} />
          <Route path="/j/:jurisdictionId/referrals/:referralId" element={<ReferralScreen />} />
          <Route path="/j/:jurisdictionId/referrals/:referralId/slip" element={<ReferralSlipScreen />} />
        </Routes>
      </MemoryRouter>
    </UnlockedDevice>,
  );
}

const checked = (element: HTMLElement) => (element as HTMLInputElement).checked;
const jurisdiction = () => handbook.jurisdiction.id;
const storedReferrals = () => vault.openAll<Referral>('referral');

describe('referring an adult', () => {
  it.each(['en', 'es'] as const)('%s: no consent, no referral; with consent, a draft referral', async (language) => {
    const strings = language === 'en' ? enReferrals : esReferrals;
    const file = await deviceWithCase(ADULT_ANSWERS);
    renderAt(
      `/j/${jurisdiction()}/cases/${file.id}/refer/derivar-con-consentimiento?provider=omm-ocotepeque`,
      language,
    );

    await screen.findByRole('heading', { level: 1, name: strings.form.title.replace('{{code}}', file.caseCode) });
    expect(checked(screen.getByRole('radio', { name: /OMM/ }))).toBe(true);
    expect(screen.queryByText(strings.form.consent.mandatoryChildTitle)).toBeNull();

    fireEvent.click(screen.getByRole('button', { name: strings.form.create }));
    expect(await screen.findByRole('alert')).toHaveProperty('textContent', strings.form.consent.required);

    fireEvent.click(screen.getByRole('radio', { name: strings.form.consent.no }));
    expect(screen.getByText(strings.form.consent.declined)).toBeTruthy();
    expect(screen.queryByRole('button', { name: strings.form.create })).toBeNull();
    expect(await storedReferrals()).toEqual([]);

    fireEvent.click(screen.getByRole('radio', { name: strings.form.consent.yes }));
    fireEvent.change(screen.getByLabelText(strings.form.notes.label), { target: { value: 'call first' } });
    fireEvent.click(screen.getByRole('button', { name: strings.form.create }));

    await screen.findByRole('heading', { level: 1, name: strings.detail.title.replace('{{code}}', file.caseCode) });
    const [referral] = await storedReferrals();
    expect(referral).toMatchObject({
      caseCode: file.caseCode,
      consent: 'given',
      status: 'draft',
      stepId: 'derivar-con-consentimiento',
      notes: 'call first',
    });
    expect(referral?.provider.id).toBe('omm-ocotepeque');
    expect(JSON.stringify(referral)).not.toContain(NOTES);
  });
});

describe('referring a child', () => {
  it('shows the mandatory-referral notice instead of the consent question', async () => {
    const file = await deviceWithCase(UNKNOWN_ANSWERS);
    renderAt(`/j/${jurisdiction()}/cases/${file.id}/refer/derivacion-obligatoria-nna`);
    await screen.findByText(enReferrals.form.consent.mandatoryChildTitle);
    expect(screen.queryByRole('radio', { name: enReferrals.form.consent.yes })).toBeNull();
    // The engine's suggestion for a child's protection is "immediate".
    expect(checked(screen.getByRole('radio', { name: enReferrals.urgency.immediate }))).toBe(true);
    fireEvent.click(screen.getByRole('button', { name: enReferrals.form.create }));
    await screen.findByText(enReferrals.detail.consentChild);
    const [referral] = await storedReferrals();
    expect(referral?.consent).toBe('mandatory_child');
  });

  it('says when the step no longer applies to the case', async () => {
    const file = await deviceWithCase({ ...ADULT_ANSWERS, consent: 'no' });
    renderAt(`/j/${jurisdiction()}/cases/${file.id}/refer/derivacion-obligatoria-nna`);
    await screen.findByText(enReferrals.form.noStep);
  });
});

/** A referral made through the form's rules, stored as the form would. */
async function storedReferral(overrides: Partial<Referral> = {}): Promise<{ file: CaseFile; referral: Referral }> {
  const file = await deviceWithCase(ADULT_ANSWERS, 'ht');
  const provider = handbook.providers.find((p) => p.id === 'omm-ocotepeque');
  const referral: Referral = {
    id: 'referral-1',
    caseId: file.id,
    caseCode: file.caseCode,
    jurisdictionId: jurisdiction(),
    routeId: file.routeId,
    stepId: 'derivar-con-consentimiento',
    stepTitle: { es: 'Derive con consentimiento', en: 'Refer with consent' },
    safeguard: null,
    stageKind: 'referral',
    provider: {
      id: provider?.id ?? 'omm-ocotepeque',
      name: provider?.name ?? { es: 'OMM', en: 'OMM' },
      phones: [{ number: '+50426630000', display: '2663-0000' }],
      whatsapp: '+50499990000',
    },
    consent: 'given',
    urgency: 'within_24h',
    deadlines: [],
    status: 'draft',
    statusHistory: [{ status: 'draft', at: '2026-11-23T15:00:00.000Z' }],
    createdAt: '2026-11-23T15:00:00.000Z',
    notes: 'her uncle must not know',
    ...overrides,
  };
  await saveReferral(vault, referral);
  return { file, referral };
}

describe('a referral', () => {
  it('shares a slip with the case code and provider but never the notes, and is then sent', async () => {
    const { file, referral } = await storedReferral();
    const share = vi.fn(async (_data: ShareData) => {});
    vi.stubGlobal('navigator', Object.assign(Object.create(navigator), { share }));
    renderAt(`/j/${jurisdiction()}/referrals/${referral.id}`);

    await screen.findByText(enReferrals.detail.current.replace('{{status}}', enReferrals.status.draft));
    fireEvent.click(await screen.findByRole('button', { name: enReferrals.share.share }));
    await screen.findByText(enReferrals.share.shared);
    const text = share.mock.calls[0]?.[0].text ?? '';
    expect(text).toContain(file.caseCode);
    expect(text).toContain(referral.provider.name.en);
    expect(text).toContain('Haitian Creole');
    expect(text).not.toContain(referral.notes);
    expect(text).not.toContain(NOTES);

    await screen.findByText(enReferrals.detail.current.replace('{{status}}', enReferrals.status.sent));
    const [stored] = await storedReferrals();
    expect(stored?.statusHistory.map((h) => h.status)).toEqual(['draft', 'sent']);

    const whatsapp = screen.getByRole('link', { name: /WhatsApp/ });
    expect(whatsapp.getAttribute('href')).toBe(`https://wa.me/50499990000?text=${encodeURIComponent(text)}`);

    fireEvent.click(screen.getByRole('button', { name: enReferrals.move.received }));
    await screen.findByText(enReferrals.detail.current.replace('{{status}}', enReferrals.status.received));
    expect(screen.queryByRole('button', { name: enReferrals.move.sent })).toBeNull();
    expect(screen.getByRole('button', { name: enReferrals.move.attended })).toBeTruthy();
  });

  it('without Web Share, says how else to send the slip; the QR code is drawn on demand', async () => {
    const { referral } = await storedReferral();
    vi.stubGlobal('navigator', Object.assign(Object.create(navigator), { share: undefined }));
    renderAt(`/j/${jurisdiction()}/referrals/${referral.id}`);
    await screen.findByText(enReferrals.share.shareUnavailable);
    expect(screen.queryByRole('button', { name: enReferrals.share.share })).toBeNull();
    fireEvent.click(await screen.findByRole('button', { name: enReferrals.share.qrShow }));
    const qr = await screen.findByRole('img', {
      name: enReferrals.share.qrAlt.replace('{{code}}', referral.caseCode),
    });
    expect(qr.getAttribute('src')).toMatch(/^data:image\/svg\+xml/);
  });

  it('whose provider a later release removed keeps the copy made when referring, with a notice', async () => {
    const { referral } = await storedReferral({
      provider: { id: 'closed-shelter', name: { es: 'Albergue cerrado', en: 'Closed shelter' }, phones: [] },
    });
    renderAt(`/j/${jurisdiction()}/referrals/${referral.id}`);
    await screen.findByText(enReferrals.detail.removedProvider);
    expect(screen.getAllByText('Closed shelter').length).toBeGreaterThan(0);
  });

  it('prints a slip with only what the provider needs', async () => {
    const { file, referral } = await storedReferral();
    const print = vi.fn();
    vi.stubGlobal('print', print);
    renderAt(`/j/${jurisdiction()}/referrals/${referral.id}/slip`, 'es');
    const slip = await screen.findByRole('article');
    expect(within(slip).getByRole('heading', { level: 1 }).textContent).toBe(esReferrals.slip.title);
    expect(slip.textContent).toContain(file.caseCode);
    expect(slip.textContent).not.toContain(referral.notes);
    await act(async () => fireEvent.click(screen.getByRole('button', { name: esReferrals.slip.print })));
    expect(print).toHaveBeenCalledOnce();
    await waitFor(async () => expect((await storedReferrals())[0]?.status).toBe('sent'));
  });
});

describe('the list of referrals', () => {
  it('lists them newest first and filters by status', async () => {
    const { referral } = await storedReferral();
    await saveReferral(vault, {
      ...referral,
      id: 'referral-2',
      createdAt: '2026-11-24T15:00:00.000Z',
      status: 'sent',
      statusHistory: [...referral.statusHistory, { status: 'sent', at: '2026-11-24T15:00:00.000Z' }],
      provider: { ...referral.provider, name: { es: 'Segundo', en: 'Second' } },
    });
    renderAt(`/j/${jurisdiction()}/referrals`);
    await screen.findByText(enReferrals.list.count_other.replace('{{count}}', '2'));
    const titles = () => [...document.querySelectorAll('.card-title')].map((e) => e.textContent);
    expect(titles()).toEqual(['Second', referral.provider.name.en]);
    fireEvent.change(screen.getByLabelText(enReferrals.list.filter), { target: { value: 'draft' } });
    await screen.findByText(enReferrals.list.count_one.replace('{{count}}', '1'));
    expect(titles()).toEqual([referral.provider.name.en]);
  });
});
