/**
 * Missions on the dashboard (issue 14), in real headless Chromium against a
 * real child server (embedded mode):
 *
 * - the host opens Missions and starts from the "Repurchase check-in"
 *   template; created before its rewards are chosen, each stage is refused on
 *   its own field; the two stages' rewards are picked from the catalogue (an
 *   archived reward is not offered) and the mission is created — GET
 *   /api/missions then holds exactly that mission;
 * - a member's shop order reaches stage 1: the list says 1 member reached
 *   stage 1 and 0 stage 2 without a reload (the area reads the counts again
 *   while it is open);
 * - edited in its row, stage 2's target moved below stage 1's is refused
 *   beside that field, the form kept as typed, and nothing changes on the
 *   server; a rising target with points is saved as exactly that change;
 * - archived, the row says so and the server has it archived; in 中文 the
 *   page speaks Traditional Chinese.
 *
 * The API only does what no dashboard screen does: the catalogue, the member
 * and their order, and reading back what the server has.
 */
import { describe, expect, it } from 'vitest';
import type { MissionView } from '../../shared/missions.ts';
import type { RewardView } from '../../shared/rewards.ts';
import { useServerAndBrowser } from '../support/e2e-stage.ts';
import { TEST_HOST_KEY } from '../support/app-harness.ts';
import { DESKTOP, openScreen, saveScreenshot, see } from '../support/browser.ts';
import { api, deliverOrder, hostToken, ssoMember } from '../support/clients.ts';

const TEMPLATE = 'Repurchase check-in';
const FIRST = 'NT$50 off your next order';
const SECOND = 'Linen tote bag';

/** Every mission as the host reads them (archived ones too, with completion counts). */
async function missions(base: string, token: string): Promise<MissionView[]> {
  const listed = await api<{ missions: MissionView[] }>(base, 'GET', '/api/missions', undefined, token);
  expect(listed.status).toBe(200);
  return listed.body.missions;
}

async function reward(base: string, token: string, title: string, archived = false): Promise<string> {
  const created = await api(base, 'POST', '/api/rewards', { kind: 'item', title, pricePoints: 500, stock: 20 }, token);
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const id = (created.body.reward as RewardView).id;
  if (archived) expect((await api(base, 'PATCH', `/api/rewards/${id}`, { archived: true }, token)).status).toBe(200);
  return id;
}

/** A stage's reward as the server keeps it: what the dashboard chose (any field the schema defaults aside). */
const paying = (points: number, rewardId: string | null) => expect.objectContaining({ points, rewardId });

