import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { type ConsoleAccount, consolePaths } from '../../../../core/console/protocol';
import { ConsoleApiError, consoleRequest } from '../../../console/api';
import { ConsoleProblem } from '../../../console/ConsoleProblem';
import { useConsoleJurisdictions } from '../../../console/jurisdictions';
import { textIn } from '../../../console/text';
import { type AccountProblem, fieldsOfServerIssues, passwordProblem } from './account-form';

type Step = 'idle' | 'reset' | 'disable';

/** What resetting a password and disabling an account are given: the account, and where to go after. */
interface AccountActionProps {
  account: ConsoleAccount;
  onDone: () => void;
  onCancel: () => void;
}

/** A new password for someone who lost theirs; the server signs them out everywhere. */
function PasswordReset({ account, onDone, onCancel }: AccountActionProps) {
  const { t } = useTranslation('console-operations');
  const [password, setPassword] = useState('');
  const [problem, setProblem] = useState<AccountProblem>();
  const [error, setError] = useState<Error>();
  const [working, setWorking] = useState(false);
  const id = `reset-${account.id}`;

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setError(undefined);
    const found = passwordProblem(password, account.email);
    setProblem(found);
    if (found) return document.getElementById(id)?.focus();
    setWorking(true);
    try {
      await consoleRequest('POST', consolePaths.accountPassword(account.id), z.unknown(), { password });
      onDone();
    } catch (refusal) {
      const fields = refusal instanceof ConsoleApiError ? fieldsOfServerIssues(refusal.issues) : {};
      if (fields.password) setProblem(fields.password);
      else setError(refusal as Error);
    } finally {
      setWorking(false);
    }
  };

  return (
    <form onSubmit={(event) => void onSubmit(event)} noValidate>
      <div className="field">
        <label htmlFor={id}>{t('accounts.reset.label', { name: account.displayName })}</label>
        <input
          id={id}
          type="password"
          autoComplete="new-password"
          value={password}
          aria-invalid={problem ? true : undefined}
          aria-describedby={[`${id}-hint`, problem && `${id}-problem`].filter(Boolean).join(' ')}
          onChange={(event) => {
            setPassword(event.target.value);
            setProblem(undefined);
          }}
        />
        <p id={`${id}-hint`} className="hint">
          {t('accounts.reset.hint')}
        </p>
        {problem && (
          <p id={`${id}-problem`} className="field-error">
            {t(`accounts.problem.${problem}`)}
          </p>
        )}
      </div>
      {error && <ConsoleProblem error={error} />}
      <div className="actions">
        <button type="submit" className="action action-primary" disabled={working}>
          {t('accounts.reset.submit')}
        </button>
        <button type="button" className="action" disabled={working} onClick={onCancel}>
          {t('accounts.cancel')}
        </button>
      </div>
    </form>
  );
}

function DisableConfirmation({ account, onDone, onCancel }: AccountActionProps) {
  const { t } = useTranslation('console-operations');
  const [error, setError] = useState<Error>();
  const [working, setWorking] = useState(false);
  const disable = async () => {
    setWorking(true);
    setError(undefined);
    try {
      await consoleRequest('POST', consolePaths.accountDisable(account.id), z.unknown());
      onDone();
    } catch (refusal) {
      setError(refusal as Error);
    } finally {
      setWorking(false);
    }
  };
  return (
    <div className="notice">
      <p>{t('accounts.disable.confirm', { name: account.displayName })}</p>
      {error && <ConsoleProblem error={error} />}
      <div className="actions">
        <button type="button" className="action action-danger" disabled={working} onClick={() => void disable()}>
          {t('accounts.disable.yes')}
        </button>
        <button type="button" className="action" disabled={working} onClick={onCancel}>
          {t('accounts.cancel')}
        </button>
      </div>
    </div>
  );
}

/** One account: who, what role, which jurisdictions, whether it can sign in; reset its password or disable it. */
export function AccountCard({
  account,
  isSelf,
  onChanged,
}: {
  account: ConsoleAccount;
  /** The signed-in admin may not disable their own account (and lock everyone out). */
  isSelf: boolean;
  onChanged: (announcement: string) => void;
}) {
  const { t, i18n } = useTranslation('console-operations');
  const jurisdictions = useConsoleJurisdictions();
  const [step, setStep] = useState<Step>('idle');
  const disabled = account.disabledAt !== null;
  const jurisdictionName = (id: string) => {
    const jurisdiction = jurisdictions.data?.find((candidate) => candidate.id === id);
    return jurisdiction ? textIn(jurisdiction.name, i18n.language) : id;
  };
  const titleId = `account-${account.id}`;

  return (
    <li className={`account${disabled ? ' account-disabled' : ''}`}>
      <article aria-labelledby={titleId}>
        <h3 id={titleId}>{account.displayName}</h3>
        <dl className="account-facts">
          <dt>{t('accounts.field.email')}</dt>
          <dd>{account.email}</dd>
          <dt>{t('accounts.field.role')}</dt>
          <dd>{t(`accounts.role.${account.role}`)}</dd>
          {account.role === 'coordinator' && (
            <>
              <dt>{t('accounts.field.jurisdictionIds')}</dt>
              <dd>{account.jurisdictionIds.map(jurisdictionName).join(', ')}</dd>
            </>
          )}
          <dt>{t('accounts.state')}</dt>
          <dd>
            {disabled ? (
              <strong>
                {t('accounts.disabledSince', {
                  when: new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium' }).format(
                    new Date(account.disabledAt ?? account.createdAt),
                  ),
                })}
              </strong>
            ) : (
              t('accounts.active')
            )}
          </dd>
        </dl>
        {!disabled && step === 'idle' && (
          <div className="actions">
            <button type="button" className="action" onClick={() => setStep('reset')}>
              {t('accounts.reset.start')}
              <span className="visually-hidden"> {account.displayName}</span>
            </button>
            {!isSelf && (
              <button type="button" className="action action-danger" onClick={() => setStep('disable')}>
                {t('accounts.disable.start')}
                <span className="visually-hidden"> {account.displayName}</span>
              </button>
            )}
          </div>
        )}
        {step === 'reset' && (
          <PasswordReset
            account={account}
            onCancel={() => setStep('idle')}
            onDone={() => {
              setStep('idle');
              onChanged(t('accounts.reset.done', { name: account.displayName }));
            }}
          />
        )}
        {step === 'disable' && (
          <DisableConfirmation
            account={account}
            onCancel={() => setStep('idle')}
            onDone={() => {
              setStep('idle');
              onChanged(t('accounts.disable.done', { name: account.displayName }));
            }}
          />
        )}
      </article>
    </li>
  );
}
