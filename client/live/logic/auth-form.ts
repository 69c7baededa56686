/**
 * The sign-up and log-in form's checks, all at once and per field, so the
 * sheet can show every problem beside its own field instead of one message
 * at a time under the button. The same bounds as the server's schemas
 * (shared/schemas.ts SignupBody, LoginBody), which stay the authority: what
 * they refuse comes back per field through `serverProblems`.
 */
import type { LiveKey } from '../i18n.ts';

export type AuthField = 'handle' | 'password' | 'displayName';
export type AuthProblems = Partial<Record<AuthField | 'form', LiveKey>>;

const HANDLE = /^[a-zA-Z0-9_.-]{3,32}$/;

export function authFormProblems(values: { handle: string; password: string; displayName: string }, signup: boolean): AuthProblems {
  const problems: AuthProblems = {};
  if (!HANDLE.test(values.handle.trim())) problems.handle = 'auth.error.handle';
  if (!values.password || (signup && (values.password.length < 8 || values.password.length > 200))) problems.password = 'auth.error.password';
  if (signup && values.displayName.trim().length > 40) problems.displayName = 'auth.error.name';
  return problems;
}

/** The server's refusal, said beside the field it names (or for the whole form). */
export function serverProblems(error: { code: string; field?: string | undefined; message?: string } | null): AuthProblems {
  if (!error) return { form: 'auth.error.network' };
  switch (error.code) {
    case 'CONFLICT':
      return { handle: 'auth.error.taken' };
    case 'UNAUTHENTICATED':
      return { form: 'auth.error.credentials' };
    case 'VALIDATION':
      if (error.field === 'password') return { password: 'auth.error.password' };
      if (error.field === 'displayName') return { displayName: 'auth.error.nameRefused' };
      return { handle: /reserved/i.test(error.message ?? '') ? 'auth.error.handleReserved' : 'auth.error.handle' };
    default:
      return { form: 'auth.error.generic' };
  }
}
