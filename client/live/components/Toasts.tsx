import { useEffect } from 'react';
import { fillIsolated } from '../../common/bidi.tsx';
import { formatNumber } from '../../common/format.ts';
import { tierDisplayName } from '../../common/tier-names.ts';
import { useActions, useLive, useT } from '../hooks.ts';
import { badgeKind, badgeName } from '../logic/badges.ts';
import { rewardText } from '../logic/missions.ts';
import { selectLocale, selectRewards, selectToasts } from '../store/selectors.ts';
import type { Toast } from '../store/types.ts';
import { BadgeGlyph } from './Badges.tsx';
import { reasonKey } from './reason.ts';

const LIFETIME_MS: Record<Toast['kind'], number> = { points: 3200, tier: 5000, mission: 6500, goal: 6500, badge: 6500, info: 4500, error: 5500 };

/** +N points (with their reason), tier-ups, missions completed, room goals reached, badges unlocked and notices, announced politely to screen readers. */
export function Toasts() {
  const toasts = useLive(selectToasts);
  return (
    <div className="toasts" role="status" aria-live="polite" aria-relevant="additions">
      {toasts.map((toast) => (
        <ToastView key={toast.id} toast={toast} />
      ))}
    </div>
  );
}

function ToastView({ toast }: { toast: Toast }) {
  const t = useT();
  const locale = useLive(selectLocale);
  const { dismissToast: dismiss } = useActions();
  useEffect(() => {
    const timer = setTimeout(() => dismiss(toast.id), LIFETIME_MS[toast.kind]);
    return () => clearTimeout(timer);
    // a grouped like toast stays while likes keep coming: each one restarts its time
  }, [toast.id, toast.kind, toast.count, dismiss]);

  if (toast.kind === 'points') {
    const delta = toast.delta ?? 0;
    return (
      <div className={`toast toast--points ${delta < 0 ? 'is-spend' : ''}`} data-testid="points-toast">
        <span className="toast__delta">
          {delta >= 0 ? '+' : '−'}
          {formatNumber(Math.abs(delta), locale)}
        </span>
        <span className="toast__reason">{(toast.count ?? 1) > 1 ? t('reason.likes', { count: toast.count! }) : t(reasonKey(toast.reason ?? ''))}</span>
      </div>
    );
  }
  if (toast.kind === 'tier') {
    return (
      <div className="toast toast--tier">
        <span className="toast__burst" aria-hidden="true">✦</span>
        {t('tier.reached', { tier: tierDisplayName(toast.tierId ?? '', toast.tierName, locale) })}
      </div>
    );
  }
  if (toast.kind === 'mission') return <MissionToast toast={toast} />;
  if (toast.kind === 'goal') {
    return (
      <div className="toast toast--goal" data-testid="goal-toast">
        <span className="toast__burst" aria-hidden="true">✦</span>
        <span>{t('goal.toast', { title: toast.title ?? '' })}</span>
      </div>
    );
  }
  if (toast.kind === 'badge' && toast.badge) {
    return (
      <div className="toast toast--badge" data-testid="badge-toast">
        <span className="toast__glyph" aria-hidden="true">
          <BadgeGlyph kind={badgeKind(toast.badge)} size={18} />
        </span>
        <span>{t('badge.toast', { badge: badgeName(t, toast.badge) })}</span>
      </div>
    );
  }
  return (
    <div className={`toast toast--${toast.kind}`} role={toast.kind === 'error' ? 'alert' : undefined}>
      {toast.message ? fillIsolated(t(toast.message.key), toast.message.params) : ''}
    </div>
  );
}

/** "Mission complete: Like storm — +5 points": the stage's points and catalogue reward (its title from the catalogue, when read). */
function MissionToast({ toast }: { toast: Toast }) {
  const t = useT();
  const locale = useLive(selectLocale);
  const rewards = useLive(selectRewards);
  const given = toast.reward ?? { points: toast.delta ?? 0, rewardId: null, badge: null };
  const title = given.rewardId === null ? undefined : rewards.find((r) => r.id === given.rewardId)?.title;
  const reward = rewardText(t, given, title, locale);
  return (
    <div className="toast toast--mission" data-testid="mission-toast">
      <span className="toast__check" aria-hidden="true">
        ✓
      </span>
      <span>{t('mission.toast', { title: toast.title ?? '', reward })}</span>
    </div>
  );
}
