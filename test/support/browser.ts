/**
 * A real browser for the screen tests: Debian's Chromium (never a downloaded
 * one) driven by playwright-core, one browser per test file, one context per
 * person (own storage, own viewport).
 *
 *   const browser = await launchChromium();
 *   const phone = await openScreen(browser, PHONE);
 *   await phone.page.goto(url);
 *   await see(phone.page.getByTestId('balance'));
 *   await saveScreenshot(phone.page, 'viewer-room');
 *   await browser.close();
 *
 * `openScreen` records what the page threw (`pageErrors`) so a test can check
 * that a flow ran without uncaught exceptions.
 */
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { REPO_ROOT } from './server-process.ts';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/**
 * The README's pictures are rewritten only when asked (UPDATE_SCREENSHOTS=1):
 * a plain `npm test` must leave a clone's tracked files as they were, so its
 * pictures go to a directory of their own under the system's temp dir.
 */
export const SCREENSHOT_DIR =
  process.env.UPDATE_SCREENSHOTS === '1' ? join(REPO_ROOT, 'docs', 'screenshots') : join(tmpdir(), 'frontrow-screenshots');

export interface ScreenSize {
  width: number;
  height: number;
  /** phone: touch, mobile viewport meta, a sharper picture */
  mobile?: boolean;
}

export const PHONE: ScreenSize = { width: 390, height: 844, mobile: true };
export const DESKTOP: ScreenSize = { width: 1440, height: 900 };
export const OVERLAY_STAGE: ScreenSize = { width: 1920, height: 1080 };

export interface Screen {
  context: BrowserContext;
  page: Page;
  /** uncaught exceptions thrown in the page, in order */
  pageErrors: string[];
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}

/** A fresh context (own cookies and localStorage) with one page, in English, at `size`. */
export async function openScreen(browser: Browser, size: ScreenSize): Promise<Screen> {
  const context = await browser.newContext({
    viewport: { width: size.width, height: size.height },
    deviceScaleFactor: size.mobile ? 2 : 1,
    isMobile: size.mobile ?? false,
    hasTouch: size.mobile ?? false,
    locale: 'en-US',
    timezoneId: 'UTC',
  });
  const page = await context.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (err) => pageErrors.push(`${page.url()}: ${err.message}`));
  return { context, page, pageErrors };
}

/** Waits (bounded) until `locator` is visible; with `text`, until a visible match contains it. */
export async function see(locator: Locator, text?: string | RegExp, timeoutMs = 15_000): Promise<Locator> {
  const target = text === undefined ? locator.first() : locator.filter({ hasText: text }).first();
  await target.waitFor({ state: 'visible', timeout: timeoutMs });
  return target;
}

/**
 * On the dashboard page: signs in with `hostKey`, plans a show called `title`
 * and puts it on air. Returns the show's row (it carries data-stream-id).
 */
export async function hostGoesLive(page: Page, base: string, hostKey: string, title: string): Promise<Locator> {
  await page.goto(`${base}/host`);
  await page.getByLabel('Host key').fill(hostKey);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await see(page.getByRole('heading', { name: 'Nothing on air' }));
  await page.getByRole('button', { name: 'Plan a show' }).click();
  await page.getByLabel('Title', { exact: true }).fill(title);
  await page.getByRole('button', { name: 'Create show' }).click();
  const showRow = await see(page.locator('li.show-row', { hasText: title }));
  await showRow.getByRole('button', { name: 'Go live' }).click();
  await see(page.getByText(`“${title}” is live.`));
  return showRow;
}

/** The page as a PNG in SCREENSHOT_DIR/<name>.png (overwritten each run). */
export async function saveScreenshot(page: Page, name: string, options: { fullPage?: boolean } = {}): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  // Finite CSS animations jump to their end so the picture does not catch a half-faded card.
  await page.screenshot({ path, fullPage: options.fullPage ?? false, animations: 'disabled', caret: 'hide' });
  return path;
}
