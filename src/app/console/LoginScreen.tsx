import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { SESSION_PATH, SessionSchema } from '../../core/console/protocol';
import { ConsoleApiError, ConsoleOfflineError, consoleRequest } from './api';
import { ConsoleLayout } from './ConsoleLayout';
import { useSession } from './session';

type LoginProblem =
  | { kind: 'emailMissing' | 'passwordMissing' | 'invalid' | 'disabled' | 'offline' | 'server' }
  | { kind: 'locked' | 'throttled'; minutes: number };

/** Why a sign-in failed, from the server's stable codes (its English sentence is not shown). */
export function loginProblemOf(error: unknown): LoginProblem {
  if (error instanceof ConsoleOfflineError) return { kind: 'offline' };
  if (!(error instanceof ConsoleApiError)) return { kind: 'server' };
  const minutes = Math.max(1, Math.ceil((error.retryAfterSeconds ?? 60) / 60));
  if (error.code === 'invalid_credentials') return { kind: 'invalid' };
  if (error.code === 'account_disabled') return { kind: 'disabled' };
  if (error.code === 'account_locked') return { kind: 'locked', minutes };
  if (error.code === 'too_many_attempts' || error.status === 429) return { kind: 'throttled', minutes };
  return { kind: 'server' };
}

function safeReturnPath(from: unknown): string {
  // Only a console page: a crafted link must not send a coordinator elsewhere after sign-in.
  return typeof from === 'string' && from.startsWith('/admin') && !from.startsWith('/admin/login') ? from : '/admin';
}

export function LoginScreen() {
  const { t } = useTranslation('console');
  const { state, signedIn } = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [problem, setProblem] = useState<LoginProblem>();
  const [working, setWorking] = useState(false);
  const errorId = useId();
  const returnTo = safeReturnPath((location.state as { from?: unknown } | null)?.from);

  if (state.status === 'signed-in' && !working) return <Navigate to={returnTo} replace />;

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (email.trim() === '') return setProblem({ kind: 'emailMissing' });
    if (password === '') return setProblem({ kind: 'passwordMissing' });
    setWorking(true);
    setProblem(undefined);
    try {
      const session = await consoleRequest('POST', SESSION_PATH, SessionSchema, { email: email.trim(), password });
      signedIn(session);
      navigate(returnTo, { replace: true });
    } catch (error) {
      setProblem(loginProblemOf(error));
      setWorking(false);
    }
  };

  const message =
    problem &&
    (problem.kind === 'locked' || problem.kind === 'throttled'
      ? t(`login.error.${problem.kind}`, { count: problem.minutes })
      : t(`login.error.${problem.kind}`));
  const emailProblem = problem?.kind === 'emailMissing' || problem?.kind === 'invalid';
  const passwordProblem = problem?.kind === 'passwordMissing' || problem?.kind === 'invalid';

  return (
    <ConsoleLayout>
      <section className="console-login" aria-labelledby="login-title">
        <h1 id="login-title">{t('login.title')}</h1>
        <p>{t('login.explain')}</p>
        <form onSubmit={(event) => void onSubmit(event)} noValidate>
          <div className="field">
            <label htmlFor="login-email">{t('login.email')}</label>
            <input
              id="login-email"
              type="email"
              autoComplete="username"
              value={email}
              onChange={(event) => setEmail(event.target.value)}
              aria-invalid={emailProblem || undefined}
              aria-describedby={emailProblem ? errorId : undefined}
            />
          </div>
          <div className="field">
            <label htmlFor="login-password">{t('login.password')}</label>
            <input
              id="login-password"
              type="password"
              autoComplete="current-password"
              value={password}
              onChange={(event) => setPassword(event.target.value)}
              aria-invalid={passwordProblem || undefined}
              aria-describedby={passwordProblem ? errorId : undefined}
            />
          </div>
          <p id={errorId} className={message ? 'field-error' : undefined} role="alert">
            {message}
          </p>
          <button type="submit" className="action action-primary" disabled={working}>
            {working ? t('login.working') : t('login.submit')}
          </button>
        </form>
      </section>
    </ConsoleLayout>
  );
}
