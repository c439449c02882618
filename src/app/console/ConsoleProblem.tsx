import { useTranslation } from 'react-i18next';
import { ConsoleApiError, ConsoleOfflineError } from './api';

export type ProblemKind = 'offline' | 'signedOut' | 'forbidden' | 'notFound' | 'refused' | 'server';

/** What kind of problem an error from the console API is, for a sentence in the coordinator's language. */
export function problemKind(error: Error): ProblemKind {
  if (error instanceof ConsoleOfflineError) return 'offline';
  if (!(error instanceof ConsoleApiError)) return 'server';
  if (error.status === 401) return 'signedOut';
  if (error.status === 403) return 'forbidden';
  if (error.status === 404) return 'notFound';
  return error.status >= 500 ? 'server' : 'refused';
}

/**
 * A failed load or action, said in the interface language. The server's own sentence is
 * English and for whoever reads the logs; only a refusal shows it, as a detail.
 */
export function ConsoleProblem({ error, onRetry }: { error: Error; onRetry?: () => void }) {
  const { t } = useTranslation('console');
  const kind = problemKind(error);
  return (
    <div className="notice" role="alert">
      <p>{t(`problem.${kind}`)}</p>
      {kind === 'refused' && <p className="hint">{error.message}</p>}
      {onRetry && (
        <button type="button" className="action" onClick={onRetry}>
          {t('problem.retry')}
        </button>
      )}
    </div>
  );
}
