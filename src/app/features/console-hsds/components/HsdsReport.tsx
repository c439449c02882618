import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { HsdsImportOutcome, HsdsImportProblem } from './hsds-answer';

type Skip = HsdsImportOutcome['report']['skipped'][number];

/** A reason code in the coordinator's language when the console has a name for it, else as the server wrote it. */
function useReason(prefix: 'hsds.skip' | 'hsds.refusal') {
  const { t, i18n } = useTranslation('console-operations');
  return (code: string) => {
    const key = `${prefix}.${code}`;
    return i18n.exists(key, { ns: 'console-operations' }) ? t(key) : code;
  };
}

/** What was left out and why; `message` is the importer's English detail, kept for the exact value at fault. */
function SkipList({ skipped }: { skipped: readonly Skip[] }) {
  const reason = useReason('hsds.skip');
  return (
    <ul className="hsds-skips">
      {skipped.map((skip) => (
        <li key={`${skip.file}|${skip.where}|${skip.code}|${skip.message}`}>
          <strong>{reason(skip.code)}</strong> <code>{skip.where}</code>{' '}
          <span className="hint" lang="en">
            {skip.message}
          </span>
        </li>
      ))}
    </ul>
  );
}

/** The import's report: each provider with the fields it got and what was skipped, then what belonged to none. */
export function HsdsReport({ outcome, jurisdictionId }: { outcome: HsdsImportOutcome; jurisdictionId: string }) {
  const { t, i18n } = useTranslation('console-operations');
  const fieldName = (field: string) =>
    i18n.exists(`translation:changes.field.${field}`) ? t(`translation:changes.field.${field}`) : field;
  const { providers, skipped } = outcome.report;
  return (
    <section aria-labelledby="hsds-report-title">
      <h2 id="hsds-report-title">{t('hsds.report.title')}</h2>
      <p>
        {t('hsds.report.added', { count: outcome.added.length })}{' '}
        {t('hsds.report.updated', { count: outcome.updated.length })}{' '}
        {t('hsds.report.providers', { count: providers.length })}
      </p>
      <p>{t('hsds.report.next')}</p>
      <ul className="actions">
        <li>
          <Link className="action" to={`/admin/j/${encodeURIComponent(jurisdictionId)}/providers`}>
            {t('hsds.report.providersLink')}
          </Link>
        </li>
        <li>
          <Link className="action" to={`/admin/j/${encodeURIComponent(jurisdictionId)}/publish`}>
            {t('hsds.report.publishLink')}
          </Link>
        </li>
      </ul>
      {providers.length > 0 && (
        <ul className="hsds-providers">
          {providers.map((provider) => (
            <li key={provider.providerId}>
              <details>
                <summary>
                  <span className="hsds-provider-name">{provider.name}</span>{' '}
                  <span className="hint">
                    {t('hsds.report.mappedCount', { count: provider.mapped.length })}
                    {provider.skipped.length > 0 && (
                      <> · {t('hsds.report.skippedCount', { count: provider.skipped.length })}</>
                    )}
                  </span>
                </summary>
                <h3>{t('hsds.report.mapped')}</h3>
                <ul>
                  {provider.mapped.map((mapped) => (
                    <li key={`${mapped.field}|${mapped.from}`}>
                      {t('hsds.report.from', { field: fieldName(mapped.field), from: mapped.from })}
                    </li>
                  ))}
                </ul>
                {provider.skipped.length > 0 && (
                  <>
                    <h3>{t('hsds.report.skipped')}</h3>
                    <SkipList skipped={provider.skipped} />
                  </>
                )}
              </details>
            </li>
          ))}
        </ul>
      )}
      {skipped.length > 0 && (
        <>
          <h3>{t('hsds.report.skippedElsewhere', { count: skipped.length })}</h3>
          <SkipList skipped={skipped} />
        </>
      )}
    </section>
  );
}

/** A refused import: nothing was changed, and each problem says where it is. */
export function HsdsRefusal({ problems }: { problems: readonly HsdsImportProblem[] }) {
  const { t } = useTranslation('console-operations');
  const reason = useReason('hsds.refusal');
  return (
    <section className="notice" role="alert" aria-labelledby="hsds-refusal-title">
      <h2 id="hsds-refusal-title">{t('hsds.refused')}</h2>
      <ul>
        {problems.map((problem) => (
          <li key={`${problem.file}|${problem.line}|${problem.path}|${problem.code}|${problem.message}`}>
            <strong>{reason(problem.code)}</strong> {problem.file && <code>{problem.file}</code>}
            {problem.line !== undefined && <> {t('hsds.line', { line: problem.line })}</>}
            {problem.path && (
              <>
                {' '}
                <code>{problem.path}</code>
              </>
            )}{' '}
            <span className="hint" lang="en">
              {problem.message}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
