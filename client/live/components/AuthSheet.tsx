import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { ApiError } from '../../common/api.ts';
import { api } from '../api.ts';
import { useActions, useLive, useT } from '../hooks.ts';
import { authFormProblems, serverProblems, type AuthField, type AuthProblems } from '../logic/auth-form.ts';
import { selectAuthMode, selectGuestWouldHaveEarned } from '../store/selectors.ts';
import { CloseIcon } from './icons.tsx';

/**
 * Sign up / log in as a bottom sheet (a modal <dialog>: focus stays inside,
 * Escape closes) so the viewer never leaves the room; success upgrades the
 * room's socket in place.
 */
export function AuthSheet() {
  const t = useT();
  const mode = useLive(selectAuthMode);
  const { closeAuth: close, signedIn, openAuth } = useActions();
  const wouldHave = useLive(selectGuestWouldHaveEarned);
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const ids = { handle: useId(), password: useId(), name: useId(), error: useId() };
  const errorId = (field: AuthField) => `${ids.error}-${field}`;
  const [handle, setHandle] = useState('');
  const [password, setPassword] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [problems, setProblems] = useState<AuthProblems>({});
  // typing in a field clears that field's problem (and a form-wide one), the others stay until fixed
  const edited = (field: AuthField) => setProblems(({ [field]: _, form: __, ...rest }) => rest);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (mode && !dialog.open) dialog.showModal();
    if (!mode && dialog.open) dialog.close();
    setProblems({});
  }, [mode]);

  const signup = mode === 'signup';

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (busy) return;
    const found = authFormProblems({ handle, password, displayName }, signup);
    setProblems(found);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    try {
      const body = { handle: handle.trim(), password };
      const reply = signup
        ? await api.signup(displayName.trim() ? { ...body, displayName: displayName.trim() } : body)
        : await api.login(body);
      setPassword('');
      await signedIn(reply);
    } catch (err) {
      setProblems(serverProblems(err instanceof ApiError ? { code: err.code, field: err.field, message: err.message } : null));
    } finally {
      setBusy(false);
    }
  }

  return (
    <dialog ref={ref} className="sheet" aria-labelledby={titleId} onClose={close} onCancel={close}>
      <form className="sheet__body" onSubmit={submit} noValidate>
        <div className="sheet__grab" aria-hidden="true" />
        <button type="button" className="icon-btn sheet__close" onClick={close} aria-label={t('common.close')}>
          <CloseIcon />
        </button>
        <h2 id={titleId} className="sheet__title">
          {signup ? t('auth.signupTitle') : t('auth.loginTitle')}
        </h2>
        <p className="sheet__lead">
          {signup && wouldHave > 0 ? t('auth.signupKeep', { points: wouldHave }) : signup ? t('auth.signupLead') : t('auth.loginLead')}
        </p>
        <label className="field" htmlFor={ids.handle}>
          <span className="field__label">{t('auth.handle')}</span>
          <input
            id={ids.handle}
            name="username"
            autoComplete="username"
            autoCapitalize="none"
            spellCheck={false}
            value={handle}
            onChange={(e) => {
              setHandle(e.target.value);
              edited('handle');
            }}
            aria-describedby={problems.handle ? errorId('handle') : undefined}
            aria-invalid={!!problems.handle}
            required
            minLength={3}
            maxLength={32}
          />
          <FieldError id={errorId('handle')} problem={problems.handle} />
          {signup && <span className="field__hint">{t('auth.handleHint')}</span>}
        </label>
        <label className="field" htmlFor={ids.password}>
          <span className="field__label">{t('auth.password')}</span>
          <input
            id={ids.password}
            type="password"
            name="password"
            autoComplete={signup ? 'new-password' : 'current-password'}
            value={password}
            onChange={(e) => {
              setPassword(e.target.value);
              edited('password');
            }}
            aria-describedby={problems.password ? errorId('password') : undefined}
            aria-invalid={!!problems.password}
            required
            minLength={signup ? 8 : 1}
            maxLength={200}
          />
          <FieldError id={errorId('password')} problem={problems.password} />
          {signup && <span className="field__hint">{t('auth.passwordHint')}</span>}
        </label>
        {signup && (
          <label className="field" htmlFor={ids.name}>
            <span className="field__label">{t('auth.displayName')}</span>
            <input
              id={ids.name}
              name="nickname"
              autoComplete="nickname"
              value={displayName}
              onChange={(e) => {
                setDisplayName(e.target.value);
                edited('displayName');
              }}
              aria-describedby={problems.displayName ? errorId('displayName') : undefined}
              aria-invalid={!!problems.displayName}
              maxLength={40}
            />
            <FieldError id={errorId('displayName')} problem={problems.displayName} />
          </label>
        )}
        {problems.form && (
          <p id={ids.error} className="form-error" role="alert">
            {t(problems.form)}
          </p>
        )}
        <button type="submit" className="btn btn--primary btn--block" disabled={busy} aria-busy={busy}>
          {busy ? t('common.wait') : signup ? t('auth.signupSubmit') : t('auth.loginSubmit')}
        </button>
        <p className="sheet__switch">
          {signup ? t('auth.haveAccount') : t('auth.noAccount')}{' '}
          <button type="button" className="link-btn" onClick={() => openAuth(signup ? 'login' : 'signup')}>
            {signup ? t('auth.login') : t('auth.signup')}
          </button>
        </p>
      </form>
    </dialog>
  );
}

/** A field's problem, right under it (and named by the input's aria-describedby). */
function FieldError({ id, problem }: { id: string; problem: AuthProblems[AuthField] }) {
  const t = useT();
  if (!problem) return null;
  return (
    <span id={id} className="field__error" data-testid="field-error">
      {t(problem)}
    </span>
  );
}
