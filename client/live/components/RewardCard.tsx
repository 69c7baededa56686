import { useId } from 'react';
import type { Redemption, RewardView } from '../../../shared/rewards.ts';
import { formatNumber } from '../../common/format.ts';
import { useActions, useLive, useServerNow, useT } from '../hooks.ts';
import type { LiveKey } from '../i18n.ts';
import { formatDateTime } from '../logic/format.ts';
import { rewardCardView, type RewardCardView } from '../logic/rewards.ts';
import {
  selectBalance,
  selectIsSignedIn,
  selectLocale,
  selectRedeemBusy,
  selectRedeemedHere,
  selectRedeemError,
  selectRules,
  selectTierId,
} from '../store/selectors.ts';
import type { AppErrorInfo } from '../store/types.ts';

/**
 * One reward of the store for this member: what it costs them, what is
 * left, their own use of its limit, and a Redeem button that says why it is
 * disabled (one requestId per intended redemption: it cannot redeem twice).
 */
export function RewardCard({ reward }: { reward: RewardView }) {
  const t = useT();
  const locale = useLive(selectLocale);
  const now = useServerNow();
  const signedIn = useLive(selectIsSignedIn);
  const tierId = useLive(selectTierId);
  const balance = useLive(selectBalance);
  const rules = useLive(selectRules);
  const titleId = useId();
  const member = signedIn && tierId !== null && balance !== null ? { tierId, balance } : null;
  const view = rewardCardView(reward, member, rules, now);
  const tierName = (id: string) => rules?.tiers.find((x) => x.id === id)?.name ?? id;
  const points = (n: number) => (n === 0 ? t('reward.free') : t('reward.price', { points: formatNumber(n, locale) }));

  return (
    <article className="card reward" data-testid="reward-card" aria-labelledby={titleId}>
      <div className="reward__top">
        {reward.imageUrl && <img className="reward__img" src={reward.imageUrl} alt="" loading="lazy" />}
        <div className="reward__head">
          <h3 id={titleId} className="reward__title">
            {reward.title}
          </h3>
          {reward.description && <p className="reward__desc">{reward.description}</p>}
        </div>
      </div>
      <p className="reward__facts">
        <span className="reward__price" data-testid="reward-price">
          {points(view.price)}
        </span>
        {view.basePrice !== null && (
          <span className="price__was">
            <span className="sr-only">{t('drop.regularPrice')} </span>
            {points(view.basePrice)}
          </span>
        )}
        <span className={`chip ${reward.left === 0 ? 'chip--out' : ''}`} data-testid="reward-left">
          {reward.left === null ? t('reward.unlimited') : reward.left > 0 ? t('reward.left', { count: reward.left }) : t('reward.soldOut')}
        </span>
        {reward.minTier && (
          <span className="chip chip--tier" data-tier={reward.minTier}>
            {t('reward.minTier', { tier: tierName(reward.minTier) })}
          </span>
        )}
      </p>
      <LimitUse view={view} />
      {reward.availableUntil !== null && view.block !== 'closed' && (
        <p className="muted small">{t('reward.until', { time: formatDateTime(reward.availableUntil, locale) })}</p>
      )}
      <RedeemButton reward={reward} view={view} signedIn={signedIn} tierName={tierName} />
      <RedeemStatus rewardId={reward.id} tierName={tierName} minTier={reward.minTier} />
    </article>
  );
}

function LimitUse({ view }: { view: RewardCardView }) {
  const t = useT();
  if (!view.limitUse && !view.periodUse) return null;
  return (
    <p className="reward__use" data-testid="reward-limit">
      {view.limitUse && t('reward.limitUse', view.limitUse)}
      {view.limitUse && view.periodUse && ' · '}
      {view.periodUse && t(`reward.periodUse.${view.periodUse.period}`, view.periodUse)}
    </p>
  );
}

function RedeemButton({
  reward,
  view,
  signedIn,
  tierName,
}: {
  reward: RewardView;
  view: RewardCardView;
  signedIn: boolean;
  tierName: (id: string) => string;
}) {
  const t = useT();
  const { redeemReward } = useActions();
  const locale = useLive(selectLocale);
  const busy = useLive(selectRedeemBusy(reward.id));
  // Signed in but the member state not read yet: neither "join" nor a price we cannot check.
  const loading = signedIn && view.block === 'guest';
  let label: string;
  if (loading) label = t('common.loading');
  else if (busy) label = t('reward.redeeming');
  else {
    switch (view.block) {
      case null:
        label = view.price > 0 ? t('reward.redeem', { points: formatNumber(view.price, locale) }) : t('reward.redeemFree');
        break;
      case 'guest':
        label = t('reward.signInToRedeem');
        break;
      case 'insufficient':
        label = t('reward.block.insufficient', { points: formatNumber(view.shortBy, locale) });
        break;
      case 'tier-too-low':
        label = t('reward.block.tier-too-low', { tier: tierName(reward.minTier ?? '') });
        break;
      case 'not-open':
        label = t('reward.block.not-open', { time: formatDateTime(reward.availableFrom ?? 0, locale) });
        break;
      case 'period-limit':
        label = t(`reward.block.period.${reward.periodLimit?.period ?? 'day'}`);
        break;
      default:
        label = t(`reward.block.${view.block}`);
    }
  }
  const enabled = !loading && (view.block === null || view.block === 'guest');
  const tone = view.block === null ? 'btn--primary' : view.block === 'guest' ? 'btn--ghost btn--invite' : 'btn--muted';
  return (
    <button
      type="button"
      className={`btn btn--block ${tone}`}
      data-testid="redeem-button"
      disabled={!enabled || busy}
      aria-busy={busy}
      onClick={() => void redeemReward(reward.id)}
    >
      {label}
    </button>
  );
}

const ERROR_KEYS: Record<string, LiveKey> = {
  SOLD_OUT: 'reward.error.SOLD_OUT',
  LIMIT_REACHED: 'reward.error.LIMIT_REACHED',
  INSUFFICIENT_POINTS: 'reward.error.INSUFFICIENT_POINTS',
  TIER_TOO_LOW: 'reward.error.TIER_TOO_LOW',
  NOT_OPEN: 'reward.error.NOT_OPEN',
  CLOSED: 'reward.error.CLOSED',
  NOT_FOUND: 'reward.error.NOT_FOUND',
  BANNED: 'error.BANNED',
  OFFLINE: 'reward.error.OFFLINE',
};

/** What the last tap came to: the refusal in words, or where the redeemed reward is now. */
function RedeemStatus({ rewardId, minTier, tierName }: { rewardId: string; minTier: string | null; tierName: (id: string) => string }) {
  const t = useT();
  const error = useLive(selectRedeemError(rewardId));
  const done = useLive(selectRedeemedHere(rewardId));
  let content: string | null = null;
  if (error) content = refusalText(t, error, minTier ? tierName(minTier) : '');
  else if (done) content = t(doneKey(done));
  return (
    <p className={`claim ${error ? 'claim--warn' : 'claim--ok'}`} data-testid="redeem-status" role="status" aria-live="polite" hidden={content === null}>
      {content}
    </p>
  );
}

function refusalText(t: ReturnType<typeof useT>, error: AppErrorInfo, tier: string): string {
  return t(ERROR_KEYS[error.code] ?? 'reward.error.generic', { tier, code: error.code });
}

function doneKey(redemption: Redemption): LiveKey {
  if (redemption.status === 'pending') return 'reward.done.pending';
  return redemption.code ? 'reward.done.code' : 'reward.done.issued';
}
