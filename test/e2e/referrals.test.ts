import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AppSession, appUrl, expectHeading, expectHtmlLang, openBrowser, textOf } from './support-app';
import {
  answerFact,
  captureSharing,
  escapeRegExp,
  expectAccessible,
  passTheLock,
  sharedSoFar,
  storedText,
} from './support-cases';
import { authoredHandbook, LANGUAGES, localized, provider, ui } from './support-data';

const J = 'hn-ocotepeque';
/** The adult referral step of the Honduran route, and a provider it names that has WhatsApp. */
const STEP = 'derivar-con-consentimiento';
const PROVIDER = 'omm-ocotepeque';
/** What the worker writes for themselves: it must never leave the device, nor show on a slip. */
const NOTES = 'Notas privadas: la tía espera afuera 7Q4';

describe.each(LANGUAGES)('a referral with consent, from the adapted route to a shared slip (%s)', (language) => {
  let session: AppSession;
  let page: Page;
  let caseCode = '';
  let referralUrl = '';

  beforeAll(async () => {
    session = await openBrowser({ locale: language === 'es' ? 'es-HN' : 'en-US' });
    page = session.page;
    await captureSharing(page);
  });

  afterAll(async () => {
    await session?.close();
  });

  it('opens a case, answers it, and refers from the adapted route', async () => {
    const handbook = await authoredHandbook(J);
    const receiving = provider(handbook, PROVIDER);
    await page.goto(appUrl(`/j/${J}/cases/new?lng=${language}`));
    const code = /RT-[2-9A-Z]{4}-[2-9A-Z]{4}/;
    await passTheLock(page, language, code);
    const caseHeading = page.locator('main h1', { hasText: code });
    await caseHeading.waitFor();
    await expectHtmlLang(page, language);
    caseCode = code.exec(await textOf(caseHeading))?.[0] ?? '';

    await answerFact(page, language, 'child', 'no');
    await answerFact(page, language, 'consent', 'yes');
    await page.getByLabel(ui(language, 'cases:language.label')).selectOption('en');
    await page
      .locator(`[aria-labelledby="step-${STEP}"]`)
      .getByRole('link', { name: ui(language, 'cases:step.referTo', { name: localized(receiving.name, language) }) })
      .click();

    await expectHeading(page, ui(language, 'referrals:form.title', { code: caseCode }));
    const chosen = page.getByRole('radio', { name: new RegExp(escapeRegExp(localized(receiving.name, language))) });
    expect(await chosen.isChecked()).toBe(true);
    await expectAccessible(page, 'referral form');

    // No consent, no referral: the form says what to do instead.
    await page.getByRole('radio', { name: ui(language, 'referrals:form.consent.no') }).check();
    await page.getByText(ui(language, 'referrals:form.consent.declined')).waitFor();
    expect(await page.getByRole('button', { name: ui(language, 'referrals:form.create') }).count()).toBe(0);

    await page.getByRole('radio', { name: ui(language, 'referrals:form.consent.yes') }).check();
    await page.getByLabel(ui(language, 'referrals:form.notes.label')).fill(NOTES);
    await page.getByRole('button', { name: ui(language, 'referrals:form.create') }).click();
    await expectHeading(page, ui(language, 'referrals:detail.title', { code: caseCode }));
    referralUrl = page.url();
    await page
      .getByText(ui(language, 'referrals:detail.current', { status: ui(language, 'referrals:status.draft') }))
      .waitFor();
  });

  it('shares the slip with the case code and the provider, never the notes; the referral is then sent', async () => {
    const receiving = provider(await authoredHandbook(J), PROVIDER);
    await expectAccessible(page, 'referral detail');
    await page.getByRole('button', { name: ui(language, 'referrals:share.share') }).click();
    await page.getByText(ui(language, 'referrals:share.shared')).waitFor();
    const shared = await sharedSoFar(page);
    expect(shared).toHaveLength(1);
    const text = shared[0]?.text ?? '';
    expect(text).toContain(caseCode);
    expect(text).toContain(localized(receiving.name, language));
    expect(text).toContain(ui(language, 'referrals:slip.consent.given'));
    expect(text).not.toContain(NOTES);
    expect(text).not.toContain('7Q4');
    await page
      .getByText(ui(language, 'referrals:detail.current', { status: ui(language, 'referrals:status.sent') }))
      .waitFor();

    // WhatsApp opens a chat with the provider's number, the same text written in.
    const whatsapp = await page
      .getByRole('link', {
        name: ui(language, 'referrals:share.whatsappNamed', { name: localized(receiving.name, language) }),
      })
      .getAttribute('href');
    expect(whatsapp).toBe(`https://wa.me/${receiving.whatsapp?.replace(/\D/g, '')}?text=${encodeURIComponent(text)}`);

    // The QR code is drawn on demand, as an image with a text alternative.
    await page.getByRole('button', { name: ui(language, 'referrals:share.qrShow') }).click();
    const qr = page.getByRole('img', { name: ui(language, 'referrals:share.qrAlt', { code: caseCode }) });
    await qr.waitFor();
    expect(await qr.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    await expectAccessible(page, 'referral detail with its QR code');

    await page.getByRole('button', { name: ui(language, 'referrals:move.received') }).click();
    await page
      .getByText(ui(language, 'referrals:detail.current', { status: ui(language, 'referrals:status.received') }))
      .waitFor();
  });

  it('prints a slip that holds only the slip', async () => {
    await page.getByRole('link', { name: ui(language, 'referrals:share.print') }).click();
    await expectHeading(page, ui(language, 'referrals:slip.title'));
    const slip = await textOf(page.locator('main article.referral-slip'));
    expect(slip).toContain(caseCode);
    expect(slip).not.toContain(NOTES);
    await expectAccessible(page, 'printable slip');
    await page.emulateMedia({ media: 'print' });
    const printed = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('body *')]
        .filter((element) => getComputedStyle(element).visibility === 'visible' && element.childElementCount === 0)
        .map((element) => element.textContent?.trim() ?? '')
        .filter(Boolean),
    );
    await page.emulateMedia({ media: 'screen' });
    expect(printed.join('\n')).toContain(caseCode);
    expect(printed).not.toContain(ui(language, 'referrals:slip.print'));
    expect(printed).not.toContain(ui(language, 'app.name'));
  });

  it('lists the referral, and keeps the notes unreadable in the device storage', async () => {
    const receiving = provider(await authoredHandbook(J), PROVIDER);
    await page.goto(appUrl(`/j/${J}/referrals`));
    await passTheLock(page, language, ui(language, 'referrals:list.title'));
    await expectHeading(page, ui(language, 'referrals:list.title'));
    const card = page.locator('main .card-link', { hasText: caseCode });
    await card.waitFor();
    expect(await textOf(card)).toContain(localized(receiving.name, language));
    expect(await textOf(card)).toContain(ui(language, 'referrals:status.received'));
    await expectAccessible(page, 'list of referrals');

    const stored = await storedText(page);
    expect(stored).toContain(`referral ${referralUrl.split('/').at(-1)}`);
    expect(stored).not.toContain(NOTES);
    expect(stored).not.toContain(caseCode);
  });
});
