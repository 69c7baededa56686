import { useMemo, useState } from 'react';
import type { Redemption, RewardView } from '../../../shared/rewards.ts';
import { formatMoney, formatNumber } from '../../common/format.ts';
import { useLive, useT } from '../hooks.ts';
import { formatDateTime } from '../logic/format.ts';
import { selectLocale, selectRedemptions, selectRewards } from '../store/selectors.ts';

/** The member's redemptions, newest first: what each is, where it stands, and its code to copy. */
export function MyRewards() {
  const t = useT();
  const redemptions = useLive(selectRedemptions);
  const rewards = useLive(selectRewards);
  const byId = useMemo(() => new Map(rewards.map((r) => [r.id, r])), [rewards]);
  return (
    <section className="card my-rewards" aria-labelledby="my-rewards-h" data-testid="my-rewards">
      <h3 id="my-rewards-h" className="section-title">
        {t('myRewards.title')}
      </h3>
      {redemptions.length === 0 ? (
        <p className="muted small">{t('myRewards.empty')}</p>
      ) : (
        <ul className="my-rewards__list">
          {redemptions.map((r) => (
            <RedemptionRow key={r.id} redemption={r} reward={byId.get(r.rewardId)} />
          ))}
        </ul>
      )}
    </section>
  );
}

const STATUS_KEYS = {
  fulfilled: 'myRewards.status.fulfilled',
  pending: 'myRewards.status.pending',
  rejected: 'myRewards.status.rejected',
} as const;

function RedemptionRow({ redemption, reward }: { redemption: Redemption; reward: RewardView | undefined }) {
  const t = useT();
  const locale = useLive(selectLocale);
  const credit = reward?.kind === 'credit' && reward.creditCents !== null && reward.currency !== null ? formatMoney(reward.creditCents, reward.currency, locale) : null;
  return (
    <li className={`my-reward is-${redemption.status}`} data-testid="my-reward" data-status={redemption.status}>
      <span className="my-reward__title">{reward?.title ?? t('myRewards.unknown')}</span>
      <span className={`chip my-reward__status is-${redemption.status}`} data-testid="my-reward-status">
        {t(STATUS_KEYS[redemption.status])}
      </span>
      <span className="my-reward__meta">
        <time dateTime={new Date(redemption.createdAt).toISOString()}>{formatDateTime(redemption.createdAt, locale)}</time>
        {' · '}
        {redemption.pricePoints > 0 ? t('reward.price', { points: formatNumber(redemption.pricePoints, locale) }) : t('reward.free')}
      </span>
      {redemption.code && redemption.status !== 'rejected' && <RewardCode code={redemption.code} />}
      {credit && redemption.status === 'fulfilled' && <span className="my-reward__extra">{t('myRewards.credit', { amount: credit })}</span>}
    </li>
  );
}

function RewardCode({ code }: { code: string }) {
  const t = useT();
  const [copied, setCopied] = useState(false);
  const copy = () =>
    void navigator.clipboard?.writeText(code).then(
      () => {
        setCopied(true);
        setTimeout(() => setCopied(false), 2500);
      },
      () => undefined, // no clipboard (insecure context): the code stays on screen to copy by hand
    );
  return (
    <span className="my-reward__code">
      <span className="my-reward__code-label">{t('myRewards.code')}</span>
      <code data-testid="reward-code">{code}</code>
      <button type="button" className="btn btn--small btn--ghost" onClick={copy} aria-label={t('myRewards.copyLabel', { code })}>
        {copied ? t('myRewards.copied') : t('myRewards.copy')}
      </button>
    </span>
  );
}
