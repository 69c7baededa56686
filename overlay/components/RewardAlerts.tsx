/**
 * Reward alerts (issue 13), bottom left above the top fans: "Mei redeemed
 * Free shipping", one at a time (the store queues the rest). The name and
 * the title are the member's and the host's own words: React puts them in as
 * text, never as HTML, the name isolated in <bdi>. Each alert's CSS
 * animation runs its whole life over REWARD_ALERT_VISIBLE_MS (a fade only
 * with reduced motion); React only mounts and unmounts it.
 */
import { fillIsolated } from '../../client/common/bidi.tsx';
import { useOverlay, useT } from '../hooks.ts';
import { selectVisibleRewardAlerts } from '../store/selectors.ts';
import { REWARD_ALERT_VISIBLE_MS, type RewardAlertToast } from '../store/types.ts';

export function RewardAlerts() {
  const alerts = useOverlay(selectVisibleRewardAlerts);
  return (
    <ol className="reward-alerts">
      {alerts.map((a) => (
        <RewardAlert key={a.id} alert={a} />
      ))}
    </ol>
  );
}

export function RewardAlert({ alert }: { alert: RewardAlertToast }) {
  const t = useT();
  return (
    <li
      className="reward-alert"
      data-testid="overlay-reward-alert"
      data-kind={alert.kind}
      style={{ ['--alert-ms' as string]: `${REWARD_ALERT_VISIBLE_MS}ms` }}
    >
      <svg className="reward-alert-icon" viewBox="0 0 24 24" aria-hidden="true">
        <path d="M3 11h8v10H4a1 1 0 0 1-1-1zm10 0h8v9a1 1 0 0 1-1 1h-7zM2 7.5A1.5 1.5 0 0 1 3.5 6H11v4H2zM13 6h7.5A1.5 1.5 0 0 1 22 7.5V10h-9zm-1-.6C10.4 2 6.5 2.2 6.5 4.2c0 1.4 2.4 1.8 5.5 1.8s5.5-.4 5.5-1.8c0-2-3.9-2.2-5.5 1.2z" />
      </svg>
      <span className="reward-alert-line">{fillIsolated(t('rewardAlert'), { name: alert.displayName, reward: alert.rewardTitle })}</span>
    </li>
  );
}
