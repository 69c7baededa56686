/**
 * Connection trouble, shown only in the dashboard's preview (`preview=1`):
 * on air a restart or a network blip must never put a pill on the stream —
 * the overlay keeps what it shows and catches up by itself. In the preview,
 * after a short grace (CSS delay, so a blip never flashes), a small pill
 * says the overlay is catching up. On air the element stays, empty and
 * hidden, so its state can still be read (data-state) by tools and tests.
 */
import { useOverlay, useT } from '../hooks.ts';
import { selectConnection, selectPreview, selectProblem } from '../store/selectors.ts';

export function ConnectionStatus() {
  const state = useOverlay(selectConnection);
  const problem = useOverlay(selectProblem);
  const preview = useOverlay(selectPreview);
  const t = useT();
  if (!preview) return <div className="status" hidden data-testid="overlay-status" data-state={state} data-problem={problem ?? undefined} />;
  return (
    <div className="status" data-testid="overlay-status" data-state={state} data-problem={problem ?? undefined} data-preview="">
      <span className="status-dot" />
      {problem === 'refused' ? t('refused') : t('reconnecting')}
    </div>
  );
}
