import { describe, expect, it } from 'vitest';
import { authFormProblems, serverProblems } from '../../client/live/logic/auth-form.ts';

describe('the sign-up form\'s problems', () => {
  it('names every field at fault at once', () => {
    expect(authFormProblems({ handle: 'a', password: 'short', displayName: 'x'.repeat(41) }, true)).toEqual({
      handle: 'auth.error.handle',
      password: 'auth.error.password',
      displayName: 'auth.error.name',
    });
    expect(authFormProblems({ handle: ' mei.lin ', password: 'long enough', displayName: '' }, true)).toEqual({});
  });

  it('asks less of a log-in: any password, no display name', () => {
    expect(authFormProblems({ handle: 'mei', password: 'x', displayName: 'x'.repeat(80) }, false)).toEqual({});
    expect(authFormProblems({ handle: 'mei', password: '', displayName: '' }, false)).toEqual({ password: 'auth.error.password' });
  });

  it('puts the server\'s refusal beside the field it names', () => {
    expect(serverProblems({ code: 'CONFLICT' })).toEqual({ handle: 'auth.error.taken' });
    expect(serverProblems({ code: 'VALIDATION', field: 'displayName' })).toEqual({ displayName: 'auth.error.nameRefused' });
    expect(serverProblems({ code: 'VALIDATION', field: 'handle', message: 'handle: is reserved (host, admin…)' })).toEqual({ handle: 'auth.error.handleReserved' });
    expect(serverProblems({ code: 'UNAUTHENTICATED' })).toEqual({ form: 'auth.error.credentials' });
    expect(serverProblems(null)).toEqual({ form: 'auth.error.network' });
  });
});
