import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { ConsoleAccountSchema, consolePaths } from '../../../../core/console/protocol';
import { ConsoleProblem } from '../../../console/ConsoleProblem';
import { useConsoleQuery } from '../../../console/query';
import { useAccount } from '../../../console/session';
import { AccountCard } from './AccountCard';
import { NewAccountForm } from './NewAccountForm';
import './accounts.css';

const AccountListSchema = z.array(ConsoleAccountSchema);

/** Admins' screen: who may sign in to the console, with which role; create, reset a password, disable. */
export function AccountsScreen() {
  const { t } = useTranslation('console-operations');
  const me = useAccount();
  const isAdmin = me.role === 'admin';
  const accounts = useConsoleQuery(isAdmin ? consolePaths.accounts : undefined, AccountListSchema);
  const [announcement, setAnnouncement] = useState('');

  const changed = (text: string) => {
    setAnnouncement(text);
    void accounts.reload();
  };
  const sorted = [...(accounts.data ?? [])].sort(
    (a, b) =>
      Number(a.disabledAt !== null) - Number(b.disabledAt !== null) || a.displayName.localeCompare(b.displayName),
  );

  return (
    <section aria-labelledby="accounts-title">
      <h1 id="accounts-title">{t('accounts.title')}</h1>
      {!isAdmin ? (
        <p className="notice">{t('accounts.adminsOnly')}</p>
      ) : (
        <>
          <p role="status" aria-live="polite" className="console-saved">
            {announcement}
          </p>
          <section aria-labelledby="accounts-new-title">
            <h2 id="accounts-new-title">{t('accounts.new')}</h2>
            <NewAccountForm onCreated={(account) => changed(t('accounts.created', { email: account.email }))} />
          </section>
          <section aria-labelledby="accounts-list-title">
            <h2 id="accounts-list-title">{t('accounts.list')}</h2>
            {accounts.error && <ConsoleProblem error={accounts.error} onRetry={() => void accounts.reload()} />}
            {!accounts.data && !accounts.error && <p className="loading">{t('loading')}</p>}
            {accounts.data && (
              <ul className="account-list">
                {sorted.map((account) => (
                  <AccountCard key={account.id} account={account} isSelf={account.id === me.id} onChanged={changed} />
                ))}
              </ul>
            )}
          </section>
        </>
      )}
    </section>
  );
}
