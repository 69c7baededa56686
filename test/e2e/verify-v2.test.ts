/**
 * The public verify page in real headless Chromium, against in-process
 * servers (their clock is the test's, shared with a local drand relay that
 * signs a test chain of its own; nothing reaches the real network):
 *
 * - a v2 draw (seed mixed with the drand round named at the freeze): the
 *   verdict holds, every step row says so, the page says nobody could steer
 *   it and warns that the test chain is not drand's public quicknet, and lists
 *   the winners by name and the alternates in turn (20 of them, then "and N more");
 * - the same page in Traditional Chinese;
 * - the same proof with another round's signature, served in place of the
 *   real one: the verdict fails and the signature row is the one that broke;
 *   one without a beacon is called what it is, not a proof;
 * - a v1 draw (a server with LOTTERY_BEACON=none): it holds, and the page says
 *   plainly that it is commit-only and must be trusted.
 */
import type { Socket } from 'socket.io-client';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shortHash } from '../../client/live/logic/format.ts';
import type { LotteryProofV2 } from '../../shared/lottery-proof.ts';
import { startApp, type RunningApp } from '../support/app-harness.ts';
import { launchChromium, openScreen, PHONE, saveScreenshot, see, type Screen } from '../support/browser.ts';
import { api, ask, connect, eventually, hostToken, liveShow, ssoMember } from '../support/clients.ts';
import { drandEnv, startFakeDrand, type FakeDrand } from '../support/fake-drand.ts';
import { TestClock } from '../support/test-clock.ts';

const WAIT = 20_000;
/** More entrants than winners plus the alternates the page lists (20), so it has to sum up the rest. */
const V2_ENTRANTS = 24;
const V2_WINNERS = 2;
const ALTERNATES_SHOWN = 20;
const STEPS_THAT_MUST_HOLD = ['commitment', 'entriesHash', 'chain', 'round', 'signature', 'order'] as const;

interface Drawn {
  lotteryId: string;
  /** memberId → display name, of everyone who entered */
  names: Map<string, string>;
}

/** A live show with a lottery that `entrants` members enter over their sockets. */
async function openLottery(base: string, title: string, entrants: number, winners: number): Promise<Drawn & { host: string }> {
  const host = await hostToken(base);
  const streamId = await liveShow(base, host, title);
  const created = await api(base, 'POST', `/api/streams/${streamId}/lotteries`, { title, prize: 'A tin of oolong', winners, requireWatching: false }, host);
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const lotteryId: string = created.body.lottery.id;
  const names = new Map<string, string>();
  for (let i = 0; i < entrants; i++) {
    const name = `Fan ${i + 1}`;
    const member = await ssoMember(base, `verify-${title}-${i}-${Math.random()}`, name);
    const socket: Socket = await connect(base, '/live', { token: member.token });
    try {
      const entered = await ask(socket, 'lottery:enter', { lotteryId });
      expect(entered.ok, JSON.stringify(entered)).toBe(true);
    } finally {
      socket.close();
    }
    names.set(member.memberId, name);
  }
  return { lotteryId, names, host };
}

async function publishedProof(base: string, lotteryId: string) {
  return eventually(async () => {
    const reply = await api(base, 'GET', `/api/lotteries/${lotteryId}/proof`);
    if (reply.status !== 200) throw new Error(`proof not out yet: ${JSON.stringify(reply.body)}`);
    return reply.body.proof;
  }, WAIT);
}

const stepRow = (page: Page, id: string) => page.getByTestId(`verify-step-${id}`);

