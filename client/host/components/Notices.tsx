import { sayIsolated, useActions, useHost, useT } from '../hooks.ts';
import { selectNotices } from '../store/selectors.ts';

/**
 * Toasts for what just happened. Successes are read politely; errors are
 * alerts. Both regions exist from the start so screen readers pick them up.
 */
export function Notices() {
  const t = useT();
  const notices = useHost(selectNotices);
  const { dismissNotice: dismiss } = useActions();
  const errors = notices.filter((n) => n.tone === 'error');
  const others = notices.filter((n) => n.tone !== 'error');
  return (
    <div className="notices">
      <div aria-live="polite" aria-atomic="false">
        {others.map((n) => (
          <div key={n.id} className={`notice notice-${n.tone}`}>
            <span>{sayIsolated(t, n.problem)}</span>
            <button type="button" className="notice-close" onClick={() => dismiss(n.id)} aria-label={t('common.dismiss')}>
              ×
            </button>
          </div>
        ))}
      </div>
      <div role="alert" aria-atomic="false">
        {errors.map((n) => (
          <div key={n.id} className="notice notice-error">
            <span>{sayIsolated(t, n.problem)}</span>
            <button type="button" className="notice-close" onClick={() => dismiss(n.id)} aria-label={t('common.dismiss')}>
              ×
            </button>
          </div>
        ))}
      </div>
    </div>
  );
}
