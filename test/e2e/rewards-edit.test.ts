/**
 * Editing the catalogue and choosing a tier's welcome reward on the dashboard
 * (issue 13), in real headless Chromium against a real child server
 * (embedded mode):
 *
 * - a reward made over the API is edited in its row: a new title and price
 *   and the overlay announcement ticked — the server then has exactly those
 *   changed, and the list shows the new title and the overlay marker;
 * - an end before the reward's start (which only the server checks: the
 *   start is not in the patch) is refused beside its own field, the form
 *   kept as typed; nothing changes on the server, and Cancel closes it;
 * - in Points & tiers, Silver's welcome reward is picked from the unarchived
 *   rewards (an archived one is not offered) and saved: GET /api/rules has it
 *   on Silver only; in 中文 the column and its note say so.
 *
 * The API only does what the test needs set up or read back.
 */
import { describe, expect, it } from 'vitest';
import type { RewardView } from '../../shared/rewards.ts';
import type { Rules } from '../../shared/rules.ts';
import { useServerAndBrowser } from '../support/e2e-stage.ts';
import { TEST_HOST_KEY } from '../support/app-harness.ts';
import { DESKTOP, openScreen, saveScreenshot, see } from '../support/browser.ts';
import { api, hostToken } from '../support/clients.ts';

const TITLE = 'Linen apron';
const NEW_TITLE = 'Linen apron, indigo';
// A start in the future: an end typed before it is refused by the server alone.
// Its seconds are more than the input shows: an editor that sent every field would move it.
const STARTS = new Date('2031-06-01T10:00:30').getTime();

/** The catalogue as the server has it (every reward, with the host token), by id. */
async function catalogue(base: string, token: string): Promise<Map<string, RewardView>> {
  const listed = await api<{ rewards: RewardView[] }>(base, 'GET', '/api/rewards', undefined, token);
  expect(listed.status).toBe(200);
  return new Map(listed.body.rewards.map((r) => [r.id, r]));
}

const withoutUpdatedAt = ({ updatedAt: _, ...rest }: RewardView) => rest;

