/**
 * The screens under their security headers, in real headless Chromium against
 * a real child server (issue 9):
 *
 * - a page on another origin (a second local server on another port) cannot
 *   frame the dashboard, the viewer room or the overlay — while a frame of its
 *   own renders, so the check can tell a rendered frame from a blocked one;
 * - the three screens carry a Content-Security-Policy and run a small real
 *   flow under it without a single violation: the host signs in and starts a
 *   show, makes an overlay link (the dashboard previews the overlay in a
 *   same-origin frame, which the overlay's frame-ancestors 'self' allows), the
 *   overlay connects, a viewer joins the show, signs up and comments; the
 *   name and the comment appear bidi-isolated on the room and the dashboard;
 * - the policy is really enforced: an inline script injected into a page does
 *   not run and is reported.
 *
 * Violations are caught in every frame by a `securitypolicyviolation`
 * listener installed before any page script, and by Chromium's console
 * messages about the Content Security Policy.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_HOST_KEY } from '../support/app-harness.ts';
import { DESKTOP, hostGoesLive, launchChromium, openScreen, OVERLAY_STAGE, PHONE, see, type Screen } from '../support/browser.ts';
import { startServerProcess, type ServerProcess } from '../support/server-process.ts';

const WAIT = 20_000;
const SHOW = 'Headers on, lights on';
/** A right-to-left name: on every screen it sits in its own <bdi>. */
const VIEWER = { handle: `noa${Date.now() % 100_000}`, name: 'נועה Levi' };
const COMMENT = 'שלום! Hello from the front row';

interface Violation {
  page: string;
  directive: string;
  blocked: string;
}

/** Reports every CSP violation of every frame of the context, and the console lines Chromium writes about them. */
async function watchPolicy(screen: Screen, violations: Violation[], consoleLines: string[]): Promise<void> {
  await screen.context.exposeBinding('__reportCspViolation', (_source, v: Violation) => {
    violations.push(v);
  });
  await screen.context.addInitScript(() => {
    const report = (window as unknown as { __reportCspViolation: (v: unknown) => void }).__reportCspViolation;
    document.addEventListener('securitypolicyviolation', (e) =>
      report({ page: location.href, directive: e.effectiveDirective || e.violatedDirective, blocked: e.blockedURI }),
    );
  });
  screen.page.on('console', (msg) => {
    if (/content.security.policy/i.test(msg.text())) consoleLines.push(`${screen.page.url()}: ${msg.text()}`);
  });
}

