import { useState, type FormEvent } from 'react';
import { say, useActions, useHost, useT } from '../hooks.ts';
import { Brand } from './Brand.tsx';
import { LocaleSwitch } from './LocaleSwitch.tsx';
import { selectLoginPending, selectLoginProblem } from '../store/selectors.ts';

export function LoginScreen() {
  const t = useT();
  const [hostKey, setHostKey] = useState('');
  const pending = useHost(selectLoginPending);
  const problem = useHost(selectLoginProblem);
  const { login } = useActions();

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void login(hostKey);
  };

  return (
    <div className="login-page">
      <div className="login-top">
        <Brand suffix={t('brand.studio')} />
        <LocaleSwitch />
      </div>
      <main className="login-main">
        <section className="login-pitch" aria-hidden="true">
          <p className="eyebrow">{t('login.eyebrow')}</p>
          <p className="login-headline">{t('login.headline')}</p>
          <ul className="login-points">
            <li>{t('login.point1')}</li>
            <li>{t('login.point2')}</li>
            <li>{t('login.point3')}</li>
          </ul>
        </section>
        <form className="login-card" onSubmit={submit} aria-labelledby="login-title" noValidate>
          <h1 id="login-title">{t('login.title')}</h1>
          <p className="muted">{t('login.lead')}</p>
          <div className={`field ${problem ? 'has-error' : ''}`}>
            <label htmlFor="host-key">{t('login.key')}</label>
            <input
              id="host-key"
              type="password"
              autoComplete="current-password"
              value={hostKey}
              onChange={(e) => setHostKey(e.target.value)}
              aria-invalid={problem ? true : undefined}
              aria-describedby={problem ? 'login-error' : 'login-hint'}
              data-testid="host-key-input"
              autoFocus
            />
            <p className="field-hint" id="login-hint">
              {t('login.keyHint')}
            </p>
          </div>
          <div role="alert" className="form-alert-slot">
            {problem && (
              <p className="form-alert" id="login-error">
                {say(t, problem)}
              </p>
            )}
          </div>
          <button type="submit" className="btn btn-primary btn-block" disabled={pending} data-testid="login-button">
            {pending ? t('login.pending') : t('login.submit')}
          </button>
        </form>
      </main>
    </div>
  );
}
