/**
 * Issue 14 on the dashboard, in real headless Chromium against a real child
 * server (embedded mode):
 *
 * - in the live show's studio the host sets a community goal — 2 likes —
 *   with a flash-drop draft priced in NT$; two members like the show through
 *   the /live socket, and without a reload the panel says 2 / 2, reached, and
 *   names the drop it opened, which the show's drops hold (price in cents);
 * - a lottery opened with "Invite to win" ticked holds its invite entries,
 *   and its card says them;
 * - a mission made with a stage's badge keeps every badge through an edit
 *   of its title and a stage's target;
 * - in 中文 the panel speaks Traditional Chinese.
 *
 * The API only does what no dashboard screen does: the members and their
 * likes, and reading back what the server has.
 */
import type { Socket } from 'socket.io-client';
import { afterAll, describe, expect, it } from 'vitest';
import type { GoalView } from '../../shared/community-goals.ts';
import type { MissionView } from '../../shared/missions.ts';
import type { Drop, Lottery } from '../../shared/perks.ts';
import { useServerAndBrowser } from '../support/e2e-stage.ts';
import { TEST_HOST_KEY } from '../support/app-harness.ts';
import { DESKTOP, hostGoesLive, openScreen, saveScreenshot, see } from '../support/browser.ts';
import { api, ask, connect, hostToken, ssoMember } from '../support/clients.ts';

const SHOW = 'Jade Friday';
const GOAL = 'Two likes open a flash drop';
const FLASH = 'Flash jade bangle';
const GIVEAWAY = 'Bring a friend giveaway';
const MISSION = 'Regulars';

