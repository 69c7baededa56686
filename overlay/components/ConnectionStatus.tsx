/**
 * Invisible while connected. Otherwise, after a short grace (CSS delay, so a
 * blip never flashes on air), a small pill says the overlay is catching up.
 */
import { useOverlay, useT } from '../hooks.ts';
import { selectConnection, selectProblem } from '../store/selectors.ts';

export function ConnectionStatus() {
  const state = useOverlay(selectConnection);
  const problem = useOverlay(selectProblem);
  const t = useT();
  return (
    <div className="status" data-testid="overlay-status" data-state={state} data-problem={problem ?? undefined}>
      <span className="status-dot" />
      {problem === 'refused' ? t('refused') : t('reconnecting')}
    </div>
  );
}
