// A jsdom window, installed before React loads (see the support file for why not the docblock).
import '../support/install-jsdom';
import { cleanup, render, screen, within } from '@testing-library/react';
import i18next, { type i18n as I18n } from 'i18next';
import type { ReactElement } from 'react';
import { I18nextProvider, initReactI18next } from 'react-i18next';
import { MemoryRouter } from 'react-router';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import enOperations from '../../../locales/en/console-operations.json';
import enWorker from '../../../locales/en/translation.json';
import esOperations from '../../../locales/es/console-operations.json';
import esWorker from '../../../locales/es/translation.json';
import { HsdsRefusal, HsdsReport } from '../../../src/app/features/console-hsds/components/HsdsReport';
import {
  exportedDocument,
  HsdsImportOutcomeSchema,
  importProblems,
} from '../../../src/app/features/console-hsds/components/hsds-answer';
import type { HsdsImportReport, HsdsProblem } from '../../../src/core/hsds/report';
import { uninstallJsdom } from '../support/install-jsdom';

/** A report as src/core/hsds makes it: typed by the core, so the console's reading of it follows the core's shape. */
const REPORT: HsdsImportReport = {
  providers: [
    {
      providerId: 'casa-alianza',
      name: 'Casa Alianza <b>Honduras</b>',
      hsds: { kind: 'organization', id: 'a1', file: 'services.json' },
      mapped: [
        { field: 'name', from: 'organization.name' },
        { field: 'phones', from: 'service.phones' },
      ],
      skipped: [
        {
          code: 'invalid_phone',
          file: 'services.json',
          where: '$.contents[0].phones[1]',
          message: '"12" is no number',
        },
      ],
    },
  ],
  skipped: [{ code: 'not_read', file: 'funding.csv', where: 'funding.csv', message: 'Rutas keeps no funding' }],
};

const REFUSAL: { error: string; message: string; problems: HsdsProblem[] } = {
  error: 'hsds_refused',
  message: 'The files have problems',
  problems: [{ code: 'broken_csv', file: 'phones.csv', line: 7, message: 'Unclosed quote' }],
};

let i18n: I18n;

beforeAll(async () => {
  i18n = i18next.createInstance();
  await i18n.use(initReactI18next).init({
    resources: {
      es: { translation: esWorker, 'console-operations': esOperations },
      en: { translation: enWorker, 'console-operations': enOperations },
    },
    lng: 'es',
    fallbackLng: false,
    interpolation: { escapeValue: false },
  });
});

afterEach(() => cleanup());
afterAll(() => uninstallJsdom());

function show(element: ReactElement) {
  return render(
    <I18nextProvider i18n={i18n}>
      <MemoryRouter>{element}</MemoryRouter>
    </I18nextProvider>,
  );
}

describe('the HSDS import report', () => {
  it('reads an import answer built from the core report type', () => {
    expect(
      HsdsImportOutcomeSchema.parse({ added: ['centro-de-ayuda'], updated: [], report: REPORT }).report.providers,
    ).toHaveLength(1);
  });

  it("names each imported field and each skipped item's reason in the coordinator's language", () => {
    const outcome = HsdsImportOutcomeSchema.parse({ added: ['centro-de-ayuda'], updated: [], report: REPORT });
    show(<HsdsReport outcome={outcome} jurisdictionId="hn-ocotepeque" />);
    const text = document.body.textContent ?? '';
    expect(text).toContain(i18n.t('hsds.report.added', { ns: 'console-operations', count: 1 }));
    expect(text).toContain(`${esWorker.changes.field.phones} ← service.phones`);
    expect(text).toContain(esOperations.hsds.skip.invalid_phone);
    expect(text).toContain('$.contents[0].phones[1]');
    // What belongs to no provider is listed too.
    expect(text).toContain(esOperations.hsds.skip.not_read);
    // A provider's name from the file is text, never markup.
    expect(text).toContain('Casa Alianza <b>Honduras</b>');
    expect(document.querySelector('b')).toBeNull();
  });

  it('shows a reason it has no name for as the importer wrote it, instead of a missing key', () => {
    const outcome = HsdsImportOutcomeSchema.parse({
      added: [],
      updated: [],
      report: { providers: [], skipped: [{ code: 'new_reason', file: 'a.json', where: '$', message: 'later' }] },
    });
    show(<HsdsReport outcome={outcome} jurisdictionId="hn-ocotepeque" />);
    expect(document.body.textContent).toContain('new_reason');
    expect(document.body.textContent).not.toContain('hsds.skip');
  });

  it('lists every problem of a refused import with its file and line, as an alert', () => {
    const problems = importProblems(REFUSAL);
    expect(problems).toHaveLength(1);
    show(<HsdsRefusal problems={problems ?? []} />);
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain(esOperations.hsds.refused);
    expect(within(alert).getByText(esOperations.hsds.refusal.broken_csv)).toBeDefined();
    expect(alert.textContent).toContain('phones.csv');
    expect(alert.textContent).toContain('línea 7');
  });

  it('tells a refusal without problems (a size error, a lost session) from one with them', () => {
    expect(importProblems({ error: 'payload_too_large', message: 'too large' })).toBeUndefined();
    expect(importProblems(undefined)).toBeUndefined();
  });
});

describe('the HSDS export', () => {
  it('saves the HSDS document itself when the server wraps it with counts', () => {
    const hsds = { total_items: 1, contents: [{ id: 'o1' }] };
    expect(exportedDocument({ hsds, organizations: 1, services: 1, restrictedLeftOut: 2 })).toEqual({
      document: hsds,
      restrictedLeftOut: 2,
    });
    expect(exportedDocument(hsds)).toEqual({ document: hsds });
  });
});
