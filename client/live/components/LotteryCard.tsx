import { useId } from 'react';
import { tierAllowed } from '../../../shared/domain/tier-ladder.ts';
import type { Lottery } from '../../../shared/perks.ts';
import { formatCountdown, formatNumber } from '../../common/format.ts';
import { useActions, useLive, useServerNow, useT } from '../hooks.ts';
import { shortHash } from '../logic/format.ts';
import { inviteLine } from '../logic/invite-entries.ts';
import type { LiveKey } from '../i18n.ts';
import {
  selectEnterBusy,
  selectEnteredWeight,
  selectEnterError,
  selectIsSignedIn,
  selectLocale,
  selectMyId,
  selectRules,
  selectTier,
} from '../store/selectors.ts';
import { GiftIcon, ShareIcon, ShieldCheckIcon } from './icons.tsx';
import { LotteryRules } from './LotteryRules.tsx';
import { PrizeClaim } from './PrizeClaim.tsx';
import { ShareLinkField, useShare } from './ShareLink.tsx';

const ERROR_KEYS: Record<string, LiveKey> = {
  INSUFFICIENT_POINTS: 'lottery.error.INSUFFICIENT_POINTS',
  NOT_READY: 'lottery.error.NOT_READY',
  TIER_TOO_LOW: 'lottery.error.TIER_TOO_LOW',
  CLOSED: 'lottery.error.CLOSED',
  NOT_ELIGIBLE: 'lottery.error.NOT_ELIGIBLE',
  BANNED: 'error.BANNED',
  TIMEOUT: 'lottery.error.TIMEOUT',
  OFFLINE: 'lottery.error.TIMEOUT',
};

