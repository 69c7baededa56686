import { useRef, useState } from 'react';
import { formatNumber } from '../../common/format.ts';
import { useActions, useLive, useT } from '../hooks.ts';
import {
  selectCheckin,
  selectIsLive,
  selectIsSignedIn,
  selectLikesCapped,
  selectLocale,
  selectRules,
} from '../store/selectors.ts';
import { CalendarCheckIcon, HeartIcon, ShareIcon } from './icons.tsx';
import { ShareLinkField, useShare } from './ShareLink.tsx';

/** Check-in (with streak), like, share: the three taps that earn between drops. */
export function QuickActions() {
  const t = useT();
  const live = useLive(selectIsLive);
  return (
    <section className="quick" aria-label={t('actions.label')}>
      <CheckinButton disabled={!live} />
      <LikeButton disabled={!live} />
      <ShareButton />
      <p className="quick__hint" hidden={live}>
        {t('actions.notLive')}
      </p>
    </section>
  );
}

function CheckinButton({ disabled }: { disabled: boolean }) {
  const t = useT();
  const { checkIn } = useActions();
  const locale = useLive(selectLocale);
  const checkin = useLive(selectCheckin);
  const rules = useLive(selectRules);
  const done = checkin.status === 'done';
  const streak = checkin.streak;
  let sub = rules ? t('checkin.reward', { points: formatNumber(rules.checkin.points, locale) }) : '';
  if (done) {
    sub = streak !== null ? t('checkin.streak', { days: formatNumber(streak, locale) }) : t('checkin.doneToday');
  }
  return (
    <button
      type="button"
      className={`qa ${done ? 'is-done' : ''}`}
      onClick={() => void checkIn()}
      disabled={disabled || checkin.status === 'busy'}
      aria-disabled={done || undefined}
      aria-busy={checkin.status === 'busy'}
    >
      <span className="qa__icon qa__icon--checkin">
        <CalendarCheckIcon />
      </span>
      <span className="qa__label">{done ? t('checkin.done') : t('checkin.cta')}</span>
      <span className="qa__sub">{sub}</span>
    </button>
  );
}

function LikeButton({ disabled }: { disabled: boolean }) {
  const t = useT();
  const { like } = useActions();
  const locale = useLive(selectLocale);
  const capped = useLive(selectLikesCapped);
  const rules = useLive(selectRules);
  const [bursts, setBursts] = useState<number[]>([]);
  const seq = useRef(0);
  const tap = () => {
    const id = ++seq.current;
    setBursts((b) => [...b.slice(-5), id]);
    setTimeout(() => setBursts((b) => b.filter((x) => x !== id)), 900);
    void like();
  };
  return (
    <button type="button" className="qa qa--like" onClick={tap} disabled={disabled}>
      <span className="qa__icon qa__icon--like">
        <HeartIcon />
        {bursts.map((id) => (
          <span key={id} className="heart-burst" aria-hidden="true">
            ♥
          </span>
        ))}
      </span>
      <span className="qa__label">{t('like.cta')}</span>
      <span className="qa__sub">{capped ? t('like.capped') : rules ? t('like.reward', { points: formatNumber(rules.like.points, locale) }) : ''}</span>
    </button>
  );
}

function ShareButton() {
  const t = useT();
  const locale = useLive(selectLocale);
  const rules = useLive(selectRules);
  const signedIn = useLive(selectIsSignedIn);
  const { share, url, copied, copy } = useShare();
  return (
    <>
      <button type="button" className="qa" onClick={() => void share()}>
        <span className="qa__icon qa__icon--share">
          <ShareIcon />
        </span>
        <span className="qa__label">{copied ? t('share.copied') : t('share.cta')}</span>
        <span className="qa__sub">
          {signedIn && rules ? t('share.reward', { points: formatNumber(rules.share.points, locale) }) : t('share.sub')}
        </span>
      </button>
      {url && <ShareLinkField url={url} copied={copied} onCopy={(link) => void copy(link)} />}
    </>
  );
}
