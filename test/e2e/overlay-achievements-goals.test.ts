/**
 * Achievements and community goals on the overlay (issue 14), in real
 * headless Chromium against a real child server (embedded mode): the host
 * puts a show on air and opens its overlay link in English; the host sets a
 * goal of 3 likes and the bar appears (pushed); a second overlay, in
 * Traditional Chinese with reduced motion, opens after the goal exists (it
 * reads the show's goals after its snapshot). Members like over the /live
 * socket and both bars move from 0 to 3 and show the goal reached — with a
 * burst in English, without one under reduced motion. A member's first
 * purchase unlocks "First purchase" and both overlays say so, once, however
 * often the order comes; another member's first purchase waits its turn.
 *
 * The API and sockets stand in for what is not this test's subject: the
 * show, the overlay token, the goal, the members' sign-on, likes and orders.
 */
import type { Page } from 'playwright-core';
import type { Socket } from 'socket.io-client';
import { afterAll, describe, expect, it } from 'vitest';
import { OVERLAY_STAGE, openScreen, see, type Screen } from '../support/browser.ts';
import { api, ask, connect, deliverOrder, hostToken, liveShow, ssoMember } from '../support/clients.ts';
import { useServerAndBrowser } from '../support/e2e-stage.ts';

const SHOW = 'Sunday noodle night';
const GOAL = 'Free dumplings at 3 likes';
const MEI = { customerId: 'shop-cust-goal-7001', name: 'Mei Lin' };
const KAI = { customerId: 'shop-cust-goal-7002', name: 'Kai' };
const WAIT = 20_000;

interface Seen {
  /** every achievement toast put up: `achievement|text` */
  toasts: string[];
  /** every celebration burst: `animation-name|display` */
  bursts: string[];
}

/** Records, in the page, each achievement toast (they leave after 6 s) and each goal burst (gone after seconds). */
const record = (page: Page) =>
  page.evaluate(() => {
    const seen: Seen = { toasts: [], bursts: [] };
    (window as unknown as { seen: Seen }).seen = seen;
    const once = (selector: string, add: (el: Element) => void) => {
      for (const el of document.querySelectorAll(selector)) {
        if (el.hasAttribute('data-recorded')) continue;
        el.setAttribute('data-recorded', '');
        add(el);
      }
    };
    new MutationObserver(() => {
      once('[data-testid="overlay-achievement"]', (el) => seen.toasts.push(`${el.getAttribute('data-achievement')}|${el.textContent ?? ''}`));
      once('[data-testid="overlay-goal-burst"]', (el) => {
        const style = getComputedStyle(el);
        seen.bursts.push(`${style.animationName}|${style.display}`);
      });
    }).observe(document.body, { childList: true, subtree: true });
  });
const recorded = (page: Page) => page.evaluate(() => (window as unknown as { seen: Seen }).seen);

