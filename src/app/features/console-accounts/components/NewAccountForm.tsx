import { type FormEvent, type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  ACCOUNT_ROLES,
  type AccountRole,
  type ConsoleAccount,
  ConsoleAccountSchema,
  consolePaths,
} from '../../../../core/console/protocol';
import { ConsoleApiError, consoleRequest } from '../../../console/api';
import { ConsoleProblem } from '../../../console/ConsoleProblem';
import { useConsoleJurisdictions } from '../../../console/jurisdictions';
import { textIn } from '../../../console/text';
import {
  type AccountField,
  type AccountProblem,
  type FieldProblems,
  type NewAccountForm as Form,
  fieldsOfServerIssues,
  newAccountProblems,
  newAccountRequest,
} from './account-form';

const EMPTY: Form = { email: '', displayName: '', role: 'coordinator', jurisdictionIds: [], password: '' };

/** The id of a field's message, for aria-describedby. */
const problemId = (field: AccountField) => `new-account-${field}-problem`;

/** A field's problem, said next to it. */
function FieldProblem({ field, problem }: { field: AccountField; problem: AccountProblem | undefined }) {
  const { t } = useTranslation('console-operations');
  if (!problem) return null;
  return (
    <p id={problemId(field)} className="field-error">
      {t(`accounts.problem.${problem}`)}
    </p>
  );
}

function describedBy(...ids: (string | false | undefined)[]): string | undefined {
  return ids.filter(Boolean).join(' ') || undefined;
}

function Field({ children }: { children: ReactNode }) {
  return <div className="field">{children}</div>;
}

/**
 * Creates an account: email, name, role, the jurisdictions a coordinator keeps and an initial
 * password. Checked in the browser with the server's rules first; whatever the server still
 * refuses is shown next to the field it is about.
 */
export function NewAccountForm({ onCreated }: { onCreated: (account: ConsoleAccount) => void }) {
  const { t, i18n } = useTranslation('console-operations');
  const jurisdictions = useConsoleJurisdictions();
  const [form, setForm] = useState<Form>(EMPTY);
  const [problems, setProblems] = useState<FieldProblems>({});
  const [error, setError] = useState<Error>();
  const [working, setWorking] = useState(false);

  const change = <K extends keyof Form>(field: K, value: Form[K]) => {
    setForm((previous) => ({ ...previous, [field]: value }));
    setProblems((previous) => ({ ...previous, [field]: undefined }));
  };
  const toggleJurisdiction = (id: string, checked: boolean) =>
    change('jurisdictionIds', checked ? [...form.jurisdictionIds, id] : form.jurisdictionIds.filter((j) => j !== id));

  const showProblems = (found: FieldProblems) => {
    setProblems(found);
    const first = (['email', 'displayName', 'role', 'jurisdictionIds', 'password'] as const).find((f) => found[f]);
    if (first) document.getElementById(`new-account-${first}`)?.focus();
  };

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setError(undefined);
    const found = newAccountProblems(form);
    if (Object.keys(found).length > 0) return showProblems(found);
    setWorking(true);
    try {
      const account = await consoleRequest(
        'POST',
        consolePaths.accounts,
        ConsoleAccountSchema,
        newAccountRequest(form),
      );
      setForm(EMPTY);
      setProblems({});
      onCreated(account);
    } catch (refusal) {
      const fields = refusal instanceof ConsoleApiError ? fieldsOfServerIssues(refusal.issues) : {};
      if (Object.keys(fields).length > 0) showProblems(fields);
      else setError(refusal as Error);
    } finally {
      setWorking(false);
    }
  };

  const invalid = (field: AccountField) => (problems[field] ? true : undefined);
  return (
    <form onSubmit={(event) => void onSubmit(event)} noValidate>
      <Field>
        <label htmlFor="new-account-email">{t('accounts.field.email')}</label>
        <input
          id="new-account-email"
          type="email"
          autoComplete="off"
          value={form.email}
          aria-invalid={invalid('email')}
          aria-describedby={describedBy(problems.email && problemId('email'))}
          onChange={(event) => change('email', event.target.value)}
        />
        <FieldProblem field="email" problem={problems.email} />
      </Field>
      <Field>
        <label htmlFor="new-account-displayName">{t('accounts.field.displayName')}</label>
        <input
          id="new-account-displayName"
          type="text"
          autoComplete="off"
          value={form.displayName}
          aria-invalid={invalid('displayName')}
          aria-describedby={describedBy(problems.displayName && problemId('displayName'))}
          onChange={(event) => change('displayName', event.target.value)}
        />
        <FieldProblem field="displayName" problem={problems.displayName} />
      </Field>
      <fieldset aria-describedby={describedBy(problems.role && problemId('role'))}>
        <legend>{t('accounts.field.role')}</legend>
        {ACCOUNT_ROLES.map((role: AccountRole, index) => (
          <label key={role} className="toggle">
            <input
              id={index === 0 ? 'new-account-role' : undefined}
              type="radio"
              name="new-account-role"
              value={role}
              checked={form.role === role}
              onChange={() => change('role', role)}
            />
            <span>
              <strong>{t(`accounts.role.${role}`)}</strong>{' '}
              <span className="hint">{t(`accounts.roleExplain.${role}`)}</span>
            </span>
          </label>
        ))}
        <FieldProblem field="role" problem={problems.role} />
      </fieldset>
      {form.role === 'coordinator' && (
        <fieldset aria-describedby={describedBy(problems.jurisdictionIds && problemId('jurisdictionIds'))}>
          <legend>{t('accounts.field.jurisdictionIds')}</legend>
          {jurisdictions.error && <ConsoleProblem error={jurisdictions.error} />}
          <div className="checkbox-grid">
            {(jurisdictions.data ?? []).map((jurisdiction, index) => (
              <label key={jurisdiction.id} className="toggle">
                <input
                  id={index === 0 ? 'new-account-jurisdictionIds' : undefined}
                  type="checkbox"
                  value={jurisdiction.id}
                  checked={form.jurisdictionIds.includes(jurisdiction.id)}
                  aria-invalid={invalid('jurisdictionIds')}
                  onChange={(event) => toggleJurisdiction(jurisdiction.id, event.target.checked)}
                />
                <span>{textIn(jurisdiction.name, i18n.language)}</span>
              </label>
            ))}
          </div>
          <FieldProblem field="jurisdictionIds" problem={problems.jurisdictionIds} />
        </fieldset>
      )}
      <Field>
        <label htmlFor="new-account-password">{t('accounts.field.password')}</label>
        <input
          id="new-account-password"
          type="password"
          autoComplete="new-password"
          value={form.password}
          aria-invalid={invalid('password')}
          aria-describedby={describedBy('new-account-password-hint', problems.password && problemId('password'))}
          onChange={(event) => change('password', event.target.value)}
        />
        <p id="new-account-password-hint" className="hint">
          {t('accounts.passwordHint')}
        </p>
        <FieldProblem field="password" problem={problems.password} />
      </Field>
      {error && <ConsoleProblem error={error} />}
      <button type="submit" className="action action-primary" disabled={working}>
        {t('accounts.create')}
      </button>
    </form>
  );
}
