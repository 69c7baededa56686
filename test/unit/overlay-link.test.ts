/**
 * The overlay's link (shared/overlay-link.ts): what the dashboard's builder
 * writes, the overlay reads back; what a hand-edited link gets wrong falls
 * back to something that still shows the stream.
 */
import { describe, expect, it } from 'vitest';
import { buildOverlayLink, OVERLAY_WIDGETS, parseOverlayParams } from '../../shared/overlay-link.ts';
import { overlayLocale } from '../../overlay/i18n.ts';

const TOKEN_URL = 'https://shop.example/overlay?token=abc.def';

describe('the overlay link', () => {
  it('round-trips the builder\'s choices, keeping the token', () => {
    const url = buildOverlayLink(TOKEN_URL, { lang: 'zh-TW', widgets: ['drops', 'viewers'] });
    const u = new URL(url);
    expect(u.searchParams.get('token')).toBe('abc.def');
    expect(u.searchParams.get('lang')).toBe('zh-TW');
    expect(u.searchParams.get('widgets')).toBe('viewers,drops'); // the builder's order, whatever the clicks' order
    expect(u.searchParams.has('preview')).toBe(false);
    const read = parseOverlayParams(u.search);
    expect([...read.widgets].sort()).toEqual(['drops', 'viewers']);
    expect(overlayLocale(read.lang, ['en-US'])).toBe('zh-TW');
    expect(read.preview).toBe(false);
  });

  it('names no widgets when all are on, and marks only the preview', () => {
    const url = buildOverlayLink(`${TOKEN_URL}&preview=1&widgets=drops`, { lang: 'en', widgets: [...OVERLAY_WIDGETS], preview: false });
    expect(new URL(url).searchParams.has('widgets')).toBe(false);
    expect(new URL(url).searchParams.has('preview')).toBe(false);
    expect(parseOverlayParams(new URL(buildOverlayLink(TOKEN_URL, { lang: null, widgets: [], preview: true })).search).preview).toBe(true);
  });

  it('falls back safely: unknown widgets are ignored, none known shows all, an unknown language is the browser\'s', () => {
    expect([...parseOverlayParams('?widgets=drops,confetti,%20lottery').widgets]).toEqual(['drops', 'lottery']);
    expect([...parseOverlayParams('?widgets=confetti').widgets]).toEqual([...OVERLAY_WIDGETS]);
    expect([...parseOverlayParams('?widgets=').widgets]).toEqual([...OVERLAY_WIDGETS]);
    expect([...parseOverlayParams('').widgets]).toEqual([...OVERLAY_WIDGETS]);
    expect(parseOverlayParams('?preview=yes').preview).toBe(false);
    expect(overlayLocale(parseOverlayParams('?lang=klingon').lang, ['zh-Hant-TW'])).toBe('zh-TW');
    expect(overlayLocale(parseOverlayParams('?lang=klingon').lang, ['fr-FR'])).toBe('en');
  });
});
