/**
 * What a first show found on a 375 px phone (issue 11), in real Chromium
 * against a real child server: the dashboard's header keeps Sign out on
 * screen, a section opens at its top, the show's viewer link has a QR code
 * and Copy puts that link on the clipboard; the room's "Join free" stays on
 * one line in both languages, a drop picture stays short, tier names are
 * Chinese in zh-TW, the sign-up sheet names every problem beside its field
 * and a long comment can be read whole.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_HOST_KEY } from '../support/app-harness.ts';
import { launchChromium, openScreen, saveScreenshot, see, type ScreenSize } from '../support/browser.ts';
import { api, ask, connect, hostToken, ssoMember } from '../support/clients.ts';
import { startServerProcess, type ServerProcess } from '../support/server-process.ts';

const SMALL_PHONE: ScreenSize = { width: 375, height: 740, mobile: true };
const SHOW = 'Tuesday tea tasting';
const PICTURE = 'https://images.example/tall-teapot.svg';

/** Lines a piece of text is laid out on: distinct tops of its line boxes. */
const linesOf = (locator: Locator) =>
  locator.evaluate((el) => {
    const range = document.createRange();
    range.selectNodeContents(el);
    return new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top))).size;
  });

/** Is the element's box wholly inside the viewport horizontally (and visible)? */
const insideViewport = async (page: Page, locator: Locator) => {
  const box = await locator.boundingBox();
  const width = page.viewportSize()!.width;
  return !!box && box.x >= 0 && box.x + box.width <= width;
};