describe('achievements and community goals on the overlay (embedded mode, child server)', () => {
  const stage = useServerAndBrowser('overlay-goals');
  const sockets: Socket[] = [];
  afterAll(() => sockets.forEach((s) => s.close()));

  it('moves the goal bar 0 → 3 to reached, and announces a first purchase once', async () => {
    const { server, browser } = stage;
    const base = server.url;
    const host = await hostToken(base);
    const streamId = await liveShow(base, host, SHOW);
    const token = await api(base, 'POST', '/api/overlay-tokens', undefined, host);
    expect(token.status, JSON.stringify(token.body)).toBe(201);
    const link = `${base}/overlay?token=${encodeURIComponent(token.body.token)}`;
    const screens: Screen[] = [await openScreen(browser, OVERLAY_STAGE), await openScreen(browser, OVERLAY_STAGE)];
    const [en, zh] = screens.map((s) => s.page) as [Page, Page];
    const goalOn = (page: Page) => page.getByTestId('overlay-goal');

    // ---- the English overlay is on air before the goal exists: the push brings it ----
    await en.goto(link);
    await see(en.getByTestId('overlay-viewers'), /watching/);
    await record(en);
    expect(await goalOn(en).count()).toBe(0);
    const created = await api(base, 'POST', `/api/streams/${streamId}/goals`, { title: GOAL, metric: 'likes', target: 3 }, host);
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    await see(en.getByTestId('overlay-goal-line'), `${GOAL} — 0 / 3 likes`, WAIT);

    // ---- the Chinese overlay opens after it: it reads the show's goals ----
    await zh.emulateMedia({ reducedMotion: 'reduce' });
    await zh.goto(`${link}&lang=zh-TW`);
    await see(zh.getByTestId('overlay-goal-line'), `${GOAL} — 0 / 3 讚`, WAIT);
    await record(zh);
    for (const page of [en, zh]) {
      expect(await goalOn(page).getAttribute('data-percent')).toBe('0');
      expect(await goalOn(page).getAttribute('data-completed')).toBe('false');
      expect(await page.getByTestId('overlay-goal-reached').count()).toBe(0);
    }

    // ---- members like in the room: the bars move ----
    const member = async (who: { customerId: string; name: string }) => {
      const m = await ssoMember(base, who.customerId, who.name);
      const socket = await connect(base, '/live', { token: m.token });
      sockets.push(socket);
      const joined = await ask(socket, 'stream:join', { streamId });
      expect(joined.ok, JSON.stringify(joined)).toBe(true);
      return { ...m, socket };
    };
    const like = async (socket: Socket, requestId: string) => {
      const r = await ask(socket, 'interact', { streamId, kind: 'like', requestId });
      expect(r.ok, JSON.stringify(r)).toBe(true);
    };
    const [mei, kai] = [await member(MEI), await member(KAI)];
    await like(mei.socket, 'goal-like-1');
    await see(en.getByTestId('overlay-goal-line'), `${GOAL} — 1 / 3 likes`, WAIT);
    await see(zh.getByTestId('overlay-goal-line'), `${GOAL} — 1 / 3 讚`, WAIT);
    expect(await goalOn(en).getAttribute('data-percent')).toBe('33');
    await like(mei.socket, 'goal-like-1'); // a retried like counts once
    await like(mei.socket, 'goal-like-2');
    await like(kai.socket, 'goal-like-3');

    // ---- reached: full, completed, "Goal reached!" — a burst in English, none with reduced motion ----
    await see(en.getByTestId('overlay-goal-line'), `${GOAL} — 3 / 3 likes`, WAIT);
    await see(zh.getByTestId('overlay-goal-line'), `${GOAL} — 3 / 3 讚`, WAIT);
    await see(en.getByTestId('overlay-goal-reached'), 'Goal reached!', WAIT);
    await see(zh.getByTestId('overlay-goal-reached'), '達成！', WAIT);
    for (const page of [en, zh]) {
      expect(await goalOn(page).getAttribute('data-percent')).toBe('100');
      expect(await goalOn(page).getAttribute('data-completed')).toBe('true');
    }
    await expect.poll(async () => (await recorded(en)).bursts, { timeout: WAIT }).toEqual(['goal-burst|block']);
    await expect.poll(async () => (await recorded(zh)).bursts, { timeout: WAIT }).toEqual(['goal-burst|none']);
    const done = await api(base, 'GET', `/api/streams/${streamId}/goals`);
    expect(done.body.goals.map((g: { progress: number; status: string }) => [g.progress, g.status])).toEqual([[3, 'completed']]);

    // ---- first purchases: Mei's announced once (the order comes twice), then Kai's after it ----
    const order = { orderId: 'goal-e2e-order-1', memberId: mei.memberId, amountCents: 50_000, currency: 'TWD' };
    for (const delivery of [order, order]) {
      const paid = await deliverOrder(base, delivery);
      expect(paid.status, JSON.stringify(paid.body)).toBe(200);
    }
    const enToast = await see(en.getByTestId('overlay-achievement'), `${MEI.name} unlocked First purchase`, WAIT);
    await see(zh.getByTestId('overlay-achievement'), `${MEI.name} 解鎖了「首購」`, WAIT);
    expect(await enToast.locator('bdi').textContent()).toBe(MEI.name);
    const second = await deliverOrder(base, { ...order, orderId: 'goal-e2e-order-2' }); // not a first purchase any more
    expect(second.status, JSON.stringify(second.body)).toBe(200);
    const kaiPaid = await deliverOrder(base, { ...order, orderId: 'goal-e2e-order-3', memberId: kai.memberId });
    expect(kaiPaid.status, JSON.stringify(kaiPaid.body)).toBe(200);
    for (const page of [en, zh]) {
      await expect.poll(async () => (await recorded(page)).toasts.length, { timeout: WAIT }).toBe(2);
    }
    // Kai's came after Mei's repeats on the same socket: had one of them put a toast up, it would be here.
    expect((await recorded(en)).toasts).toEqual([`first-purchase|${MEI.name} unlocked First purchase`, `first-purchase|${KAI.name} unlocked First purchase`]);
    expect((await recorded(zh)).toasts).toEqual([`first-purchase|${MEI.name} 解鎖了「首購」`, `first-purchase|${KAI.name} 解鎖了「首購」`]);
    expect(screens.flatMap((s) => s.pageErrors)).toEqual([]);
  }, 120_000);
});
