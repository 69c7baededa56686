import { formatCountdown, formatNumber } from '../../common/format.ts';
import { useActions, useLive, useT } from '../hooks.ts';
import { formatMultiplier, formatSpan } from '../logic/format.ts';
import { multiplied, nextWatchAward } from '../../../shared/domain/watch-rewards.ts';
import {
  selectChestBusy,
  selectChestReady,
  selectConnection,
  selectGuestCreditedSeconds,
  selectGuestWouldHaveEarned,
  selectIsLive,
  selectIsSignedIn,
  selectLocale,
  selectRules,
  selectStream,
  selectTier,
  selectWatch,
} from '../store/selectors.ts';
import { ChestIcon, HeartIcon } from './icons.tsx';

/**
 * Verified watching, made visible: whether this page is earning right now and
 * why not, the "still watching?" chest, paused accrual, and for guests what
 * they are missing.
 */
export function WatchPanel() {
  const t = useT();
  const locale = useLive(selectLocale);
  const stream = useLive(selectStream);
  const live = useLive(selectIsLive);
  const connection = useLive(selectConnection);
  const watch = useLive(selectWatch);
  const rules = useLive(selectRules);
  const tier = useLive(selectTier);
  const signedIn = useLive(selectIsSignedIn);

  let state: 'scheduled' | 'ended' | 'offline' | 'paused' | 'stopped' | 'earning' | 'counting' | 'starting';
  if (stream?.status === 'scheduled') state = 'scheduled';
  else if (stream?.status === 'ended') state = 'ended';
  else if (connection !== 'online') state = 'offline';
  else if (watch.paused) state = 'paused';
  else if (!watch.playing || !watch.visible) state = 'stopped';
  else if (watch.counting) state = signedIn ? 'earning' : 'counting';
  else state = 'starting';

  const w = rules?.watch;
  const multiplier = tier?.multiplier ?? 1;
  const perStep = w ? multiplied(w.points, { multiplier: signedIn ? multiplier : 1 }) : 0;

  return (
    <section className="card watch" aria-labelledby="watch-h">
      <div className="watch__row">
        <span className={`meter-dot meter-dot--${state}`} aria-hidden="true" />
        <div className="watch__text">
          <h2 id="watch-h" className="watch__title">
            {t(`watch.state.${state}`)}
          </h2>
          {w && live && (
            <p className="watch__rate">
              {t(signedIn ? 'watch.rate' : 'watch.rateGuest', { points: formatNumber(perStep, locale), span: formatSpan(w.everySeconds, locale) })}
              {signedIn && tier && multiplier !== 1 && (
                <span className="chip chip--tier" data-tier={tier.id}>
                  {formatMultiplier(multiplier, locale)} {tier.name}
                </span>
              )}
            </p>
          )}
        </div>
      </div>
      {state === 'stopped' && <p className="watch__hint">{t('watch.stoppedHint')}</p>}
      {state === 'paused' && (signedIn ? <PausedBanner /> : <p className="watch__hint">{t('watch.pausedGuest')}</p>)}
      <Chest />
      {signedIn && live && <NextAward />}
      {!signedIn && live && <GuestNudge />}
    </section>
  );
}

function PausedBanner() {
  const t = useT();
  const { like } = useActions();
  return (
    <div className="banner banner--warn" role="status">
      <p>{t('watch.pausedHint')}</p>
      <button type="button" className="btn btn--small btn--accent" onClick={() => void like()}>
        <HeartIcon size={16} /> {t('watch.imHere')}
      </button>
    </div>
  );
}

function Chest() {
  const t = useT();
  const { openChest } = useActions();
  const locale = useLive(selectLocale);
  const ready = useLive(selectChestReady);
  const busy = useLive(selectChestBusy);
  const rules = useLive(selectRules);
  if (!ready) return null;
  return (
    <button type="button" className="chest" data-testid="chest-button" onClick={() => void openChest()} disabled={busy} aria-busy={busy}>
      <span className="chest__icon">
        <ChestIcon size={30} />
      </span>
      <span className="chest__text">
        <strong>{t('chest.title')}</strong>
        <span>{t('chest.cta', { points: formatNumber(rules?.watch.chestPoints ?? 0, locale) })}</span>
      </span>
    </button>
  );
}

/**
 * A member's progress to their next watch award, as guests see theirs. It
 * counts the server's watch time in the show (every heartbeat reply carries
 * it), so it survives a refresh; until the first reply, this page's own.
 */
function NextAward() {
  const t = useT();
  const locale = useLive(selectLocale);
  const watch = useLive(selectWatch);
  const rules = useLive(selectRules);
  const tier = useLive(selectTier);
  if (!rules) return null;
  const next = nextWatchAward(watch.watchedMs ?? watch.sessionCreditedSeconds * 1000, rules.watch);
  const points = multiplied(rules.watch.points, { multiplier: tier?.multiplier ?? 1 });
  return (
    <div className="watch__next" data-testid="member-next-award">
      <div className="bar bar--thin" aria-hidden="true">
        <span className="bar__fill" style={{ width: `${Math.round(next.fraction * 100)}%` }} />
      </div>
      <p className="nudge__small">{t('watch.next', { points: formatNumber(points, locale), time: formatCountdown(next.msLeft) })}</p>
    </div>
  );
}

function GuestNudge() {
  const t = useT();
  const locale = useLive(selectLocale);
  const wouldHave = useLive(selectGuestWouldHaveEarned);
  const credited = useLive(selectGuestCreditedSeconds);
  const rules = useLive(selectRules);
  const { openAuth } = useActions();
  const next = rules ? nextWatchAward(credited * 1000, rules.watch) : null;
  return (
    <div className="nudge" data-testid="guest-earnings">
      <p className="nudge__big">{t('guest.wouldHave', { points: formatNumber(wouldHave, locale) })}</p>
      {next && (
        <>
          <div className="bar bar--thin" aria-hidden="true">
            <span className="bar__fill" style={{ width: `${Math.round(next.fraction * 100)}%` }} />
          </div>
          <p className="nudge__small">
            {t('guest.next', { points: formatNumber(rules!.watch.points, locale), time: formatCountdown(next.msLeft) })}
          </p>
        </>
      )}
      <button type="button" className="btn btn--primary btn--block" onClick={() => openAuth('signup')}>
        {wouldHave > 0 ? t('guest.joinKeep', { points: formatNumber(wouldHave, locale) }) : t('guest.join')}
      </button>
    </div>
  );
}