describe('the host edits a reward and picks a welcome reward (embedded mode, child server)', () => {
  const stage = useServerAndBrowser('rewards-edit');

  it('saves only what changed, shows a refusal on its field, and saves a tier welcome reward', async () => {
    const { server, browser } = stage;
    const base = server.url;
    const token = await hostToken(base);
    const created = await api(base, 'POST', '/api/rewards', { kind: 'item', title: TITLE, pricePoints: 120, stock: 8, perMemberLimit: 2, availableFrom: STARTS }, token);
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const rewardId = (created.body.reward as RewardView).id;
    const old = await api(base, 'POST', '/api/rewards', { kind: 'custom', title: 'Old mug', pricePoints: 10 }, token);
    const oldId = (old.body.reward as RewardView).id;
    expect((await api(base, 'PATCH', `/api/rewards/${oldId}`, { archived: true }, token)).status).toBe(200);
    const before = (await catalogue(base, token)).get(rewardId)!;
    expect(before.overlayAlert).toBe(false);

    const host = await openScreen(browser, DESKTOP);
    const { page } = host;
    page.setDefaultTimeout(15_000);
    await page.goto(`${base}/host`);
    await page.getByLabel('Host key').fill(TEST_HOST_KEY);
    await page.getByRole('button', { name: 'Sign in' }).click();
    const nav = page.getByRole('navigation', { name: 'Dashboard' });
    await nav.getByRole('link', { name: 'Rewards', exact: true }).click();
    const view = await see(page.getByTestId('rewards-view'));
    const row = await see(view.locator(`[data-testid="reward-row"][data-reward-id="${rewardId}"]`));
    expect(await row.getByTestId('reward-alert-marker').count()).toBe(0);

    // ---- title, price and the overlay announcement: exactly those change ----
    const editButton = row.getByRole('button', { name: 'Edit', exact: true });
    await editButton.click();
    const editor = await see(row.getByTestId('reward-editor'));
    expect(await editButton.getAttribute('aria-expanded')).toBe('true');
    const title = editor.getByLabel('Title', { exact: true });
    expect(await title.inputValue()).toBe(TITLE);
    expect(await editor.getByLabel('Price', { exact: true }).inputValue()).toBe('120');
    expect(await editor.getByLabel('Per member, in all').inputValue()).toBe('2');
    const save = editor.getByRole('button', { name: 'Save changes' });
    expect(await save.isDisabled()).toBe(true); // nothing changed yet
    await title.fill(NEW_TITLE);
    await editor.getByLabel('Price', { exact: true }).fill('150');
    await editor.getByLabel('Announce redemptions on the overlay').check();
    await save.click();
    await see(page.getByText(`Reward “${NEW_TITLE}” saved.`));
    await editor.waitFor({ state: 'detached' });
    await see(row.locator('.reward-title'), NEW_TITLE);
    await see(row.getByTestId('reward-alert-marker'), 'On overlay');
    expect(await editButton.getAttribute('aria-expanded')).toBe('false');

    const edited = (await catalogue(base, token)).get(rewardId)!;
    expect(withoutUpdatedAt(edited)).toEqual({ ...withoutUpdatedAt(before), title: NEW_TITLE, pricePoints: 150, overlayAlert: true });
    expect(edited.updatedAt).toBeGreaterThanOrEqual(before.updatedAt);
    await saveScreenshot(page, 'host-rewards-edited', { fullPage: true });

    // ---- an end before the start: refused beside its field; nothing changes ----
    await editButton.click();
    const again = await see(row.getByTestId('reward-editor'));
    expect(await again.getByLabel('Title', { exact: true }).inputValue()).toBe(NEW_TITLE);
    expect(await again.getByLabel('Announce redemptions on the overlay').isChecked()).toBe(true);
    await again.getByLabel('Title', { exact: true }).fill('Never saved');
    await again.getByLabel('Available until').fill('2031-05-01T10:00');
    await again.getByRole('button', { name: 'Save changes' }).click();
    const untilId = `reward-edit-${rewardId}-availableUntil`;
    await see(again.locator(`#${untilId}-error`), 'Must be after the start.');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe(untilId);
    expect(await again.getByLabel('Title', { exact: true }).inputValue()).toBe('Never saved'); // kept as typed
    await saveScreenshot(page, 'host-rewards-edit-refused', { fullPage: true });
    expect((await catalogue(base, token)).get(rewardId)).toEqual(edited);

    await again.getByRole('button', { name: 'Cancel' }).click();
    await again.waitFor({ state: 'detached' });
    await see(row.locator('.reward-title'), NEW_TITLE);
    expect((await catalogue(base, token)).get(rewardId)).toEqual(edited);

    // ---- Silver's welcome reward, from the unarchived rewards ----
    await nav.getByRole('link', { name: 'Points & tiers', exact: true }).click();
    const form = await see(page.getByRole('form', { name: 'Points & tiers' }));
    const welcome = form.getByLabel('Tier 2 (Silver): Welcome reward', { exact: true });
    await expect.poll(() => welcome.locator('option').allTextContents()).toEqual(['None', NEW_TITLE]);
    expect(await welcome.inputValue()).toBe('');
    await welcome.selectOption({ label: NEW_TITLE });
    await form.getByRole('button', { name: 'Save rules' }).click();
    await see(page.getByText('Rules saved. They apply right away.'));

    const rules = await api(base, 'GET', '/api/rules');
    expect(rules.status).toBe(200);
    expect((rules.body.rules as Rules).tiers.map((t) => t.entryRewardId)).toEqual([undefined, rewardId, undefined]);
    await page.reload();
    const reloaded = await see(page.getByRole('form', { name: 'Points & tiers' }));
    await expect.poll(() => reloaded.getByLabel('Tier 2 (Silver): Welcome reward', { exact: true }).inputValue()).toBe(rewardId);

    // ---- 中文 ----
    await page.getByRole('button', { name: '繁體中文' }).click();
    const tiers = page.getByRole('table', { name: '會員等級' });
    await see(tiers.getByRole('columnheader', { name: '升等禮獎勵' }));
    await see(page.locator('#rules-tiers-welcome-hint'), '升等禮點數與升等禮獎勵');

    expect(host.pageErrors).toEqual([]);
  }, 60_000);
});
