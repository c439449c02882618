import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { z } from 'zod';
import {
  type ConsoleFieldReport,
  ConsoleFieldReportSchema,
  consolePaths,
  FIELD_REPORT_OUTCOMES,
} from '../../../../core/console/protocol';
import { FIELD_REPORT_PROBLEMS } from '../../../../core/sync/protocol';
import { consoleRequest } from '../../../console/api';
import { ConsoleProblem } from '../../../console/ConsoleProblem';
import { draftRecordsOf, useDraft } from '../../../console/draft';
import { useConsoleJurisdiction } from '../../../console/jurisdictions';
import { useConsoleQuery } from '../../../console/query';
import { textIn } from '../../../console/text';
import { arrangeReports } from './report-queue';
import './field-reports.css';

type Outcome = (typeof FIELD_REPORT_OUTCOMES)[number];

const ReportListSchema = z.array(ConsoleFieldReportSchema);
const NOTE_MAX = 1000;

/** Resolve or dismiss, each behind a second step with an optional note, so one stray click decides nothing. */
function Decision({
  report,
  onDecide,
}: {
  report: ConsoleFieldReport;
  onDecide: (report: ConsoleFieldReport, status: Outcome, note: string) => Promise<boolean>;
}) {
  const { t } = useTranslation('console-operations');
  const [choice, setChoice] = useState<Outcome>();
  const [note, setNote] = useState('');
  const [working, setWorking] = useState(false);
  const noteId = `report-note-${report.id}`;

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (!choice) return;
    setWorking(true);
    const decided = await onDecide(report, choice, note.trim());
    setWorking(false);
    if (decided) setChoice(undefined);
  };

  if (!choice) {
    return (
      <div className="actions">
        {FIELD_REPORT_OUTCOMES.map((outcome) => (
          <button key={outcome} type="button" className="action" onClick={() => setChoice(outcome)}>
            {t(`fieldReports.decide.${outcome}`)}
          </button>
        ))}
      </div>
    );
  }
  return (
    <form className="report-decision" onSubmit={(event) => void onSubmit(event)}>
      <label htmlFor={noteId}>{t('fieldReports.note')}</label>
      <textarea
        id={noteId}
        rows={2}
        maxLength={NOTE_MAX}
        value={note}
        aria-describedby={`${noteId}-hint`}
        onChange={(event) => setNote(event.target.value)}
      />
      <p id={`${noteId}-hint`} className="hint">
        {t('fieldReports.noteHint')}
      </p>
      <div className="actions">
        <button type="submit" className="action action-primary" disabled={working}>
          {t(`fieldReports.confirm.${choice}`)}
        </button>
        <button type="button" className="action" disabled={working} onClick={() => setChoice(undefined)}>
          {t('fieldReports.cancel')}
        </button>
      </div>
    </form>
  );
}

function ReportItem({
  report,
  providerName,
  draftLoaded,
  canEdit,
  onDecide,
}: {
  report: ConsoleFieldReport;
  /** From the draft; undefined while it loads (the id is shown) or when the provider is no longer in it. */
  providerName: string | undefined;
  draftLoaded: boolean;
  canEdit: boolean;
  onDecide: (report: ConsoleFieldReport, status: Outcome, note: string) => Promise<boolean>;
}) {
  const { t, i18n } = useTranslation('console-operations');
  const when = (iso: string) =>
    new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
  const titleId = `report-${report.id}`;
  // The field app's own names for the problems; one added to the app later shows as the device sent it.
  const problem = FIELD_REPORT_PROBLEMS.find((known) => known === report.problem);
  return (
    <li className={`report report-${report.outcome?.status ?? 'open'}`}>
      <article aria-labelledby={titleId}>
        <h3 id={titleId}>
          {providerName ??
            (draftLoaded ? t('fieldReports.unknownProvider', { id: report.providerId }) : report.providerId)}
          {': '}
          {problem ? t(`translation:report.problem.${problem}`) : report.problem}
        </h3>
        {report.details && <p className="report-details">{report.details}</p>}
        <dl className="report-facts">
          <dt>{t('fieldReports.received')}</dt>
          <dd>
            <time dateTime={report.receivedAt}>{when(report.receivedAt)}</time>
          </dd>
          <dt>{t('fieldReports.releaseLabel')}</dt>
          <dd>{t('fieldReports.release', { number: report.releaseNumber })}</dd>
          {report.outcome && (
            <>
              <dt>{t('fieldReports.outcomeLabel')}</dt>
              <dd>
                <strong>{t(`fieldReports.outcome.${report.outcome.status}`)}</strong>{' '}
                <time dateTime={report.outcome.decidedAt}>{when(report.outcome.decidedAt)}</time>
                {report.outcome.decidedBy && <> · {report.outcome.decidedBy}</>}
              </dd>
              {report.outcome.note && (
                <>
                  <dt>{t('fieldReports.noteLabel')}</dt>
                  <dd className="report-details">{report.outcome.note}</dd>
                </>
              )}
            </>
          )}
        </dl>
        <p>
          <Link
            className="action"
            to={`/admin/j/${encodeURIComponent(report.jurisdictionId)}/providers/${encodeURIComponent(report.providerId)}`}
          >
            {t('fieldReports.goToProvider')}
            <span className="visually-hidden"> {providerName ?? report.providerId}</span>
          </Link>
        </p>
        {!report.outcome && canEdit && <Decision report={report} onDecide={onDecide} />}
      </article>
    </li>
  );
}

