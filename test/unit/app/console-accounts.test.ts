import { describe, expect, it } from 'vitest';
import {
  fieldsOfServerIssues,
  type NewAccountForm,
  newAccountProblems,
  newAccountRequest,
  passwordProblem,
} from '../../../src/app/features/console-accounts/components/account-form';

const form = (changes: Partial<NewAccountForm> = {}): NewAccountForm => ({
  email: 'ana@example.org',
  displayName: 'Ana López',
  role: 'coordinator',
  jurisdictionIds: ['hn-ocotepeque'],
  password: 'una frase larga y segura',
  ...changes,
});

describe('the new account form', () => {
  it('accepts a complete coordinator', () => {
    expect(newAccountProblems(form())).toEqual({});
  });

  it('names each wrong field, so the message shows next to it', () => {
    expect(newAccountProblems(form({ email: 'ana', displayName: '  ', password: 'short' }))).toEqual({
      email: 'email',
      displayName: 'displayName',
      password: 'passwordShort',
    });
  });

  it('asks a coordinator for at least one jurisdiction, but not an admin or a trainer', () => {
    expect(newAccountProblems(form({ jurisdictionIds: [] }))).toEqual({ jurisdictionIds: 'jurisdictionIds' });
    expect(newAccountProblems(form({ role: 'admin', jurisdictionIds: [] }))).toEqual({});
    expect(newAccountProblems(form({ role: 'trainer', jurisdictionIds: [] }))).toEqual({});
  });

  it('sends jurisdictions only for a coordinator, and the email without stray spaces', () => {
    expect(newAccountRequest(form({ role: 'trainer', email: ' ana@example.org ' }))).toMatchObject({
      email: 'ana@example.org',
      jurisdictionIds: [],
    });
    expect(newAccountRequest(form()).jurisdictionIds).toEqual(['hn-ocotepeque']);
  });
});

describe('a new password', () => {
  it('needs at least 12 characters, counted as a person counts them', () => {
    expect(passwordProblem('elevenchars', 'ana@example.org')).toBe('passwordShort');
    expect(passwordProblem('twelve chars', 'ana@example.org')).toBeUndefined();
    // Six characters that take twelve UTF-16 units are still six characters.
    expect(passwordProblem('😀😀😀😀😀😀', 'ana@example.org')).toBe('passwordShort');
  });

  it('may not be the email address, nor longer than the server keeps', () => {
    expect(passwordProblem(' Ana@Example.org ', 'ana@example.org')).toBe('passwordIsEmail');
    expect(passwordProblem('x'.repeat(201), 'ana@example.org')).toBe('passwordLong');
  });
});

describe('a refusal from the server', () => {
  it('is shown next to the fields its issues name', () => {
    expect(
      fieldsOfServerIssues([
        { path: 'body.password' },
        { path: 'body.jurisdictionIds.0' },
        { path: 'params.accountId' },
      ]),
    ).toEqual({ password: 'passwordRefused', jurisdictionIds: 'jurisdictionIds' });
  });

  it('about an email the browser found well formed, says another account has it', () => {
    expect(fieldsOfServerIssues([{ path: 'body.email' }])).toEqual({ email: 'emailTaken' });
  });
});
