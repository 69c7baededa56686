import { useEffect } from 'react';
import { useActions, useT } from '../../hooks.ts';
import { CodeUpload } from './CodeUpload.tsx';
import { RedemptionQueue } from './RedemptionQueue.tsx';
import { RewardComposer } from './RewardComposer.tsx';
import { RewardList } from './RewardList.tsx';
import { WebhookLog } from './WebhookLog.tsx';

/**
 * What points buy: the queue of redemptions to hand over first (the daily
 * work), then the catalogue — a composer beside the list, and the code upload
 * for pool coupons; last, the log of what was sent to the shop (outbound
 * webhooks). Not tied to a show: the store is open between shows too.
 */
export function RewardsView() {
  const t = useT();
  const { loadRewards, loadRedemptions } = useActions();
  useEffect(() => {
    void loadRewards();
    void loadRedemptions();
  }, [loadRewards, loadRedemptions]);

  return (
    <div className="view" data-testid="rewards-view">
      <header className="view-head">
        <div className="view-title">
          <h1>{t('rewards.heading')}</h1>
          <p className="muted">{t('rewards.lead')}</p>
        </div>
      </header>
      <RedemptionQueue />
      <div className="grid-composer">
        <RewardComposer />
        <div className="stack">
          <RewardList />
          <CodeUpload />
        </div>
      </div>
      <WebhookLog />
    </div>
  );
}
