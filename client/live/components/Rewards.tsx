import { formatNumber } from '../../common/format.ts';
import { useLive, useT } from '../hooks.ts';
import { formatDate } from '../logic/birthday.ts';
import { selectBalance, selectExpiring, selectIsSignedIn, selectLocale, selectRedemptions, selectRewards } from '../store/selectors.ts';
import { BirthdayGift } from './BirthdayGift.tsx';
import { MyRewards } from './MyRewards.tsx';
import { RewardCard } from './RewardCard.tsx';

/**
 * The rewards store (issue 13): what points buy, and for a member what they
 * redeemed, when their next points expire and their birthday gift. Hidden
 * while there is nothing to show.
 */
export function Rewards() {
  const t = useT();
  const locale = useLive(selectLocale);
  const rewards = useLive(selectRewards);
  const redemptions = useLive(selectRedemptions);
  const signedIn = useLive(selectIsSignedIn);
  const balance = useLive(selectBalance);
  const expiring = useLive(selectExpiring);
  if (rewards.length === 0 && redemptions.length === 0) return null;
  return (
    <section id="rewards" className="perk-section" aria-labelledby="rewards-h" data-testid="rewards-section">
      <h2 id="rewards-h" className="section-title section-title--out">
        {t('rewards.title')}
      </h2>
      <p className="muted small rewards__lead">
        {signedIn && balance !== null ? t('rewards.lead', { points: formatNumber(balance, locale) }) : t('rewards.leadGuest')}
      </p>
      {signedIn && expiring !== null && expiring.points > 0 && (
        <p className="small rewards__expiring" data-testid="points-expiring">
          {t('rewards.expiring', { count: expiring.points, date: formatDate(expiring.at, locale) })}
        </p>
      )}
      {rewards.map((r) => (
        <RewardCard key={r.id} reward={r} />
      ))}
      {signedIn && <MyRewards />}
      {signedIn && <BirthdayGift />}
    </section>
  );
}
