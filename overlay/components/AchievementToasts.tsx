/**
 * Achievement toasts (issue 14), bottom left above the reward alerts: "Mei
 * unlocked 10 shows watched", one at a time (the store queues the rest). The
 * name and a mission badge's label are the member's and the host's own
 * words: React puts them in as text, never as HTML, the name isolated in
 * <bdi>. Each toast's CSS animation runs its whole life over
 * ACHIEVEMENT_VISIBLE_MS (a fade only with reduced motion); React only
 * mounts and unmounts it.
 */
import { fillIsolated } from '../../client/common/bidi.tsx';
import { useOverlay, useT } from '../hooks.ts';
import { achievementName } from '../logic/achievement-name.ts';
import { selectVisibleAchievements } from '../store/selectors.ts';
import { ACHIEVEMENT_VISIBLE_MS, type AchievementToast } from '../store/types.ts';

export function AchievementToasts() {
  const toasts = useOverlay(selectVisibleAchievements);
  return (
    <ol className="achievements">
      {toasts.map((a) => (
        <Achievement key={a.id} toast={a} />
      ))}
    </ol>
  );
}

export function Achievement({ toast }: { toast: AchievementToast }) {
  const t = useT();
  return (
    <li
      className="achievement"
      data-testid="overlay-achievement"
      data-achievement={toast.badge.achievement ?? 'mission'}
      data-badge-id={toast.badge.id}
      style={{ ['--alert-ms' as string]: `${ACHIEVEMENT_VISIBLE_MS}ms` }}
    >
      <svg className="achievement-icon" viewBox="0 0 24 24" aria-hidden="true">
        <path d="M19 5h-2V3H7v2H5a2 2 0 0 0-2 2v1c0 2.55 1.92 4.63 4.39 4.94A5 5 0 0 0 11 15.9V19H7v2h10v-2h-4v-3.1a5 5 0 0 0 3.61-2.96C19.08 12.63 21 10.55 21 8V7a2 2 0 0 0-2-2zM5 8V7h2v3.82C5.84 10.4 5 9.3 5 8zm14 0c0 1.3-.84 2.4-2 2.82V7h2z" />
      </svg>
      <span className="achievement-line">{fillIsolated(t('achievementUnlocked'), { name: toast.displayName, badge: achievementName(t, toast.badge) })}</span>
    </li>
  );
}