describe('the verify page explains each version of the draw (real browser, in-process servers)', () => {
  const clock = new TestClock();
  let relay: FakeDrand;
  let v2Server: RunningApp;
  let v1Server: RunningApp;
  let browser: Browser;
  let v2: Drawn & { proof: LotteryProofV2 };
  const screens: Screen[] = [];

  const open = async (url: string): Promise<Screen> => {
    const screen = await openScreen(browser, PHONE);
    screens.push(screen);
    await screen.page.goto(url);
    return screen;
  };

  beforeAll(async () => {
    relay = await startFakeDrand(clock.read);
    [v2Server, v1Server, browser] = await Promise.all([startApp({ clock, env: drandEnv(relay) }), startApp(), launchChromium()]);

    // The v2 draw: the host's draw freezes the entries and names a round not out yet (202); once it is, the winners are in.
    const base = v2Server.url;
    const opened = await openLottery(base, 'Beacon night', V2_ENTRANTS, V2_WINNERS);
    const frozen = await api(base, 'POST', `/api/lotteries/${opened.lotteryId}/draw`, undefined, opened.host);
    expect(frozen.status, JSON.stringify(frozen.body)).toBe(202);
    clock.advance(3 * relay.chain.period * 1000);
    // The server's own sweep may finish the draw first; either way the proof is published.
    await api(base, 'POST', `/api/lotteries/${opened.lotteryId}/draw`, undefined, opened.host);
    const proof: LotteryProofV2 = await publishedProof(base, opened.lotteryId);
    expect(proof.algorithm).toBe('frontrow-lottery-v2');
    expect(proof.order).toHaveLength(V2_ENTRANTS);
    v2 = { ...opened, proof };
  }, 120_000);

  afterAll(async () => {
    for (const s of screens) await s.context.close().catch(() => undefined);
    await browser?.close().catch(() => undefined);
    await v2Server?.stop();
    await v1Server?.stop();
    await relay?.close();
  });

  it('a v2 draw: holds step by step, nobody could steer it, the test chain is flagged, winners and alternates listed', async () => {
    const { page, pageErrors } = await open(`${v2Server.url}/verify/${v2.lotteryId}`);
    await see(page.getByTestId('verify-result'), 'Proof holds', WAIT);
    await see(page.getByTestId('verify-result'), `drand round ${v2.proof.beacon.round}`);
    for (const id of STEPS_THAT_MUST_HOLD) expect(await stepRow(page, id).getAttribute('data-ok'), id).toBe('true');
    expect(await page.locator('[data-testid^="verify-step-"][data-ok="true"]').count()).toBe(9);

    const version = page.getByTestId('verify-version');
    await see(version, 'Nobody could steer this draw, not even whoever runs this server');
    await see(version, `drand round ${v2.proof.beacon.round}, which did not exist when the entries froze at`);
    // The relay's chain is a test chain: the proof holds against its key, but its keeper could have steered.
    await see(page.getByTestId('verify-chain-warning'), 'whoever runs that chain could have steered the draw');
    await see(page.getByTestId('verify-chain-warning'), shortHash(relay.chain.hash));
    await see(page.getByTestId('verify-round'), String(v2.proof.beacon.round));

    const winnerNames = page.getByTestId('verify-winners').locator('.winners__name');
    expect(await winnerNames.allTextContents()).toEqual(v2.proof.winners.map((id) => v2.names.get(id)));
    const alternates = page.getByTestId('verify-alternates').getByRole('listitem');
    expect(await alternates.count()).toBe(ALTERNATES_SHOWN);
    const firstAlternate = v2.proof.order[V2_WINNERS]!;
    // Only the winners' names are published; an alternate shows as a shortened member id.
    expect(await alternates.first().locator('.winners__name').textContent()).toBe(shortHash(firstAlternate));
    await see(page.getByText(`and ${V2_ENTRANTS - V2_WINNERS - ALTERNATES_SHOWN} more`));
    expect(pageErrors).toEqual([]);
    await saveScreenshot(page, 'verify-v2', { fullPage: true });

    // The same page in Traditional Chinese, chosen as a reader's earlier switch is remembered.
    await page.evaluate(() => localStorage.setItem('frontrow.locale', 'zh-TW'));
    await page.reload();
    await see(page.getByTestId('verify-result'), '驗證通過', WAIT);
    await see(page.getByTestId('verify-version'), '沒有人能操控這次開獎');
    await see(page.getByTestId('verify-chain-warning'), '不是 drand 的公開 quicknet');
    await see(stepRow(page, 'signature'), '該鏈簽署了這一輪');
    await see(page.getByRole('heading', { name: '候補順序' }));
    expect(pageErrors).toEqual([]);
  }, 60_000);

  it('a proof carrying another round’s signature fails at the signature step', async () => {
    const screen = await openScreen(browser, PHONE);
    screens.push(screen);
    const { page } = screen;
    const otherRound = relay.sign(v2.proof.beacon.round + 1);
    await page.route(`**/api/lotteries/${v2.lotteryId}/proof`, async (route) => {
      const response = await route.fetch();
      const { proof } = (await response.json()) as { proof: LotteryProofV2 };
      // Round and randomness stay the real ones: only the signature is another round's.
      await route.fulfill({ response, json: { proof: { ...proof, beacon: { ...proof.beacon, signature: otherRound.signature } } } });
    });
    await page.goto(`${v2Server.url}/verify/${v2.lotteryId}`);
    await see(page.getByTestId('verify-result'), 'Proof fails', WAIT);
    await see(page.getByTestId('verify-result'), 'The chain signed this round');
    expect(await stepRow(page, 'signature').getAttribute('data-ok')).toBe('false');
    await see(stepRow(page, 'signature'), 'this is not that round’s randomness');
    await see(stepRow(page, 'signature'), 'the beacon randomness is not the hash of its signature');
    for (const id of ['commitment', 'entriesHash', 'chain', 'round']) expect(await stepRow(page, id).getAttribute('data-ok'), id).toBe('true');
    // The check stops at the first failure, and the page says so instead of claiming the rest.
    expect(await stepRow(page, 'order').count()).toBe(0);
    await see(page.getByText('the steps after it were not checked'));
    // A proof that fails promises nothing.
    expect(await page.getByTestId('verify-version').textContent()).not.toContain('Nobody could steer this draw');
    await saveScreenshot(page, 'verify-v2-tampered', { fullPage: true });

    // Not a proof at all (no beacon): said so, without the page falling over.
    await page.unroute(`**/api/lotteries/${v2.lotteryId}/proof`);
    await page.route(`**/api/lotteries/${v2.lotteryId}/proof`, async (route) => {
      const response = await route.fetch();
      const { proof } = (await response.json()) as { proof: LotteryProofV2 };
      await route.fulfill({ response, json: { proof: { ...proof, beacon: null } } });
    });
    await page.reload();
    await see(page.getByTestId('verify-result'), 'not a well-formed proof', WAIT);
    expect(screen.pageErrors).toEqual([]);
  }, 60_000);

  it('a proof with another seed, changed entries or another round fails, each at its own step', async () => {
    const screen = await openScreen(browser, PHONE);
    screens.push(screen);
    const { page } = screen;
    const another = relay.sign(v2.proof.beacon.round + 1);
    const tampers: Array<[string, (p: LotteryProofV2) => LotteryProofV2, string]> = [
      ['seed', (p) => ({ ...p, seed: 'ab'.repeat(32) }), 'commitment'],
      ['entries', (p) => ({ ...p, entries: p.entries.map(([id, w], i): [string, number] => [id, i === 0 ? w + 1 : w]) }), 'entriesHash'],
      ['round', (p) => ({ ...p, beacon: { ...p.beacon, ...another } }), 'round'],
    ];
    for (const [what, tamper, step] of tampers) {
      await page.unroute(`**/api/lotteries/${v2.lotteryId}/proof`);
      await page.route(`**/api/lotteries/${v2.lotteryId}/proof`, async (route) => {
        const response = await route.fetch();
        const { proof } = (await response.json()) as { proof: LotteryProofV2 };
        await route.fulfill({ response, json: { proof: tamper(proof) } });
      });
      await page.goto(`${v2Server.url}/verify/${v2.lotteryId}?${what}`);
      await see(page.getByTestId('verify-result'), 'Proof fails', WAIT);
      expect(await stepRow(page, step).getAttribute('data-ok'), what).toBe('false');
    }
    expect(screen.pageErrors).toEqual([]);
  }, 60_000);

  it('a v1 draw holds, and the page says it is commit-only and must be trusted', async () => {
    const base = v1Server.url;
    const opened = await openLottery(base, 'Commit night', 3, 1);
    const drawn = await api(base, 'POST', `/api/lotteries/${opened.lotteryId}/draw`, undefined, opened.host);
    expect(drawn.status, JSON.stringify(drawn.body)).toBe(200);
    expect(drawn.body.proof.algorithm).toBe('frontrow-lottery-v1');

    const { page, pageErrors } = await open(`${base}/verify/${opened.lotteryId}`);
    await see(page.getByTestId('verify-result'), 'Proof holds', WAIT);
    const version = page.getByTestId('verify-version');
    await see(version, 'This draw is commit-only');
    await see(version, 'could have added entries until a member of their choosing won');
    await see(version, 'this draw must be trusted');
    for (const id of ['algorithm', 'commitment', 'entries', 'entriesHash', 'order']) expect(await stepRow(page, id).getAttribute('data-ok'), id).toBe('true');
    expect(await page.getByTestId('verify-chain-warning').count()).toBe(0);
    expect(await page.getByTestId('verify-alternates').count()).toBe(0);
    await see(page.getByTestId('verify-winners'), opened.names.get(drawn.body.proof.winners[0])!);
    expect(pageErrors).toEqual([]);
    await saveScreenshot(page, 'verify-v1', { fullPage: true });
  }, 60_000);
});
