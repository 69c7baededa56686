import { formatNumber } from '../../common/format.ts';
import { useLive, useT } from '../hooks.ts';
import { selectBalance, selectIsSignedIn, selectLocale, selectRedemptions, selectRewards } from '../store/selectors.ts';
import { MyRewards } from './MyRewards.tsx';
import { RewardCard } from './RewardCard.tsx';

/** The rewards store (issue 13): what points buy, and for a member what they redeemed. Hidden while there is nothing to show. */
export function Rewards() {
  const t = useT();
  const locale = useLive(selectLocale);
  const rewards = useLive(selectRewards);
  const redemptions = useLive(selectRedemptions);
  const signedIn = useLive(selectIsSignedIn);
  const balance = useLive(selectBalance);
  if (rewards.length === 0 && redemptions.length === 0) return null;
  return (
    <section id="rewards" className="perk-section" aria-labelledby="rewards-h" data-testid="rewards-section">
      <h2 id="rewards-h" className="section-title section-title--out">
        {t('rewards.title')}
      </h2>
      <p className="muted small rewards__lead">
        {signedIn && balance !== null ? t('rewards.lead', { points: formatNumber(balance, locale) }) : t('rewards.leadGuest')}
      </p>
      {rewards.map((r) => (
        <RewardCard key={r.id} reward={r} />
      ))}
      {signedIn && <MyRewards />}
    </section>
  );
}