/**
 * A jurisdiction's field reports: what workers found wrong with a provider record. Open ones
 * first; the coordinator goes to the provider to fix it, then resolves (or dismisses) the
 * report, and the reporting phone sees the outcome at its next sync.
 */
export function FieldReportsScreen() {
  const { jurisdictionId = '' } = useParams();
  const { t, i18n } = useTranslation('console-operations');
  const jurisdiction = useConsoleJurisdiction(jurisdictionId);
  const reports = useConsoleQuery(consolePaths.jurisdiction(jurisdictionId).fieldReports, ReportListSchema);
  const { draft } = useDraft(jurisdictionId);
  const [actionError, setActionError] = useState<Error>();
  const [announcement, setAnnouncement] = useState('');

  const providerNames = new Map(
    (draft ? draftRecordsOf(draft, 'provider') : []).map((record) => [
      record.key.slice('provider/'.length),
      textIn(record.body.name as Record<string, unknown> | undefined, i18n.language),
    ]),
  );

  const decide = async (report: ConsoleFieldReport, status: Outcome, note: string): Promise<boolean> => {
    setActionError(undefined);
    try {
      await consoleRequest('POST', consolePaths.jurisdiction(jurisdictionId).fieldReport(report.id), z.unknown(), {
        status,
        note,
      });
      setAnnouncement(t(`fieldReports.done.${status}`));
      await reports.reload();
      return true;
    } catch (error) {
      setActionError(error as Error);
      return false;
    }
  };

  const { open, decided } = arrangeReports(reports.data ?? []);
  const canEdit = jurisdiction?.canEdit ?? false;
  const item = (report: ConsoleFieldReport) => (
    <ReportItem
      key={report.id}
      report={report}
      providerName={providerNames.get(report.providerId) || undefined}
      draftLoaded={draft !== undefined}
      canEdit={canEdit}
      onDecide={decide}
    />
  );
  return (
    <section aria-labelledby="field-reports-title">
      <p className="eyebrow">{jurisdiction ? textIn(jurisdiction.name, i18n.language) : jurisdictionId}</p>
      <h1 id="field-reports-title">{t('fieldReports.title')}</h1>
      <p>{t('fieldReports.explain')}</p>
      <p role="status" aria-live="polite" className="console-saved">
        {announcement}
      </p>
      {reports.error && <ConsoleProblem error={reports.error} onRetry={() => void reports.reload()} />}
      {actionError && <ConsoleProblem error={actionError} />}
      {!reports.data && !reports.error && <p className="loading">{t('loading')}</p>}
      {reports.data && (
        <>
          <section aria-labelledby="reports-open-title">
            <h2 id="reports-open-title">{t('fieldReports.open', { count: open.length })}</h2>
            {open.length === 0 ? (
              <p>{t('fieldReports.noneOpen')}</p>
            ) : (
              <ul className="report-list">{open.map(item)}</ul>
            )}
          </section>
          {decided.length > 0 && (
            <section aria-labelledby="reports-decided-title">
              <h2 id="reports-decided-title">{t('fieldReports.decided', { count: decided.length })}</h2>
              <ul className="report-list">{decided.map(item)}</ul>
            </section>
          )}
        </>
      )}
    </section>
  );
}
