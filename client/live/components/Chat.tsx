import { useEffect, useRef, useState, type FormEvent } from 'react';
import { fillIsolated } from '../../common/bidi.tsx';
import { ExpandableText } from '../../common/ExpandableText.tsx';
import { tierDisplayName } from '../../common/tier-names.ts';
import { useActions, useLive, useT } from '../hooks.ts';
import { formatClock } from '../logic/format.ts';
import type { LiveKey } from '../i18n.ts';
import { selectFeed, selectIsLive, selectIsSignedIn, selectLocale, selectMyId, selectSlowModeSeconds } from '../store/selectors.ts';
import { ChatBadges } from './Badges.tsx';
import { SendIcon } from './icons.tsx';

const MAX = 200;
const SEND_ERRORS: Record<string, LiveKey> = {
  RATE_LIMITED: 'chat.error.RATE_LIMITED',
  VALIDATION: 'chat.error.VALIDATION',
  NOT_LIVE: 'chat.error.NOT_LIVE',
  MUTED: 'chat.error.MUTED',
  BANNED: 'chat.error.BANNED',
  BLOCKED_WORD: 'chat.error.BLOCKED_WORD',
};

/** The room's comments, plain text only, newest at the bottom; own lines marked, commenters' badges beside their names. */
export function Chat() {
  const t = useT();
  const locale = useLive(selectLocale);
  const feed = useLive(selectFeed);
  const myId = useLive(selectMyId);
  const listRef = useRef<HTMLOListElement>(null);
  const stick = useRef(true);

  // Follow new lines only when the reader is already at the bottom.
  useEffect(() => {
    const el = listRef.current;
    if (el && stick.current) el.scrollTop = el.scrollHeight;
  }, [feed]);

  return (
    <section className="card chat" aria-labelledby="chat-h">
      <h2 id="chat-h" className="section-title">
        {t('chat.title')}
      </h2>
      <ol
        ref={listRef}
        className="feed"
        role="log"
        aria-label={t('chat.feedLabel')}
        tabIndex={0}
        onScroll={(e) => {
          const el = e.currentTarget;
          stick.current = el.scrollHeight - el.scrollTop - el.clientHeight < 40;
        }}
      >
        {feed.length === 0 && <li className="feed__empty">{t('chat.empty')}</li>}
        {feed.map((item) =>
          item.kind === 'comment' ? (
            <li key={item.seq} className={`msg ${item.memberId === myId ? 'is-own' : ''}`}>
              <span className="msg__who">
                <span className="tier-dot" data-tier={item.tier} aria-hidden="true" />
                <span className="msg__name"><bdi>{item.displayName}</bdi></span>
                <ChatBadges ids={item.badges} own={item.memberId === myId} />
                {item.memberId === myId && <span className="chip chip--you">{t('common.you')}</span>}
                <time className="msg__time" dateTime={new Date(item.at).toISOString()}>
                  {formatClock(item.at, locale)}
                </time>
              </span>
              <ExpandableText className="msg__text" text={item.text} more={t('chat.readMore')} less={t('chat.readLess')}>
                <bdi>{item.text}</bdi>
              </ExpandableText>
            </li>
          ) : (
            <li key={item.seq} className="msg msg--badge" data-tier={item.tierId}>
              <span className="tier-dot" data-tier={item.tierId} aria-hidden="true" />
              {fillIsolated(t(item.reason === 'tier-up' ? 'feed.tierUp' : 'feed.joined'), { name: item.displayName, tier: tierDisplayName(item.tierId, item.tierName, locale) })}
            </li>
          ),
        )}
      </ol>
      <CommentForm />
    </section>
  );
}

function CommentForm() {
  const t = useT();
  const signedIn = useLive(selectIsSignedIn);
  const live = useLive(selectIsLive);
  const slowMode = useLive(selectSlowModeSeconds);
  const { openAuth, comment } = useActions();
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<LiveKey | null>(null);

  if (!signedIn) {
    return (
      <div className="chat__guest">
        <p>{t('chat.guest')}</p>
        <button type="button" className="btn btn--small btn--primary" onClick={() => openAuth('signup')}>
          {t('guest.join')}
        </button>
      </div>
    );
  }

  async function send(e: FormEvent) {
    e.preventDefault();
    const trimmed = text.trim();
    if (!trimmed || busy) return;
    setBusy(true);
    const code = await comment(trimmed);
    setBusy(false);
    if (code === null) {
      setText('');
      setError(null);
    } else if (code === 'RATE_LIMITED' && slowMode > 0) setError('chat.error.SLOW_MODE');
    else setError(SEND_ERRORS[code] ?? 'chat.error.generic');
  }

  return (
    <form className="composer" onSubmit={send}>
      <label htmlFor="comment-input" className="sr-only">
        {t('chat.inputLabel')}
      </label>
      <input
        id="comment-input"
        className="composer__input"
        value={text}
        maxLength={MAX}
        placeholder={live ? t('chat.placeholder') : t('chat.notLive')}
        disabled={!live}
        autoComplete="off"
        enterKeyHint="send"
        onChange={(e) => setText(e.target.value)}
        aria-describedby={error ? 'comment-error' : undefined}
      />
      <button type="submit" className="composer__send" disabled={!live || busy || text.trim() === ''} aria-label={t('chat.send')}>
        <SendIcon />
      </button>
      {text.length > MAX - 40 && (
        <span className="composer__count" aria-live="polite">
          {MAX - text.length}
        </span>
      )}
      {error && (
        <p id="comment-error" className="form-error composer__error" role="alert" data-testid="comment-error">
          {t(error, { n: slowMode })}
        </p>
      )}
      {!error && slowMode > 0 && (
        <p className="muted composer__hint" data-testid="slow-mode">
          {t('chat.slowMode', { n: slowMode })}
        </p>
      )}
    </form>
  );
}