/** A provably fair lottery: prize, cost, this member's weight, live entries, winners and the proof link. */
export function LotteryCard({ lottery }: { lottery: Lottery }) {
  const t = useT();
  const locale = useLive(selectLocale);
  const now = useServerNow();
  const rules = useLive(selectRules);
  const tier = useLive(selectTier);
  const signedIn = useLive(selectIsSignedIn);
  const myId = useLive(selectMyId);
  const enteredWeight = useLive(selectEnteredWeight(lottery.id));
  const busy = useLive(selectEnterBusy(lottery.id));
  const error = useLive(selectEnterError(lottery.id));
  const { openAuth, enterLottery } = useActions();
  const titleId = useId();

  const drawn = lottery.status === 'drawn';
  // v2: entries froze and the draw waits a few seconds for its drand round.
  const frozen = lottery.status === 'drawing';
  // Cancelled by the host (issue 11): nobody wins, paid entries were refunded, nothing to enter.
  const cancelled = lottery.status === 'cancelled';
  const closed = drawn || cancelled || frozen || (lottery.closesAt !== null && lottery.closesAt <= now);
  const minTierName = lottery.minTier ? (rules?.tiers.find((x) => x.id === lottery.minTier)?.name ?? lottery.minTier) : null;
  // the server's rule (shared/domain/): an unknown minTier admits nobody
  const tierOk = !tier || !rules || tierAllowed(rules, lottery.minTier, tier);
  const equalOdds = lottery.settings.odds === 'equal';
  const weight = enteredWeight ?? (equalOdds ? 1 : (tier?.lotteryWeight ?? 1));
  const entered = enteredWeight !== undefined;
  const iWon = drawn && myId !== null && (lottery.winnerList ?? []).some((w) => w.memberId === myId);
  const invite = inviteLine(t, lottery.settings, locale);

  let label: string;
  if (entered) label = t('lottery.entered');
  else if (closed) label = drawn ? t('lottery.drawn') : frozen ? t('lottery.drawingLabel') : t('lottery.closed');
  else if (!signedIn) label = t('lottery.signInToEnter');
  else if (!tierOk) label = t('lottery.tierOnly', { tier: minTierName ?? '' });
  else if (busy) label = t('lottery.entering');
  else label = lottery.entryCostPoints > 0 ? t('lottery.enterFor', { points: formatNumber(lottery.entryCostPoints, locale) }) : t('lottery.enter');
  const enabled = !entered && !closed && !busy && (!signedIn || tierOk);

  return (
    <article className={`card lottery ${drawn ? 'is-drawn' : ''} ${cancelled ? 'is-cancelled' : ''} ${iWon ? 'is-won' : ''}`} data-testid="lottery-card" aria-labelledby={titleId}>
      <header className="lottery__head">
        <span className="lottery__icon" aria-hidden="true">
          <GiftIcon size={22} />
        </span>
        <div>
          <p className="eyebrow">{t('lottery.eyebrow')}</p>
          <h3 id={titleId} className="lottery__title">
            {lottery.title}
          </h3>
        </div>
      </header>
      <p className="lottery__prize">
        <span className="lottery__prize-label">{t('lottery.prize')}</span> {lottery.prize}
      </p>
      <dl className="stats">
        <div>
          <dt>{t('lottery.cost')}</dt>
          <dd>{lottery.entryCostPoints > 0 ? t('lottery.costPoints', { points: formatNumber(lottery.entryCostPoints, locale) }) : t('lottery.free')}</dd>
        </div>
        <div>
          <dt>{t('lottery.yourWeight')}</dt>
          <dd>
            {signedIn ? t('lottery.weight', { weight: formatNumber(weight, locale) }) : '—'}
          </dd>
        </div>
        <div>
          <dt>{t('lottery.entries')}</dt>
          <dd>
            <span key={lottery.entries} className="bump" data-testid="entries-count">
              {formatNumber(lottery.entries, locale)}
            </span>
          </dd>
        </div>
        <div>
          <dt>{t('lottery.winnersCount')}</dt>
          <dd>{formatNumber(lottery.winners, locale)}</dd>
        </div>
      </dl>
      {signedIn && tier && !closed && (
        <p className="lottery__weight-hint">
          {equalOdds ? t('lottery.equalOddsHint') : t('lottery.weightHint', { tier: tier.name, weight: formatNumber(tier.lotteryWeight, locale) })}
        </p>
      )}
      {invite && !closed && <InviteLine text={invite} />}
      {frozen && lottery.freeze && (
        <p className="opening" role="status" data-testid="lottery-frozen">
          {t('lottery.frozen', { round: formatNumber(lottery.freeze.round, locale) })}
        </p>
      )}
      {!closed && lottery.closesAt !== null && (
        <p className="opening">
          {t('lottery.closesIn')} <strong className="countdown">{formatCountdown(lottery.closesAt - now)}</strong>
        </p>
      )}
      {!closed && lottery.requireWatching && <p className="muted small">{t('lottery.mustWatch')}</p>}

      {cancelled && (
        <p className="claim" role="status" data-testid="lottery-cancelled">
          {entered && lottery.entryCostPoints > 0
            ? t('lottery.cancelledRefunded', { points: formatNumber(lottery.entryCostPoints, locale) })
            : t('lottery.cancelled')}
        </p>
      )}
      {!drawn && !cancelled && (
        <button
          type="button"
          className={`btn btn--block ${enabled ? 'btn--accent' : 'btn--muted'} ${entered ? 'is-entered' : ''}`}
          data-testid="enter-button"
          disabled={!enabled}
          aria-busy={busy}
          onClick={() => (signedIn ? void enterLottery(lottery.id) : openAuth('signup'))}
        >
          {label}
        </button>
      )}
      {error && !entered && (
        <p className="claim claim--warn" role="alert">
          {t(ERROR_KEYS[error.code] ?? 'lottery.error.generic', { code: error.code, tier: minTierName ?? '' })}
        </p>
      )}

      <PrizeClaim lottery={lottery} />
      {drawn && (
        <div className="winners">
          <h4 className="winners__title">{iWon ? t('lottery.youWon') : t('lottery.winners')}</h4>
          {(lottery.winnerList ?? []).length === 0 ? (
            <p className="muted small" data-testid="lottery-winners">
              {t('lottery.noEntries')}
            </p>
          ) : (
            <ol className="winners__list" data-testid="lottery-winners">
              {(lottery.winnerList ?? []).map((w, i) => (
                <li key={w.memberId} className={w.memberId === myId ? 'is-me' : ''} style={{ animationDelay: `${i * 90}ms` }}>
                  <span className="winners__rank">{i + 1}</span>
                  <span className="winners__name"><bdi>{w.displayName}</bdi></span>
                  {w.memberId === myId && <span className="chip chip--you">{t('common.you')}</span>}
                </li>
              ))}
            </ol>
          )}
        </div>
      )}

      <LotteryRules lottery={lottery} tierName={minTierName} />
      <footer className="lottery__proof">
        <ShieldCheckIcon size={16} />
        {drawn ? (
          <a href={`/verify/${encodeURIComponent(lottery.id)}`}>{t('lottery.verify')}</a>
        ) : (
          <span>
            {t('lottery.committed')} <code title={lottery.commitment}>{shortHash(lottery.commitment)}</code>
          </span>
        )}
      </footer>
    </article>
  );
}

/** Invite-to-win: what each friend who joins through the member's link adds, and the room's share action beside it. */
function InviteLine({ text }: { text: string }) {
  const t = useT();
  const { share, url, copied, copy } = useShare();
  return (
    <div className="lottery__invite" data-testid="lottery-invite">
      <p className="lottery__invite-text">{text}</p>
      <button type="button" className="btn btn--small btn--ghost" onClick={() => void share()}>
        <ShareIcon size={16} />
        {copied ? t('share.copied') : t('share.cta')}
      </button>
      {url && <ShareLinkField url={url} copied={copied} onCopy={(link) => void copy(link)} />}
    </div>
  );
}
