import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { z } from 'zod';
import { consolePaths } from '../../../../core/console/protocol';
import { ConsoleApiError, consoleRequest } from '../../../console/api';
import { ConsoleProblem } from '../../../console/ConsoleProblem';
import { useConsoleJurisdiction } from '../../../console/jurisdictions';
import { textIn } from '../../../console/text';
import { HsdsRefusal, HsdsReport } from './HsdsReport';
import {
  exportedDocument,
  type HsdsImportOutcome,
  HsdsImportOutcomeSchema,
  type HsdsImportProblem,
  importProblems,
} from './hsds-answer';
import { hsdsSelectionProblem } from './hsds-files';
import './hsds.css';

type ImportState =
  | { step: 'idle' }
  | { step: 'working' }
  | { step: 'imported'; outcome: HsdsImportOutcome }
  | { step: 'refused'; problems: HsdsImportProblem[] }
  | { step: 'failed'; error: Error };

/** Imports HSDS 3.0 files into the draft: checked for size and kind first, then read as text and sent together. */
function HsdsImport({ jurisdictionId }: { jurisdictionId: string }) {
  const { t, i18n } = useTranslation('console-operations');
  const [files, setFiles] = useState<File[]>([]);
  const [state, setState] = useState<ImportState>({ step: 'idle' });
  const [showChoiceProblem, setShowChoiceProblem] = useState(false);
  const choiceProblem = hsdsSelectionProblem(files);
  const size = new Intl.NumberFormat(i18n.language, { style: 'unit', unit: 'kilobyte', maximumFractionDigits: 0 });

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setShowChoiceProblem(true);
    if (choiceProblem) return document.getElementById('hsds-files')?.focus();
    setState({ step: 'working' });
    try {
      const contents = await Promise.all(files.map(async (file) => ({ name: file.name, content: await file.text() })));
      const outcome = await consoleRequest(
        'POST',
        consolePaths.jurisdiction(jurisdictionId).hsdsImport,
        HsdsImportOutcomeSchema,
        { files: contents },
      );
      setState({ step: 'imported', outcome });
    } catch (error) {
      const problems = error instanceof ConsoleApiError ? importProblems(error.body) : undefined;
      setState(problems ? { step: 'refused', problems } : { step: 'failed', error: error as Error });
    }
  };

  const problemShown = showChoiceProblem && choiceProblem;
  return (
    <section aria-labelledby="hsds-import-title">
      <h2 id="hsds-import-title">{t('hsds.import.title')}</h2>
      <p>{t('hsds.import.explain')}</p>
      <form onSubmit={(event) => void onSubmit(event)} noValidate>
        <div className="field">
          <label htmlFor="hsds-files">{t('hsds.import.files')}</label>
          <input
            id="hsds-files"
            className="hsds-file-input"
            type="file"
            multiple
            accept=".json,.csv,application/json,text/csv"
            aria-invalid={problemShown ? true : undefined}
            aria-describedby={problemShown ? 'hsds-files-hint hsds-files-problem' : 'hsds-files-hint'}
            onChange={(event) => {
              setFiles([...(event.target.files ?? [])]);
              setShowChoiceProblem(true);
              setState({ step: 'idle' });
            }}
          />
          <p id="hsds-files-hint" className="hint">
            {t('hsds.import.hint')}
          </p>
          {problemShown && (
            <p id="hsds-files-problem" className="field-error">
              {t(`hsds.choice.${choiceProblem}`)}
            </p>
          )}
        </div>
        {files.length > 0 && (
          <ul className="hsds-chosen" aria-label={t('hsds.import.chosen')}>
            {files.map((file) => (
              <li key={file.name}>
                <code>{file.name}</code> {size.format(Math.ceil(file.size / 1024))}
              </li>
            ))}
          </ul>
        )}
        <button type="submit" className="action action-primary" disabled={state.step === 'working'}>
          {t('hsds.import.submit')}
        </button>
      </form>
      <div role="status" aria-live="polite">
        {state.step === 'working' && <p>{t('hsds.import.working')}</p>}
        {state.step === 'imported' && <p>{t('hsds.import.done')}</p>}
      </div>
      {state.step === 'imported' && <HsdsReport outcome={state.outcome} jurisdictionId={jurisdictionId} />}
      {state.step === 'refused' && <HsdsRefusal problems={state.problems} />}
      {state.step === 'failed' && <ConsoleProblem error={state.error} />}
    </section>
  );
}

/** Saves the jurisdiction's public providers as an HSDS 3.0 JSON file, through the browser's download. */
function HsdsExport({ jurisdictionId }: { jurisdictionId: string }) {
  const { t } = useTranslation('console-operations');
  const [working, setWorking] = useState(false);
  const [error, setError] = useState<Error>();
  const [saved, setSaved] = useState<{ restrictedLeftOut?: number }>();

  const download = async () => {
    setWorking(true);
    setError(undefined);
    setSaved(undefined);
    try {
      const answer = await consoleRequest('GET', consolePaths.jurisdiction(jurisdictionId).hsdsExport, z.unknown());
      const { document: hsds, restrictedLeftOut } = exportedDocument(answer);
      const url = URL.createObjectURL(new Blob([JSON.stringify(hsds, null, 2)], { type: 'application/json' }));
      const link = Object.assign(document.createElement('a'), { href: url, download: `${jurisdictionId}-hsds.json` });
      link.click();
      // The click has handed the file to the browser; the object URL is no longer needed.
      setTimeout(() => URL.revokeObjectURL(url), 0);
      setSaved({ restrictedLeftOut });
    } catch (problem) {
      setError(problem as Error);
    } finally {
      setWorking(false);
    }
  };

  return (
    <section aria-labelledby="hsds-export-title">
      <h2 id="hsds-export-title">{t('hsds.export.title')}</h2>
      <p>{t('hsds.export.explain')}</p>
      <button type="button" className="action" disabled={working} onClick={() => void download()}>
        {t('hsds.export.download')}
      </button>
      <p role="status" aria-live="polite">
        {saved && t('hsds.export.saved')}{' '}
        {saved?.restrictedLeftOut ? t('hsds.export.leftOut', { count: saved.restrictedLeftOut }) : ''}
      </p>
      {error && <ConsoleProblem error={error} />}
    </section>
  );
}

/**
 * Open Referral HSDS 3.0 in and out: import a directory's services into the draft with a
 * report of what was mapped and skipped, and export the public providers.
 */
export function HsdsScreen() {
  const { jurisdictionId = '' } = useParams();
  const { t, i18n } = useTranslation('console-operations');
  const jurisdiction = useConsoleJurisdiction(jurisdictionId);
  return (
    <section aria-labelledby="hsds-title">
      <p className="eyebrow">{jurisdiction ? textIn(jurisdiction.name, i18n.language) : jurisdictionId}</p>
      <h1 id="hsds-title">{t('hsds.title')}</h1>
      <p>{t('hsds.explain')}</p>
      {jurisdiction?.canEdit && <HsdsImport jurisdictionId={jurisdictionId} />}
      <HsdsExport jurisdictionId={jurisdictionId} />
    </section>
  );
}
