import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { ApiError } from '../../common/api.ts';
import { api } from '../api.ts';
import { useActions, useLive, useT } from '../hooks.ts';
import type { LiveKey } from '../i18n.ts';
import { selectAuthMode, selectGuestWouldHaveEarned } from '../store/selectors.ts';
import { CloseIcon } from './icons.tsx';

const HANDLE = /^[a-zA-Z0-9_.-]{3,32}$/;

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
  const [handle, setHandle] = useState('');
  const [password, setPassword] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [error, setError] = useState<LiveKey | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (mode && !dialog.open) dialog.showModal();
    if (!mode && dialog.open) dialog.close();
    setError(null);
  }, [mode]);

  const signup = mode === 'signup';

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (busy) return;
    if (!HANDLE.test(handle.trim())) return setError('auth.error.handle');
    if (signup && password.length < 8) return setError('auth.error.password');
    if (!password) return setError('auth.error.password');
    setBusy(true);
    setError(null);
    try {
      const body = { handle: handle.trim(), password };
      const reply = signup
        ? await api.signup(displayName.trim() ? { ...body, displayName: displayName.trim() } : body)
        : await api.login(body);
      setPassword('');
      await signedIn(reply);
    } catch (err) {
      if (err instanceof ApiError) {
        if (err.code === 'CONFLICT') setError('auth.error.taken');
        else if (err.code === 'UNAUTHENTICATED') setError('auth.error.credentials');
        else if (err.code === 'VALIDATION') setError(err.field === 'password' ? 'auth.error.password' : err.field === 'displayName' ? 'auth.error.name' : 'auth.error.handle');
        else setError('auth.error.generic');
      } else setError('auth.error.network');
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
            onChange={(e) => setHandle(e.target.value)}
            aria-describedby={error ? ids.error : undefined}
            aria-invalid={error === 'auth.error.handle' || error === 'auth.error.taken'}
            required
            minLength={3}
            maxLength={32}
          />
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
            onChange={(e) => setPassword(e.target.value)}
            aria-invalid={error === 'auth.error.password' || error === 'auth.error.credentials'}
            required
            minLength={signup ? 8 : 1}
            maxLength={200}
          />
          {signup && <span className="field__hint">{t('auth.passwordHint')}</span>}
        </label>
        {signup && (
          <label className="field" htmlFor={ids.name}>
            <span className="field__label">{t('auth.displayName')}</span>
            <input id={ids.name} name="nickname" autoComplete="nickname" value={displayName} onChange={(e) => setDisplayName(e.target.value)} maxLength={40} />
          </label>
        )}
        {error && (
          <p id={ids.error} className="form-error" role="alert">
            {t(error)}
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