describe('the host runs missions (embedded mode, child server)', () => {
  const stage = useServerAndBrowser('missions-host');

  it('creates a mission from a template, sees a stage reached without a reload, and is refused an edit on its field', async () => {
    const { server, browser } = stage;
    const base = server.url;
    const token = await hostToken(base);
    await reward(base, token, 'Old mug', true);
    const firstId = await reward(base, token, FIRST);
    const secondId = await reward(base, token, SECOND);

    const host = await openScreen(browser, DESKTOP);
    const { page } = host;
    page.setDefaultTimeout(15_000);
    await page.goto(`${base}/host`);
    await page.getByLabel('Host key').fill(TEST_HOST_KEY);
    await page.getByRole('button', { name: 'Sign in' }).click();
    const nav = page.getByRole('navigation', { name: 'Dashboard' });
    await nav.getByRole('link', { name: 'Missions', exact: true }).click();
    const view = await see(page.getByTestId('missions-view'));
    await see(view.getByText('No missions yet'));

    // ---- the template fills the form ----
    const composer = view.getByTestId('mission-composer');
    const template = composer.getByRole('button', { name: TEMPLATE, exact: true });
    await template.click();
    expect(await template.getAttribute('aria-pressed')).toBe('true');
    expect(await composer.getByLabel('Title', { exact: true }).inputValue()).toBe(TEMPLATE);
    expect(await composer.getByLabel('What counts').inputValue()).toBe('purchases');
    expect(await composer.getByLabel('Count purchases by').inputValue()).toBe('count');
    expect(await composer.getByLabel('Starts again').inputValue()).toBe('month');
    const stage1 = composer.getByRole('group', { name: 'Stage 1', exact: true });
    const stage2 = composer.getByRole('group', { name: 'Stage 2', exact: true });
    expect(await stage1.getByLabel('Target').inputValue()).toBe('1');
    expect(await stage2.getByLabel('Target').inputValue()).toBe('2');
    // the catalogue's unarchived rewards, newest first
    await expect.poll(() => stage1.getByLabel('Reward').locator('option').allTextContents()).toEqual(['No reward', SECOND, FIRST]);

    // ---- nothing chosen yet: each stage pays nothing, said beside it ----
    const create = composer.getByRole('button', { name: 'Create mission' });
    await create.click();
    await see(composer.locator('[id="mission-stages.0.reward.points-error"]'), 'Give points, a reward, a badge, or several of them.');
    await see(composer.locator('[id="mission-stages.1.reward.points-error"]'), 'Give points, a reward, a badge, or several of them.');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('mission-stages.0.reward.points');
    expect(await missions(base, token)).toEqual([]);

    await stage1.getByLabel('Reward').selectOption({ label: FIRST });
    await stage2.getByLabel('Reward').selectOption({ label: SECOND });
    expect(await composer.locator('[id="mission-stages.0.reward.points-error"]').count()).toBe(0);
    await create.click();
    await see(page.getByText(`Mission “${TEMPLATE}” created.`));
    expect(await composer.getByLabel('Title', { exact: true }).inputValue()).toBe(''); // ready for the next one

    const [created, ...others] = await missions(base, token);
    expect(others).toEqual([]);
    expect(created).toEqual({
      id: expect.any(String),
      title: TEMPLATE,
      description: null,
      goal: { kind: 'purchases', measure: 'count' },
      period: { kind: 'month' },
      stages: [
        { target: 1, reward: paying(0, firstId) },
        { target: 2, reward: paying(0, secondId) },
      ],
      minTier: null,
      archived: false,
      createdAt: expect.any(Number),
      updatedAt: expect.any(Number),
      completions: [0, 0],
    });

    const row = await see(view.locator(`[data-testid="mission-row"][data-mission-id="${created!.id}"]`));
    await see(row.getByTestId('mission-goal'), 'Orders');
    await see(row.getByTestId('mission-period'), 'Every month');
    const line1 = row.locator('[data-testid="mission-stage"][data-stage="1"]');
    const line2 = row.locator('[data-testid="mission-stage"][data-stage="2"]');
    await see(line1, `1 order → ${FIRST}`);
    await see(line2, `2 orders → ${SECOND}`);
    await see(line1.getByTestId('mission-reached'), '0 members reached');

    // ---- a member's order reaches stage 1: the count follows without a reload ----
    await page.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));
    const member = await ssoMember(base, 'shop-cust-missions-host-1', 'Mei Lin');
    const paid = await deliverOrder(base, { orderId: 'order-missions-host-1', memberId: member.memberId, amountCents: 120_000, currency: 'TWD' });
    expect(paid.status, JSON.stringify(paid.body)).toBe(200);
    await see(line1.getByTestId('mission-reached'), '1 member reached', 25_000);
    expect(await line1.getAttribute('data-completions')).toBe('1');
    expect(await line2.getAttribute('data-completions')).toBe('0');
    await see(line2.getByTestId('mission-reached'), '0 members reached');
    expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
    const reached = (await missions(base, token))[0]!;
    expect(reached.completions).toEqual([1, 0]);
    await saveScreenshot(page, 'host-missions', { fullPage: true });

    // ---- an edit whose targets do not rise: refused on stage 2's target, nothing changes ----
    const editButton = row.getByRole('button', { name: 'Edit', exact: true });
    await editButton.click();
    const editor = await see(row.getByTestId('mission-editor'));
    await see(editor, 'Stays as created: Orders · Every month.');
    expect(await editor.getByLabel('What counts').count()).toBe(0); // the goal is not editable
    const title = editor.getByLabel('Title', { exact: true });
    expect(await title.inputValue()).toBe(TEMPLATE);
    const save = editor.getByRole('button', { name: 'Save changes' });
    expect(await save.isDisabled()).toBe(true); // nothing changed yet
    const editStage2 = editor.getByRole('group', { name: 'Stage 2', exact: true });
    await title.fill('Never saved');
    await editStage2.getByLabel('Target').fill('1');
    await save.click();
    const targetId = `mission-edit-${created!.id}-stages.1.target`;
    await see(editor.locator(`[id="${targetId}-error"]`), 'Must be higher than the stage before.');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe(targetId);
    expect(await title.inputValue()).toBe('Never saved'); // kept as typed
    await saveScreenshot(page, 'host-missions-edit-refused', { fullPage: true });
    expect(await missions(base, token)).toEqual([reached]);

    // ---- a rising target and points for stage 2: exactly that is saved ----
    await title.fill(TEMPLATE);
    await editStage2.getByLabel('Target').fill('3');
    await expect.poll(() => editor.locator(`[id="${targetId}-error"]`).count()).toBe(0); // the problem goes as the field is edited
    await editStage2.getByLabel('Points').fill('20');
    await save.click();
    await see(page.getByText(`Mission “${TEMPLATE}” saved.`));
    await editor.waitFor({ state: 'detached' });
    const { updatedAt: _before, ...unchanged } = reached;
    const edited = (await missions(base, token))[0]!;
    expect(edited).toEqual({
      ...unchanged,
      stages: [reached.stages[0], { target: 3, reward: paying(20, secondId) }],
      updatedAt: expect.any(Number),
    });
    await see(line2, `3 orders → 20 pts + ${SECOND}`);

    // ---- archived: said on the row, and on the server ----
    await row.getByRole('button', { name: 'Archive', exact: true }).click();
    await see(page.getByText(`Mission “${TEMPLATE}” archived: members no longer see it.`));
    await see(row.getByRole('button', { name: 'Unarchive', exact: true }));
    await see(row, 'Archived');
    expect((await missions(base, token))[0]!.archived).toBe(true);

    // ---- 中文 ----
    await page.getByRole('button', { name: '繁體中文' }).click();
    await see(page.getByRole('navigation', { name: '後台選單' }).getByRole('link', { name: '任務', exact: true }));
    await see(view.getByRole('heading', { name: '任務', exact: true }));
    await see(line1.getByTestId('mission-reached'), '1 位會員達成');
    await see(composer.getByRole('button', { name: '回購打卡' }));

    expect(host.pageErrors).toEqual([]);
  }, 90_000);
});