describe('the host runs community goals, invite entries and stage badges (embedded mode, child server)', () => {
  const stage = useServerAndBrowser('host-goals');
  const sockets: Socket[] = [];
  afterAll(() => {
    for (const s of sockets) s.close();
  });

  it('a likes goal reached by the room opens its drop before the host’s eyes; invite entries and badges are kept', async () => {
    const { server, browser } = stage;
    const base = server.url;
    const token = await hostToken(base);
    const host = await openScreen(browser, DESKTOP);
    const { page } = host;
    page.setDefaultTimeout(15_000);
    const showRow = await hostGoesLive(page, base, TEST_HOST_KEY, SHOW);
    const streamId = (await showRow.getAttribute('data-stream-id'))!;
    const nav = page.getByRole('navigation', { name: 'Dashboard' });

    // ---- the studio: a goal of 2 likes with a flash drop ----
    await nav.getByRole('link', { name: 'Live studio', exact: true }).click();
    const panel = await see(page.getByTestId('goals-panel'));
    await see(page.getByRole('heading', { name: 'Community goal', exact: true }));
    await see(panel.getByText('No goal for this show yet.'));
    const composer = panel.getByTestId('goal-composer');
    await composer.getByLabel('Goal', { exact: true }).fill(GOAL);
    expect(await composer.getByLabel('What the room counts').inputValue()).toBe('likes');
    await composer.getByLabel('Target', { exact: true }).fill('2');
    expect(await composer.getByLabel('Item name').count()).toBe(0); // no draft until asked for
    await composer.getByLabel('Open a flash drop when reached').check();
    const draft = await see(composer.getByTestId('goal-drop-fields'));
    await draft.getByLabel('Item name').fill(FLASH);
    await draft.getByLabel('Price', { exact: true }).fill('1,200.50');
    await draft.getByLabel('Stock', { exact: true }).fill('3');
    await saveScreenshot(page, 'host-community-goal-draft', { fullPage: true });
    await composer.getByRole('button', { name: 'Set goal' }).click();
    await see(page.getByText(`Goal “${GOAL}” set: the room can see it.`));
    expect(await composer.getByLabel('Goal', { exact: true }).inputValue()).toBe(''); // ready for the next one

    const listed = await api<{ goals: GoalView[] }>(base, 'GET', `/api/streams/${streamId}/goals`);
    expect(listed.body.goals).toHaveLength(1);
    const [goal] = listed.body.goals;
    expect(goal).toMatchObject({
      title: GOAL,
      metric: 'likes',
      target: 2,
      status: 'active',
      progress: 0,
      dropId: null,
      rewardId: null,
      drop: { title: FLASH, priceCents: 120_050, stock: 3, currency: 'TWD' },
    });
    const row = await see(panel.locator(`[data-testid="goal-row"][data-goal-id="${goal!.id}"]`));
    await see(row.getByTestId('goal-progress'), '0 / 2');
    await see(row.getByTestId('goal-status'), 'Counting');
    await see(row.getByTestId('goal-drop'), `Opens the drop “${FLASH}” when reached`);

    // ---- two members like the show: the panel follows without a reload ----
    await page.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));
    for (const [i, name] of ['Mei Lin', 'Chen Wei'].entries()) {
      const member = await ssoMember(base, `shop-cust-goals-${i}`, name);
      const socket = await connect(base, '/live', { token: member.token });
      sockets.push(socket);
      expect((await ask(socket, 'stream:join', { streamId })).ok).toBe(true);
      const liked = await ask(socket, 'interact', { streamId, kind: 'like', requestId: `goal-like-${i}` });
      expect(liked, JSON.stringify(liked)).toMatchObject({ ok: true });
    }
    await see(row.getByTestId('goal-progress'), '2 / 2', 25_000);
    await see(row.getByTestId('goal-status'), 'Reached', 25_000);
    await see(row.getByTestId('goal-drop'), `Opened the drop “${FLASH}”`, 25_000);
    await see(page.getByText(`The room reached “${GOAL}”!`));
    expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
    await saveScreenshot(page, 'host-community-goal', { fullPage: true });

    const reached = (await api<{ goals: GoalView[] }>(base, 'GET', `/api/streams/${streamId}/goals`)).body.goals[0]!;
    expect(reached).toMatchObject({ id: goal!.id, status: 'completed', progress: 2, completedAt: expect.any(Number), dropId: expect.any(String) });
    expect(await row.getByTestId('goal-drop').getAttribute('data-drop-id')).toBe(reached.dropId);
    const drops = (await api<{ drops: Drop[] }>(base, 'GET', `/api/streams/${streamId}/drops`)).body.drops;
    expect(drops).toEqual([expect.objectContaining({ id: reached.dropId, title: FLASH, priceCents: 120_050, stock: 3, streamId })]);

    // ---- 中文 ----
    await page.getByRole('button', { name: '繁體中文' }).click();
    await see(page.getByRole('heading', { name: '社群目標', exact: true }));
    await see(row.getByTestId('goal-status'), '已達成');
    await see(row.getByTestId('goal-drop'), `已開啟限時快閃「${FLASH}」`);
    await page.getByRole('button', { name: 'English' }).click();

    // ---- a lottery with invite entries ----
    await nav.getByRole('link', { name: 'Lotteries', exact: true }).click();
    const lottery = await see(page.getByTestId('lottery-composer'));
    await lottery.getByLabel('Title', { exact: true }).fill(GIVEAWAY);
    await lottery.getByLabel('Prize', { exact: true }).fill('Jade pendant');
    expect(await lottery.getByLabel('Entries per friend').count()).toBe(0);
    await lottery.getByLabel('Invite to win').check();
    await lottery.getByLabel('Entries per friend').fill('2');
    await lottery.getByLabel('Most extra entries per entrant').fill('5');
    await see(lottery, '+2 entries per friend who joins through the entrant’s link (up to 5)');
    await see(lottery.getByTestId('lottery-rules-preview'), /Invite to win: .* adds 2 entries, up to 5 more/);
    await saveScreenshot(page, 'host-lottery-invite', { fullPage: true });
    await lottery.getByRole('button', { name: 'Open lottery' }).click();
    await see(page.getByText(`Lottery “${GIVEAWAY}” is open.`));
    await see(page.getByTestId('lottery-card').getByTestId('lottery-facts'), /Invite to win\s*\+2 entries per friend, up to 5/);
    const lotteries = (await api<{ lotteries: Lottery[] }>(base, 'GET', `/api/streams/${streamId}/lotteries`)).body.lotteries;
    expect(lotteries).toEqual([expect.objectContaining({ title: GIVEAWAY, settings: expect.objectContaining({ inviteEntries: { perFriend: 2, maxExtra: 5 } }) })]);

    // ---- a mission whose stages give badges; an edit keeps them ----
    await nav.getByRole('link', { name: 'Missions', exact: true }).click();
    const missions = await see(page.getByTestId('missions-view'));
    const mission = missions.getByTestId('mission-composer');
    await mission.getByLabel('Title', { exact: true }).fill(MISSION);
    const stage1 = mission.getByRole('group', { name: 'Stage 1', exact: true });
    await stage1.getByLabel('Target').fill('1');
    await stage1.getByLabel('Badge').fill('Regular');
    await mission.getByTestId('mission-add-stage').click();
    const stage2 = mission.getByRole('group', { name: 'Stage 2', exact: true });
    await stage2.getByLabel('Target').fill('3');
    await stage2.getByLabel('Points').fill('20');
    await stage2.getByLabel('Badge').fill('Superfan');
    await saveScreenshot(page, 'host-mission-badges', { fullPage: true });
    await mission.getByRole('button', { name: 'Create mission' }).click();
    await see(page.getByText(`Mission “${MISSION}” created.`));
    const readMissions = async () => (await api<{ missions: MissionView[] }>(base, 'GET', '/api/missions', undefined, token)).body.missions;
    const [made] = await readMissions();
    const badges = (m: MissionView) => m.stages.map((s) => [s.target, s.reward.points, s.reward.badge]);
    expect(badges(made!)).toEqual([
      [1, 0, 'Regular'],
      [3, 20, 'Superfan'],
    ]);
    const missionRow = await see(missions.locator(`[data-testid="mission-row"][data-mission-id="${made!.id}"]`));
    await see(missionRow.locator('[data-testid="mission-stage"][data-stage="1"]'), '“Regular” badge');

    await missionRow.getByRole('button', { name: 'Edit', exact: true }).click();
    const editor = await see(missionRow.getByTestId('mission-editor'));
    const editStage1 = editor.getByRole('group', { name: 'Stage 1', exact: true });
    expect(await editStage1.getByLabel('Badge').inputValue()).toBe('Regular');
    await editor.getByLabel('Title', { exact: true }).fill('Our regulars');
    await editStage1.getByLabel('Target').fill('2'); // the stages go whole: each must carry its badge back
    await editor.getByRole('button', { name: 'Save changes' }).click();
    await see(page.getByText('Mission “Our regulars” saved.'));
    const [edited] = await readMissions();
    expect(edited!.title).toBe('Our regulars');
    expect(badges(edited!)).toEqual([
      [2, 0, 'Regular'],
      [3, 20, 'Superfan'],
    ]);

    expect(host.pageErrors).toEqual([]);
  }, 120_000);
});
