import { useState, type FormEvent } from 'react';
import { useActions, useHost, useT } from '../../hooks.ts';
import { formatDateTime } from '../../logic/time.ts';
import type { StoredOverlayToken } from '../../store/types.ts';
import { CopyButton } from '../CopyButton.tsx';
import { EmptyState, Panel, TextField } from '../ui.tsx';
import { buildOverlayLink, OVERLAY_WIDGETS } from '../../../../shared/overlay-link.ts';
import { OverlayLinkBuilder, type LinkChoices } from './OverlayLinkBuilder.tsx';
import { OverlayPreview } from './OverlayPreview.tsx';
import { PinnedDropPanel } from './PinnedDropPanel.tsx';
import { selectLocale, selectOverlayBusy, selectOverlayTokens } from '../../store/selectors.ts';

/**
 * The same overlay on this dashboard's origin, so the preview works when
 * PUBLIC_URL points elsewhere, marked as the preview (`preview=1`): only
 * there does the overlay show connection trouble.
 */
export function previewUrl(url: string, origin: string): string {
  try {
    const u = new URL(url);
    u.searchParams.set('preview', '1');
    return `${origin}${u.pathname}${u.search}`;
  } catch {
    return url;
  }
}

/** The link for OBS with the builder's choices; the token's link as it was if it cannot be read. */
function linkWith(tokenUrl: string, choices: LinkChoices): string {
  try {
    return buildOverlayLink(tokenUrl, choices);
  } catch {
    return tokenUrl;
  }
}

function TokenDetail({ token, onRotated }: { token: StoredOverlayToken; onRotated: (id: string) => void }) {
  const t = useT();
  const locale = useHost(selectLocale);
  const busy = useHost(selectOverlayBusy);
  const { revokeOverlayToken: revoke, rotateOverlayToken: rotate } = useActions();
  const [confirming, setConfirming] = useState(false);
  // The dashboard's language is the likely language of the stream.
  const [choices, setChoices] = useState<LinkChoices>({ lang: locale, widgets: [...OVERLAY_WIDGETS] });
  const url = linkWith(token.url, choices);
  return (
    <Panel
      title={token.label}
      titleId="overlay-detail-title"
      subtitle={
        token.expiresAt === undefined
          ? t('overlay.createdAt', { when: formatDateTime(token.createdAt, locale) })
          : t('overlay.createdExpires', { when: formatDateTime(token.createdAt, locale), until: formatDateTime(token.expiresAt, locale) })
      }
      className="overlay-detail"
    >
      <OverlayLinkBuilder choices={choices} onChange={setChoices} />
      <div className="field">
        <label htmlFor="overlay-url">{t('overlay.url')}</label>
        <div className="copy-row">
          <input id="overlay-url" readOnly value={url} data-testid="overlay-url" onFocus={(e) => e.currentTarget.select()} className="mono" />
          <CopyButton text={() => url} label={t('overlay.copy')} testId="overlay-copy" className="btn btn-primary" />
        </div>
        <p className="field-hint">{t('overlay.obsHint')}</p>
      </div>
      <OverlayPreview src={previewUrl(url, location.origin)} title={t('overlay.previewTitle', { label: token.label })} />
      <div className="card-foot">
        {!confirming ? (
          <>
            <button
              type="button"
              className="btn btn-ghost"
              disabled={busy}
              onClick={() => void rotate(token.id).then((id) => id && onRotated(id))}
              data-testid="overlay-rotate"
            >
              {t('overlay.rotate')}
            </button>
            <button type="button" className="btn btn-danger-ghost" onClick={() => setConfirming(true)} disabled={busy} data-testid="overlay-revoke">
              {t('overlay.revoke')}
            </button>
          </>
        ) : (
          <div className="confirm-inline" role="group" aria-label={t('overlay.revokeConfirmLabel')}>
            <span className="small">{t('overlay.revokeQuestion')}</span>
            <button
              type="button"
              className="btn btn-danger"
              autoFocus
              disabled={busy}
              onClick={() => {
                setConfirming(false);
                void revoke(token.id);
              }}
              data-testid="overlay-revoke-confirm"
            >
              {t('overlay.revokeNow')}
            </button>
            <button type="button" className="btn btn-ghost" onClick={() => setConfirming(false)}>
              {t('common.cancel')}
            </button>
          </div>
        )}
      </div>
    </Panel>
  );
}

export function OverlayView() {
  const t = useT();
  const locale = useHost(selectLocale);
  const tokens = useHost(selectOverlayTokens);
  const busy = useHost(selectOverlayBusy);
  const { createOverlayToken: create } = useActions();
  const [label, setLabel] = useState('');
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const selected = tokens.find((x) => x.id === selectedId) ?? tokens[0] ?? null;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    await create(label);
    setLabel('');
    setSelectedId(null); // the new one is first
  };

  return (
    <div className="view">
      <header className="view-head">
        <div className="view-title">
          <h1>{t('overlay.heading')}</h1>
          <p className="muted">{t('overlay.lead')}</p>
        </div>
      </header>
      <div className="grid-aside">
        <div className="stack">
          <Panel title={t('overlay.createTitle')} titleId="overlay-create-title">
            <form className="form" onSubmit={submit} aria-labelledby="overlay-create-title" noValidate>
              <TextField id="overlay-label" label={t('overlay.label')} value={label} onChange={setLabel} placeholder={t('overlay.labelPlaceholder')} hint={t('overlay.labelHint')} />
              <button type="submit" className="btn btn-primary" disabled={busy} data-testid="overlay-create">
                {t('overlay.create')}
              </button>
            </form>
          </Panel>
          <PinnedDropPanel />
          <Panel title={t('overlay.listTitle')} titleId="overlay-list-title" subtitle={t('overlay.listLead')}>
            {tokens.length === 0 ? (
              <p className="muted small">{t('overlay.none')}</p>
            ) : (
              <ul className="token-list" aria-labelledby="overlay-list-title">
                {tokens.map((tok) => (
                  <li key={tok.id}>
                    <button type="button" className="token-item" aria-pressed={selected?.id === tok.id} onClick={() => setSelectedId(tok.id)}>
                      <span className="token-label">{tok.label}</span>
                      <span className="muted small">{formatDateTime(tok.createdAt, locale)}</span>
                    </button>
                  </li>
                ))}
              </ul>
            )}
          </Panel>
        </div>
        {selected ? (
          <TokenDetail key={selected.id} token={selected} onRotated={setSelectedId} />
        ) : (
          <EmptyState title={t('overlay.emptyTitle')}>{t('overlay.emptyBody')}</EmptyState>
        )}
      </div>
    </div>
  );
}
