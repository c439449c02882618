import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { z } from 'zod';
import { type AuditEntry, AuditEntrySchema, consolePaths } from '../../../../core/console/protocol';
import { ConsoleProblem } from '../../../console/ConsoleProblem';
import { useConsoleJurisdictions } from '../../../console/jurisdictions';
import { useConsoleQuery } from '../../../console/query';
import { textIn } from '../../../console/text';
import { AUDIT_ACTIONS, knownAuditAction, newestFirst } from './audit-actions';
import './audit.css';

const AuditLogSchema = z.array(AuditEntrySchema);

/** A detail's value as text: lists joined, nothing for an empty one (which says nothing). */
function detailText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map(detailText).join(', ');
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/** The details the server wrote with an entry (a role, a release number…), as text. */
function Details({ details }: { details: Record<string, unknown> }) {
  const entries = Object.entries(details)
    .map(([key, value]) => [key, detailText(value)] as const)
    .filter(([, text]) => text !== '');
  if (entries.length === 0) return null;
  return (
    <ul className="audit-details">
      {entries.map(([key, text]) => (
        <li key={key}>
          {key}: {text}
        </li>
      ))}
    </ul>
  );
}

/**
 * The audit log, newest first: every sign-in, edit, publication, enrolment and revocation,
 * with who did it and what it was about. Under a jurisdiction, only that jurisdiction's entries.
 */
export function AuditScreen() {
  const { jurisdictionId } = useParams();
  const { t, i18n } = useTranslation('console-operations');
  const jurisdictions = useConsoleJurisdictions();
  const log = useConsoleQuery(
    jurisdictionId ? consolePaths.jurisdiction(jurisdictionId).audit : consolePaths.audit,
    AuditLogSchema,
  );
  const [shown, setShown] = useState('');

  const nameOf = (id: string) => {
    const jurisdiction = jurisdictions.data?.find((candidate) => candidate.id === id);
    return jurisdiction ? textIn(jurisdiction.name, i18n.language) : id;
  };
  const actionName = (action: string) => {
    const known = knownAuditAction(action);
    return known ? t(`audit.action.${known}`) : action;
  };
  const dateTime = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'medium' });
  const entries: AuditEntry[] = newestFirst(log.data ?? []).filter((entry) => !shown || entry.action === shown);

  return (
    <section aria-labelledby="audit-title">
      {jurisdictionId && <p className="eyebrow">{nameOf(jurisdictionId)}</p>}
      <h1 id="audit-title">{t(jurisdictionId ? 'audit.titleJurisdiction' : 'audit.title')}</h1>
      <p>{t('audit.explain')}</p>
      {log.error && <ConsoleProblem error={log.error} onRetry={() => void log.reload()} />}
      {!log.data && !log.error && <p className="loading">{t('loading')}</p>}
      {log.data && (
        <>
          <div className="field">
            <label htmlFor="audit-action">{t('audit.filter')}</label>
            <select id="audit-action" value={shown} onChange={(event) => setShown(event.target.value)}>
              <option value="">{t('audit.allActions')}</option>
              {AUDIT_ACTIONS.map((action) => (
                <option key={action} value={action}>
                  {t(`audit.action.${action}`)}
                </option>
              ))}
            </select>
          </div>
          <p role="status" aria-live="polite">
            {t('audit.count', { count: entries.length })}
          </p>
          {entries.length > 0 && (
            <div className="audit-table-scroll">
              <table className="console-table">
                <caption className="visually-hidden">{t('audit.title')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('audit.column.when')}</th>
                    <th scope="col">{t('audit.column.who')}</th>
                    <th scope="col">{t('audit.column.action')}</th>
                    {!jurisdictionId && <th scope="col">{t('audit.column.jurisdiction')}</th>}
                    <th scope="col">{t('audit.column.what')}</th>
                  </tr>
                </thead>
                <tbody>
                  {entries.map((entry) => (
                    <tr key={entry.id}>
                      <td>
                        <time dateTime={entry.at}>{dateTime.format(new Date(entry.at))}</time>
                      </td>
                      <td>{entry.actor ?? t('audit.noActor')}</td>
                      <th scope="row">{actionName(entry.action)}</th>
                      {!jurisdictionId && <td>{entry.jurisdictionId ? nameOf(entry.jurisdictionId) : '—'}</td>}
                      <td>
                        <span className="audit-subject">{entry.subject}</span>
                        <Details details={entry.details} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
    </section>
  );
}