/** A page on another origin that tries to frame `targets`, beside a frame of its own (the control). */
async function startForeignSite(targets: string[]): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    res.setHeader('content-type', 'text/html; charset=utf-8');
    if (req.url === '/own') {
      res.end('<!doctype html><title>own</title><div id="root"><p>own frame rendered</p></div>');
      return;
    }
    const frames = targets.map((src, i) => `<iframe id="target-${i}" src="${src}" width="800" height="600"></iframe>`).join('\n');
    res.end(`<!doctype html><title>elsewhere</title><iframe id="own" src="/own"></iframe>\n${frames}`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

/** Whether the app rendered in the iframe #id: it must be a document we can read with the app's root filled in. */
async function frameRendered(page: Page, id: string): Promise<{ url: string; rendered: boolean }> {
  const handle = await page.waitForSelector(`iframe#${id}`, { state: 'attached' });
  const frame: Frame | null = await handle.contentFrame();
  if (!frame) return { url: '', rendered: false };
  await frame.waitForLoadState('load').catch(() => undefined);
  const rendered = await frame
    .evaluate(() => {
      const root = document.querySelector('#root, #overlay');
      return Boolean(root && root.childElementCount > 0);
    })
    .catch(() => false);
  return { url: frame.url(), rendered };
}

describe('the screens under their security headers (real browser, child server)', () => {
  let dataDir: string;
  let server: ServerProcess;
  let browser: Browser;
  let foreign: { url: string; server: Server } | undefined;
  const screens: Screen[] = [];

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'frontrow-websec-'));
    [server, browser] = await Promise.all([startServerProcess({ dataDir }), launchChromium()]);
  }, 60_000);

  afterAll(async () => {
    await browser?.close().catch(() => undefined);
    await server?.stop().catch(() => undefined);
    await new Promise((resolve) => (foreign ? foreign.server.close(resolve) : resolve(undefined)));
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);

  it('a page on another origin cannot frame /host, /live or /overlay', async () => {
    const base = server.url;
    foreign = await startForeignSite([`${base}/host`, `${base}/live/any-show`, `${base}/overlay?token=abc`]);
    expect(new URL(foreign.url).origin).not.toBe(new URL(base).origin);
    const visitor = await openScreen(browser, DESKTOP);
    screens.push(visitor);
    const consoleLines: string[] = [];
    visitor.page.on('console', (msg) => consoleLines.push(msg.text()));
    await visitor.page.goto(foreign.url);

    // The control: the foreign page's own frame renders and the check sees it.
    expect((await frameRendered(visitor.page, 'own')).rendered).toBe(true);
    for (const [i, path] of ['/host', '/live/any-show', '/overlay'].entries()) {
      const target = await frameRendered(visitor.page, `target-${i}`);
      expect(target.rendered, `${path} rendered inside a foreign page`).toBe(false);
      expect(target.url.startsWith(base), `${path} frame ended at ${target.url}`).toBe(false);
    }
    await expect.poll(() => consoleLines.filter((l) => /frame-ancestors/.test(l)).length, { timeout: 5000, message: consoleLines.join('\n') }).toBe(3);
  }, 60_000);

  it('the host, the overlay and a viewer run a show under the CSP without a violation', async () => {
    const base = server.url;
    const violations: Violation[] = [];
    const consoleLines: string[] = [];

    for (const path of ['/host', '/live/x', '/overlay', '/']) {
      const res = await fetch(`${base}${path}`);
      expect(res.headers.get('content-security-policy'), path).toMatch(/script-src 'self'/);
    }

    // ---- the host signs in and starts a show ----
    const host = await openScreen(browser, DESKTOP);
    screens.push(host);
    await watchPolicy(host, violations, consoleLines);
    const showRow = await hostGoesLive(host.page, base, TEST_HOST_KEY, SHOW);
    const streamId = await showRow.getAttribute('data-stream-id');
    expect(streamId).toBeTruthy();
    const hostNav = (name: string) => host.page.getByRole('navigation', { name: 'Dashboard' }).getByRole('link', { name, exact: true });

    // ---- an overlay link: the dashboard previews it in a same-origin frame ----
    await hostNav('Stream overlay').click();
    await host.page.getByLabel('Name', { exact: true }).fill('Studio PC');
    await host.page.getByRole('button', { name: 'Create overlay link' }).click();
    const linkUrl = new URL(await (await see(host.page.getByTestId('overlay-url'))).inputValue());
    const preview = host.page.frameLocator('[data-testid="overlay-preview"]');
    await expect.poll(() => preview.getByTestId('overlay-status').getAttribute('data-state'), { timeout: WAIT }).toBe('connected');

    // ---- the overlay as OBS opens it ----
    const overlay = await openScreen(browser, OVERLAY_STAGE);
    screens.push(overlay);
    await watchPolicy(overlay, violations, consoleLines);
    await overlay.page.goto(`${base}${linkUrl.pathname}${linkUrl.search}`);
    await expect.poll(() => overlay.page.getByTestId('overlay-status').getAttribute('data-state'), { timeout: WAIT }).toBe('connected');
    await see(overlay.page.getByTestId('overlay-viewers'), /watching/);

    // ---- a viewer joins the show, signs up on the page and comments ----
    const viewer = await openScreen(browser, PHONE);
    screens.push(viewer);
    await watchPolicy(viewer, violations, consoleLines);
    await viewer.page.goto(`${base}/live/${encodeURIComponent(streamId!)}`);
    await see(viewer.page.getByRole('heading', { level: 1, name: SHOW }));
    await viewer.page.getByRole('button', { name: 'Join free' }).first().click();
    const sheet = viewer.page.getByRole('dialog');
    await sheet.getByLabel('Handle').fill(VIEWER.handle);
    await sheet.getByLabel('Password').fill('a long enough password');
    await sheet.getByLabel('Display name (optional)').fill(VIEWER.name);
    await sheet.getByRole('button', { name: 'Create account' }).click();
    await see(viewer.page.locator('.tiercard__member bdi'), VIEWER.name);
    await see(overlay.page.getByTestId('overlay-viewers'), /1 member/);

    await viewer.page.locator('#comment-input').fill(COMMENT);
    await viewer.page.getByRole('button', { name: 'Send comment' }).click();
    const chat = viewer.page.getByRole('log');
    const mine = await see(chat.locator('li.msg', { hasText: COMMENT }));
    expect(await mine.locator('.msg__name bdi').textContent()).toBe(VIEWER.name);
    expect(await mine.locator('.msg__text bdi').textContent()).toBe(COMMENT);

    await hostNav('Live studio').click();
    const hostComment = await see(host.page.getByTestId('comment-feed').locator('li.comment', { hasText: COMMENT }));
    expect(await hostComment.locator('.comment-name bdi').textContent()).toBe(VIEWER.name);
    expect(await hostComment.locator('.comment-text bdi').textContent()).toBe(COMMENT);

    // ---- the whole flow ran without a violation, in any frame ----
    expect(violations).toEqual([]);
    expect(consoleLines).toEqual([]);
    for (const screen of [host, overlay, viewer]) expect(screen.pageErrors).toEqual([]);

    // ---- and the policy is enforced: an injected inline script does not run, and is reported ----
    const ran = await viewer.page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'window.__injected = true';
      document.head.append(script);
      return (window as unknown as { __injected?: boolean }).__injected === true;
    });
    expect(ran).toBe(false);
    await expect.poll(() => violations.filter((v) => v.directive.startsWith('script-src')).length, { timeout: WAIT }).toBe(1);
  }, 120_000);
});
