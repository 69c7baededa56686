/** What the overlay's store needs from the outside world: a clock and timers (toast timing), the language, the link's choices. */
import { browserTimers, type BaseDeps } from '../../client/common/app-store.ts';
import { parseOverlayParams, type OverlayWidget } from '../../shared/overlay-link.ts';
import { overlayLocale } from '../i18n.ts';

export interface StoreDeps extends BaseDeps {
  /** the widgets the link names (default: all) */
  widgets?: ReadonlySet<OverlayWidget>;
  /** the dashboard's preview (`preview=1`): connection trouble is shown (default: never) */
  preview?: boolean;
}

/** `?lang=` (the broadcaster's choice for the stream), else the browser's languages; `?widgets=`, `?preview=1`. */
export function browserDeps(search: string): StoreDeps {
  const link = parseOverlayParams(search);
  return {
    ...browserTimers,
    locale: overlayLocale(link.lang, navigator.languages ?? [navigator.language]),
    widgets: link.widgets,
    preview: link.preview,
  };
}
