/**
 * A giveaway set up on the dashboard, in real headless Chromium against a
 * real child server (embedded mode, v1 draws: test servers have no beacon):
 *
 * - the host opens the lottery composer; a refused setting shows beside its
 *   own field;
 * - free entry disables and clears the cost, the tier and watching; the
 *   rules preview (the same generator members read) says "no purchase
 *   necessary", the claim window and the exclusion as they are typed;
 * - the created card shows the settings, and the server holds them;
 * - switched to 中文, the card and the preview speak Traditional Chinese.
 *
 * Every step happens on the page; the API only reads back what was stored.
 */
import { describe, expect, it } from 'vitest';
import type { Lottery } from '../../shared/perks.ts';
import { useServerAndBrowser } from '../support/e2e-stage.ts';
import { TEST_HOST_KEY } from '../support/app-harness.ts';
import { DESKTOP, hostGoesLive, openScreen, saveScreenshot, see, type Screen } from '../support/browser.ts';
import { api } from '../support/clients.ts';

const SHOW = 'Sunday tea tasting';
const GIVEAWAY = 'No-purchase tea giveaway';
const WAIT = 15_000;

describe('the host sets up a giveaway (embedded mode, child server)', () => {
  const stage = useServerAndBrowser('giveaway');
  let host: Screen;

  it('free entry, claim window and exclusions: previewed, created, shown, and in Chinese', async () => {
    const { server, browser } = stage;
    host = await openScreen(browser, DESKTOP);
    const { page } = host;
    const showRow = await hostGoesLive(page, server.url, TEST_HOST_KEY, SHOW);
    const streamId = await showRow.getAttribute('data-stream-id');

    await page.getByRole('navigation', { name: 'Dashboard' }).getByRole('link', { name: 'Lotteries', exact: true }).click();
    const composer = await see(page.getByTestId('lottery-composer'));
    const preview = composer.getByTestId('lottery-rules-preview');
    await composer.getByLabel('Title', { exact: true }).fill(GIVEAWAY);
    await composer.getByLabel('Prize', { exact: true }).fill('Oolong sampler');

    // ---- a refused setting is named beside its own field, which gets the focus ----
    const claimWindow = composer.getByLabel('Claim window (hours)');
    await expect.poll(() => claimWindow.inputValue()).toBe('48');
    await claimWindow.fill('0');
    await composer.getByRole('button', { name: 'Open lottery' }).click();
    await see(composer.locator('#lottery-claimWindowHours-error'), /at least 1/i);
    expect(await claimWindow.getAttribute('aria-invalid')).toBe('true');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('lottery-claimWindowHours');

    // ---- free entry: cost, tier and watching cleared and out of play ----
    const cost = composer.getByLabel('Entry cost', { exact: true });
    const watching = composer.getByLabel('Only viewers watching right now can enter');
    await cost.fill('25');
    await composer.getByLabel('Free entry for everyone (no purchase necessary)').check();
    expect(await cost.isDisabled()).toBe(true);
    expect(await cost.inputValue()).toBe('0');
    expect(await composer.getByLabel('Who can enter').isDisabled()).toBe(true);
    expect(await watching.isDisabled()).toBe(true);
    expect(await watching.isChecked()).toBe(false);

    await claimWindow.fill('24');
    await composer.locator('#lottery-claimWindowHours-error').waitFor({ state: 'detached', timeout: WAIT });
    await composer.getByLabel('Exclude winners of my last N draws').fill('2');

    // ---- the preview says it as members will read it ----
    await see(preview, /no purchase necessary/);
    await see(preview, /within 24 hours of the draw/);
    await see(preview, /last 2 draws cannot enter/);
    await saveScreenshot(page, 'host-giveaway-composer', { fullPage: true });

    await composer.getByRole('button', { name: 'Open lottery' }).click();
    await see(page.getByText(`Lottery “${GIVEAWAY}” is open.`));

    // ---- the card shows the settings; the server holds them ----
    const card = await see(page.getByTestId('lottery-card'), GIVEAWAY);
    const facts = card.getByTestId('lottery-facts');
    await see(facts, 'Free, no purchase necessary');
    await see(facts, 'Last 2 draws excluded');
    await see(facts, /Claim window\s*24 hours/);
    await see(facts, /Odds\s*By tier weight/);
    await see(facts, /Must be watching\s*No/);
    const listed = await api(server.url, 'GET', `/api/streams/${streamId}/lotteries`);
    const [stored] = listed.body.lotteries as Lottery[];
    expect(stored).toMatchObject({
      title: GIVEAWAY,
      entryCostPoints: 0,
      minTier: null,
      requireWatching: false,
      settings: { freeEntry: true, claimWindowHours: 24, excludeRecentWinners: 2, odds: 'tier', minAccountAgeDays: 0 },
    });
    // The form starts over, and its preview now follows this server's draw (v1, commit-only).
    expect(await composer.getByLabel('Title', { exact: true }).inputValue()).toBe('');
    await see(preview, /must be trusted/);

    // ---- 中文: the card and the preview in Traditional Chinese ----
    await page.getByRole('button', { name: '繁體中文' }).click();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-TW');
    await see(card, '開放中');
    await see(facts, '免費，無須購買');
    await see(facts, '排除最近 2 次');
    await see(facts, '24 小時');
    await composer.getByLabel('所有人免費參加（無須購買）').check();
    await composer.getByLabel('領獎期限（小時）').fill('24');
    await see(preview, /無須購買/);
    await see(preview, /開獎後 24 小時內/);
    await see(preview.getByRole('heading', { name: '會員將看到的抽獎規則' }));

    expect(host.pageErrors).toEqual([]);
  }, 60_000);
});
