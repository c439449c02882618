import { type AccountRole, NewAccountSchema } from '../../../../core/console/protocol';

/** The fields of the new-account form, as the server names them in `issues` (`body.email`…). */
export const ACCOUNT_FIELDS = ['email', 'displayName', 'role', 'jurisdictionIds', 'password'] as const;
export type AccountField = (typeof ACCOUNT_FIELDS)[number];

/** Why a field is refused; each has a sentence in locales/ (console-operations: accounts.problem.*). */
export type AccountProblem =
  | 'email'
  | 'emailTaken'
  | 'displayName'
  | 'role'
  | 'jurisdictionIds'
  | 'passwordShort'
  | 'passwordLong'
  | 'passwordIsEmail'
  | 'passwordRefused';

export type FieldProblems = Partial<Record<AccountField, AccountProblem>>;

export interface NewAccountForm {
  email: string;
  displayName: string;
  role: AccountRole;
  jurisdictionIds: string[];
  password: string;
}

/** Same rules as the server (see src/server/accounts/passwords.ts): length in characters, not the email. */
export function passwordProblem(password: string, email: string): AccountProblem | undefined {
  const length = [...password].length;
  if (length < 12) return 'passwordShort';
  if (length > (NewAccountSchema.shape.password.maxLength ?? Number.POSITIVE_INFINITY)) return 'passwordLong';
  if (password.trim().toLowerCase() === email.trim().toLowerCase()) return 'passwordIsEmail';
  return undefined;
}

/**
 * The problems of the form before it is sent, by field, with the contract's own schema (so the
 * browser and the server agree) plus what only the server checks otherwise: a coordinator keeps
 * at least one jurisdiction, and a password is not the email address.
 */
export function newAccountProblems(form: NewAccountForm): FieldProblems {
  const problems: FieldProblems = {};
  const request = newAccountRequest(form);
  const parsed = NewAccountSchema.safeParse(request);
  for (const issue of parsed.error?.issues ?? []) {
    const field = ACCOUNT_FIELDS.find((name) => name === issue.path[0]);
    if (field && field !== 'password') problems[field] ??= field;
  }
  if (form.role === 'coordinator' && form.jurisdictionIds.length === 0) problems.jurisdictionIds = 'jurisdictionIds';
  const password = passwordProblem(form.password, request.email);
  if (password) problems.password = password;
  return problems;
}

/** What is sent: the email without stray spaces, and jurisdictions only for a coordinator (the others see all or none). */
export function newAccountRequest(form: NewAccountForm): NewAccountForm {
  return {
    ...form,
    email: form.email.trim(),
    displayName: form.displayName.trim(),
    jurisdictionIds: form.role === 'coordinator' ? form.jurisdictionIds : [],
  };
}

/** What the server refusing a field means, once the browser has checked it with the same rules. */
const SERVER_PROBLEMS: Record<AccountField, AccountProblem> = {
  // The format was checked here with the same schema: what is left is an email another account has.
  email: 'emailTaken',
  displayName: 'displayName',
  role: 'role',
  jurisdictionIds: 'jurisdictionIds',
  password: 'passwordRefused',
};

/**
 * The fields a server refusal names, e.g. `body.password` → password. The server's sentences
 * are English and for whoever debugs; the person reads the field's own sentence.
 */
export function fieldsOfServerIssues(issues: readonly { path: string }[]): FieldProblems {
  const problems: FieldProblems = {};
  for (const issue of issues) {
    const [part, name] = issue.path.split('.');
    const field = ACCOUNT_FIELDS.find((known) => part === 'body' && known === name);
    if (field) problems[field] ??= SERVER_PROBLEMS[field];
  }
  return problems;
}