describe('a 375 px phone: dashboard header, share the room, the room\'s layout', () => {
  let dataDir: string;
  let server: ServerProcess;
  let browser: Browser;
  let streamId: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'frontrow-phone-'));
    [server, browser] = await Promise.all([startServerProcess({ dataDir }), launchChromium()]);
  }, 60_000);

  afterAll(async () => {
    await browser?.close().catch(() => undefined);
    await server?.stop().catch(() => undefined);
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);

  it('the dashboard fits: Sign out visible, sections open at their top, the viewer link with a QR code copies', async () => {
    const base = server.url;
    const host = await openScreen(browser, SMALL_PHONE);
    await host.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: base });
    const page = host.page;
    await page.goto(`${base}/host`);
    await page.getByLabel('Host key').fill(TEST_HOST_KEY);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await see(page.getByRole('heading', { name: 'Nothing on air' }));

    const signOut = page.getByTestId('logout-button');
    await see(signOut);
    expect(await insideViewport(page, signOut)).toBe(true);
    expect(await page.locator('.topbar').evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);

    // plan a show and go live from the Shows section
    const nav = (name: string) => page.getByRole('navigation', { name: 'Dashboard' }).getByRole('link', { name, exact: true });
    await nav('Shows').click();
    await page.getByLabel('Title', { exact: true }).fill(SHOW);
    await page.getByRole('button', { name: 'Create show' }).click();
    const row = await see(page.locator('li.show-row', { hasText: SHOW }));
    streamId = (await row.getAttribute('data-stream-id'))!;
    await row.getByRole('button', { name: 'Go live' }).click();
    await see(page.getByText(`“${SHOW}” is live.`));
    // on air, the header carries the live pill too: Sign out still fits
    await see(page.locator('.topbar .onair .onair-label'));
    expect(await insideViewport(page, signOut)).toBe(true);
    expect(await page.locator('.topbar').evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);

    // share the room: the link is the room's route, the QR code encodes it, Copy copies it
    const roomUrl = `${base}/live/${streamId}`;
    await row.getByText('Share the room').click();
    expect(await row.getByTestId('share-url').inputValue()).toBe(roomUrl);
    const qr = await see(row.getByTestId('share-qr'));
    expect(await qr.getAttribute('data-text')).toBe(roomUrl);
    expect(((await qr.locator('path').getAttribute('d')) ?? '').length).toBeGreaterThan(200); // modules drawn, not an empty frame
    const qrBox = await qr.boundingBox();
    expect(qrBox!.width).toBeGreaterThan(100);
    await row.getByTestId('share-copy').click();
    await see(row.getByTestId('share-copy'), 'Copied');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(roomUrl);
    await saveScreenshot(page, 'phone-dashboard-share');

    // a section opens at its top, not at the previous one's scroll position
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(100);
    await nav('Live studio').click();
    await see(page.getByRole('heading', { name: SHOW }));
    await expect.poll(() => page.evaluate(() => window.scrollY)).toBe(0);

    expect(host.pageErrors).toEqual([]);
    await host.context.close();
  }, 90_000);

  it('the room: "Join free" on one line in English and Chinese, a short drop picture, Chinese tier names, every sign-up problem at its field', async () => {
    const base = server.url;
    const token = await hostToken(base);
    const drop = await api(base, 'POST', `/api/streams/${streamId}/drops`, { title: 'Celadon teapot', imageUrl: PICTURE, priceCents: 120_000, stock: 5 }, token);
    expect(drop.status, JSON.stringify(drop.body)).toBe(201);

    const guest = await openScreen(browser, SMALL_PHONE);
    const page = guest.page;
    // a tall picture, served without any network
    await page.route(PICTURE, (route) =>
      route.fulfill({ contentType: 'image/svg+xml', body: '<svg xmlns="http://www.w3.org/2000/svg" width="600" height="1000"><rect width="600" height="1000" fill="#7fb8a4"/></svg>' }),
    );
    await page.goto(`${base}/live/${streamId}`);
    await see(page.getByRole('heading', { name: 'Celadon teapot' }));

    const joinButtons = page.getByRole('button', { name: 'Join free', exact: true });
    await see(joinButtons);
    for (const button of await joinButtons.all()) if (await button.isVisible()) expect(await linesOf(button)).toBe(1);

    const picture = page.locator('.drop__media img');
    await expect.poll(() => picture.evaluate((img: HTMLImageElement) => img.complete && img.naturalHeight > 0)).toBe(true);
    const pictureBox = await picture.boundingBox();
    expect(pictureBox!.height).toBeLessThanOrEqual(160);
    expect(pictureBox!.height).toBeGreaterThan(60);
    await saveScreenshot(page, 'phone-room-en');

    // a long comment shows its first lines and can be read whole; a short one has nothing to expand
    const member = await ssoMember(base, 'shop-cust-long-talker', 'Long Talker');
    const socket = await connect(base, '/live', { token: member.token });
    try {
      expect((await ask(socket, 'stream:join', { streamId })).ok).toBe(true);
      const long = 'This teapot reminds me of my grandmother’s kitchen in Lukang, where every afternoon began with a pot of oolong and a long story about the harbour; ' + 'is the glaze food safe?';
      expect((await ask(socket, 'interact', { streamId, kind: 'comment', text: 'Lovely!', requestId: 'c-short' })).ok).toBe(true);
      expect((await ask(socket, 'interact', { streamId, kind: 'comment', text: long, requestId: 'c-long' })).ok).toBe(true);
      const longMsg = await see(page.locator('li.msg', { hasText: 'grandmother' }));
      const text = longMsg.getByTestId('comment-text');
      const clampedHeight = (await text.boundingBox())!.height;
      await longMsg.getByRole('button', { name: 'Read more' }).click();
      await see(longMsg.getByRole('button', { name: 'Show less' }));
      expect((await text.boundingBox())!.height).toBeGreaterThan(clampedHeight + 10);
      expect(await page.locator('li.msg', { hasText: 'Lovely!' }).getByRole('button').count()).toBe(0);
    } finally {
      socket.close();
    }

    // every sign-up problem at once, each beside its field
    await joinButtons.first().click();
    await page.getByRole('button', { name: 'Create account' }).click();
    const handle = page.getByLabel('Handle', { exact: false }).first();
    await see(page.getByTestId('field-error'));
    expect(await page.getByTestId('field-error').count()).toBe(2);
    expect(await handle.getAttribute('aria-invalid')).toBe('true');
    const handleError = page.locator(`[id="${await handle.getAttribute('aria-describedby')}"]`);
    expect(await handleError.textContent()).toMatch(/3–32 letters/);
    await page.keyboard.press('Escape');

    // zh-TW: "Join free" still one line, tier names in Chinese
    await page.evaluate(() => localStorage.setItem('frontrow.locale', 'zh-TW'));
    await page.reload();
    const joinZh = page.getByRole('button', { name: '免費加入', exact: true });
    await see(joinZh);
    for (const button of await joinZh.all()) if (await button.isVisible()) expect(await linesOf(button)).toBe(1);
    await see(page.locator('.ladder__name', { hasText: '金級' }));
    expect(await page.locator('.ladder__name').allTextContents()).toEqual(['銅級', '銀級', '金級']);
    await saveScreenshot(page, 'phone-room-zh');

    expect(guest.pageErrors).toEqual([]);
    await guest.context.close();
  }, 90_000);
});
