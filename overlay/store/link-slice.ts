/**
 * What the overlay's link asked for (shared/overlay-link.ts), fixed for the
 * page: which widgets show, and whether this is the dashboard's preview
 * (the only place connection trouble is shown). The language is the
 * connection slice's `locale`.
 */
import { OVERLAY_WIDGETS, type OverlayWidget } from '../../shared/overlay-link.ts';
import type { Slice } from './index.ts';

export interface LinkSlice {
  widgets: ReadonlySet<OverlayWidget>;
  preview: boolean;
}

export const createLinkSlice: Slice<LinkSlice> = (deps) => () => ({
  widgets: deps.widgets ?? new Set(OVERLAY_WIDGETS),
  preview: deps.preview ?? false,
});
