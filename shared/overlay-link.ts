/**
 * The overlay's link, as the dashboard builds it and the overlay reads it:
 * `/overlay?token=…&lang=zh-TW&widgets=viewers,drops&preview=1`.
 *
 * The overlay runs unattended in OBS, so reading never fails: an unknown
 * language falls back to the browser's, unknown widget names are ignored,
 * and a `widgets` list naming none that exist shows them all (a mistyped
 * link must not leave the stream blank). Only the dashboard's own preview
 * adds `preview=1`: connection trouble is shown there, never on air.
 *
 * No zod here: the overlay imports this, and zod probes `new Function`, which
 * the overlay's CSP (no eval) reports. The pin's schema is in overlay-pin.ts.
 */

/** What the overlay can show, in the order the link builder lists them. */
export const OVERLAY_WIDGETS = ['viewers', 'badges', 'drops', 'lottery', 'topFans'] as const;
export type OverlayWidget = (typeof OVERLAY_WIDGETS)[number];

export const OVERLAY_LANGS = ['en', 'zh-TW'] as const;
export type OverlayLang = (typeof OVERLAY_LANGS)[number];

export interface OverlayLinkOptions {
  /** null: the browser's language (the link names none) */
  lang: OverlayLang | null;
  /** the widgets shown; every one when it holds them all (the link then names none) */
  widgets: readonly OverlayWidget[];
  /** the dashboard's preview: shows the connection pill */
  preview?: boolean;
}

export interface OverlayLinkParams {
  /** as written in the link (the overlay maps any zh* / en* to its locale) or null */
  lang: string | null;
  widgets: ReadonlySet<OverlayWidget>;
  preview: boolean;
}

const isWidget = (name: string): name is OverlayWidget => (OVERLAY_WIDGETS as readonly string[]).includes(name);

/** Reads the link's query; never throws. */
export function parseOverlayParams(search: string): OverlayLinkParams {
  const q = new URLSearchParams(search);
  const named = (q.get('widgets') ?? '')
    .split(',')
    .map((w) => w.trim())
    .filter(isWidget);
  return {
    lang: q.get('lang'),
    widgets: new Set(named.length > 0 ? named : OVERLAY_WIDGETS),
    preview: q.get('preview') === '1',
  };
}

/** The token link (as the server made it) with the builder's choices; other params of the link are kept. */
export function buildOverlayLink(tokenUrl: string, options: OverlayLinkOptions): string {
  const url = new URL(tokenUrl);
  for (const key of ['lang', 'widgets', 'preview']) url.searchParams.delete(key);
  if (options.lang) url.searchParams.set('lang', options.lang);
  const widgets = OVERLAY_WIDGETS.filter((w) => options.widgets.includes(w));
  if (widgets.length < OVERLAY_WIDGETS.length) url.searchParams.set('widgets', widgets.join(','));
  if (options.preview) url.searchParams.set('preview', '1');
  return url.toString();
}

/** Pushed to the show's overlays (`drop:pin`) when the seller pins or unpins (overlay-pin.ts). */
export interface DropPinEvent {
  streamId: string;
  dropId: string | null;
}
