/**
 * Member data rights over the real server, written once and run in every mode
 * (issue 9): a member exports everything the server holds about them, then
 * deletes their account. Their personal data is gone from the store and their
 * token is refused, while every balance, every ledger sum and the published
 * lottery proof they were part of still verify, and the shop customer who
 * signs in again becomes a new member.
 */
import Database from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../server/sqlite/sqlite-database.ts';
import { verifyProof } from '../../shared/lottery-proof.ts';
import { DEFAULT_RULES, type Rules } from '../../shared/rules.ts';
import type { RunningApp } from '../support/app-harness.ts';
import { api, ask, balanceOf, connect, deliverOrder, fullLedger, hostToken, liveShow, shopAssertion, ssoMember } from '../support/clients.ts';

const RULES: Rules = { ...DEFAULT_RULES, purchase: { pointsPerUnit: 1, unitCents: 100 } };

export function memberDataScenario(name: string, start: () => Promise<RunningApp>): void {
  describe(`member data rights (${name})`, () => {
    let running: RunningApp;
    let base: string;
    let host: string;
    let streamId: string;
    const sockets: Socket[] = [];
    const tag = Math.random().toString(36).slice(2, 8);
    // Unusual strings, so finding them anywhere means the erasure missed them.
    const handle = `zq-erase-${tag}`;
    const displayName = `Qwyx Erasable ${tag}`;
    const commentText = `my secret comment ${tag}`;
    let ann: { token: string; memberId: string };
    let bob: { token: string; memberId: string };
    let cat: { token: string; memberId: string };
    let proofUrl: string;
    let claimId: string;

    const inShow = async (token: string) => {
      const socket = await connect(base, '/live', { token });
      sockets.push(socket);
      expect((await ask(socket, 'stream:join', { streamId })).ok).toBe(true);
      return socket;
    };
    const pay = async (memberId: string, points: number) => {
      const paid = await deliverOrder(base, { orderId: `${tag}-${memberId}-${points}`, memberId, amountCents: points * 100, currency: 'TWD' });
      expect(paid.status, JSON.stringify(paid.body)).toBe(200);
    };

    beforeAll(async () => {
      running = await start();
      base = running.url;
      host = await hostToken(base);
      expect((await api(base, 'PUT', '/api/rules', RULES, host)).status).toBe(200);
      streamId = await liveShow(base, host, `data rights ${name}`);

      const signup = await api(base, 'POST', '/api/auth/signup', { handle, password: 'correct horse', displayName });
      expect(signup.status, JSON.stringify(signup.body)).toBe(201);
      ann = { token: signup.body.token, memberId: signup.body.member.id };
      bob = await ssoMember(base, `bob-${tag}`, 'Bob');
      cat = await ssoMember(base, `cat-${tag}`, 'Cat');
      for (const m of [ann, bob, cat]) await pay(m.memberId, 300);

      // Ann comments, claims a drop and enters a lottery that Bob and Cat enter too; the host draws it.
      const annRoom = await inShow(ann.token);
      expect((await ask(annRoom, 'interact', { streamId, kind: 'comment', text: commentText })).ok).toBe(true);
      const drop = await api(base, 'POST', `/api/streams/${streamId}/drops`, { title: 'Mug', priceCents: 50_000, stock: 5 }, host);
      expect(drop.status, JSON.stringify(drop.body)).toBe(201);
      const claim = await ask(annRoom, 'drop:claim', { dropId: drop.body.drop.id, requestId: 'mug-1' });
      expect(claim.ok, JSON.stringify(claim)).toBe(true);
      claimId = claim.claim.id;
      const lottery = await api(
        base,
        'POST',
        `/api/streams/${streamId}/lotteries`,
        { title: 'Tea', prize: 'Tea set', winners: 2, entryCostPoints: 20, requireWatching: false },
        host,
      );
      expect(lottery.status, JSON.stringify(lottery.body)).toBe(201);
      for (const m of [ann, bob, cat]) {
        const room = m === ann ? annRoom : await inShow(m.token);
        const entered = await ask(room, 'lottery:enter', { lotteryId: lottery.body.lottery.id });
        expect(entered.ok, JSON.stringify(entered)).toBe(true);
      }
      expect((await api(base, 'POST', `/api/lotteries/${lottery.body.lottery.id}/draw`, undefined, host)).status).toBe(200);
      proofUrl = `/api/lotteries/${lottery.body.lottery.id}/proof`;
      // Ann gives her birthday and redeems a reward (issue 13): both are hers to export; the birthday leaves with her.
      expect((await api(base, 'PUT', '/api/me/birthday', { month: 7, day: 9 }, ann.token)).status).toBe(200);
      const reward = await api(base, 'POST', '/api/rewards', { kind: 'shipping', title: 'Free shipping', pricePoints: 5, codeMode: 'shared', sharedCode: 'SHIPFREE' }, host);
      expect(reward.status, JSON.stringify(reward.body)).toBe(201);
      const redeemed = await api(base, 'POST', `/api/rewards/${reward.body.reward.id}/redeem`, { requestId: 'ship-1' }, ann.token);
      expect(redeemed.status, JSON.stringify(redeemed.body)).toBe(200);
      // In Redis mode ledger entries, claims and entries reach the store through streams: let them land.
      await running.app.services.engine.flush();
      await running.app.services.perks.flush();
    }, 60_000);

    afterAll(async () => {
      for (const s of sockets) s.close();
      await running?.stop();
    });

    it('exports everything the server holds about the member', async () => {
      const res = await api(base, 'GET', '/api/me/export', undefined, ann.token);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      const data = res.body;
      expect(data.format).toBe('frontrow-member-export-v1');
      expect(data.member).toMatchObject({ id: ann.memberId, handle, displayName, createdFrom: expect.any(String), hasPassword: true });
      expect(JSON.stringify(data)).not.toMatch(/scrypt|passwordHash/);
      expect(data.state.balance).toBe(await balanceOf(base, ann.token));
      expect(data.state.tier.id).toEqual(expect.any(String));
      expect(data.ledger).toEqual(await fullLedger(base, ann.token));
      expect(data.ledger.map((e: { reason: string }) => e.reason).sort()).toEqual(['comment', 'lottery-entry', 'purchase', 'reward']);
      expect(data.redemptions).toEqual([expect.objectContaining({ memberId: ann.memberId, code: 'SHIPFREE', status: 'fulfilled' })]);
      expect(data.birthday).toMatchObject({ month: 7, day: 9 });
      expect(data.claims.map((c: { id: string }) => c.id)).toEqual([claimId]);
      expect(data.lotteryEntries).toHaveLength(1);
      expect(data.orders).toEqual([expect.objectContaining({ memberId: ann.memberId, points: 300 })]);
      expect(data.comments).toEqual([expect.objectContaining({ text: commentText, displayName, streamId })]);
      expect(data.watch).toEqual([expect.objectContaining({ streamId, referrerId: null })]);
      expect(data).toMatchObject({ bannedAt: null, mutes: [] });
      // Only the member: a guest is refused, another member gets their own.
      expect((await api(base, 'GET', '/api/me/export')).status).toBe(401);
      expect((await api(base, 'GET', '/api/me/export', undefined, bob.token)).body.member.id).toBe(bob.memberId);
    });

    it('deletes only with the password, then erases the person and keeps every total and proof', async () => {
      const { store, engine } = running.app.services;
      const totals = async (id: string) => ({ ledger: (await store.ledgerTotals(id)).sum, balance: await engine.balance(id) });
      const before = { ann: await totals(ann.memberId), bob: await totals(bob.memberId), cat: await totals(cat.memberId) };
      const proofBefore = (await api(base, 'GET', proofUrl)).body.proof;
      // The embedded engine keeps the addresses a member was seen at (referral rules) in the same file.
      const addressesSeen = () => {
        const peek = new Database(join(running.dataDir, DATABASE_FILE), { readonly: true });
        const { n } = peek.prepare('SELECT COUNT(*) AS n FROM hits WHERE key = ?').get(`addresses:${ann.memberId}`) as { n: number };
        peek.close();
        return n;
      };
      if (engine.kind === 'sqlite') expect(addressesSeen()).toBeGreaterThan(0);
      expect(await verifyProof(proofBefore)).toEqual({ ok: true, version: 1 });

      expect((await api(base, 'DELETE', '/api/me', {}, ann.token)).body.error).toMatchObject({ code: 'VALIDATION', field: 'password' });
      expect((await api(base, 'DELETE', '/api/me', { password: 'wrong password' }, ann.token)).status).toBe(401);
      expect((await api(base, 'DELETE', '/api/me', { password: 'correct horse' })).status).toBe(401);
      expect((await api(base, 'GET', '/api/me', undefined, ann.token)).status).toBe(200);

      const openTab = await inShow(ann.token);
      const tabCut = new Promise<string>((resolve, reject) => {
        openTab.once('disconnect', resolve);
        setTimeout(() => reject(new Error('the deleted member\'s socket was not cut within 2 s')), 2_000);
      });
      const historyBefore = await connect(base, '/live');
      expect((await ask(historyBefore, 'stream:join', { streamId })).comments).toContainEqual(expect.objectContaining({ text: commentText }));
      historyBefore.close();
      expect((await api(base, 'DELETE', '/api/me', { password: 'correct horse' }, ann.token)).status).toBe(204);
      // Their open socket is cut at once (it could otherwise keep earning under the erased id).
      expect(await tabCut).toBe('io server disconnect');

      // The member's token stops working, everywhere it is checked.
      expect((await api(base, 'GET', '/api/me', undefined, ann.token)).status).toBe(401);
      expect((await api(base, 'GET', '/api/me/export', undefined, ann.token)).status).toBe(401);
      await expect(connect(base, '/live', { token: ann.token })).rejects.toThrow();
      // The person is gone from the store: record, handle, name, comment; the handle can be taken again.
      expect(await store.memberById(ann.memberId)).toBeNull();
      expect(await store.birthdayOf(ann.memberId)).toBeNull();
      // What she redeemed stays under the bare id, like her claims: the seller's records balance.
      expect(await running.app.services.rewardsEngine.redemptionsOfMember(ann.memberId, 10)).toHaveLength(1);
      expect(await store.memberByHandle(handle)).toBeNull();
      const held = await store.memberHoldings(ann.memberId);
      expect(held.comments).toEqual([]);
      expect((await api(base, 'POST', '/api/auth/login', { handle, password: 'correct horse' })).status).toBe(401);
      expect(await store.recentComments(streamId, 200)).not.toContainEqual(expect.objectContaining({ text: commentText }));
      // Nor does the chat history a joiner is handed carry it (or their name).
      const joiner = await connect(base, '/live');
      const joined = await ask(joiner, 'stream:join', { streamId });
      joiner.close();
      expect(joined.ok).toBe(true);
      expect(joined.comments).not.toContainEqual(expect.objectContaining({ text: commentText }));
      expect(joined.comments).not.toContainEqual(expect.objectContaining({ memberId: ann.memberId }));

      // The bookkeeping stays: every balance equals its ledger sum as before; the claim, the entry, the proof hold.
      expect({ ann: await totals(ann.memberId), bob: await totals(bob.memberId), cat: await totals(cat.memberId) }).toEqual(before);
      for (const t of Object.values(before)) expect(t.ledger).toBe(t.balance);
      expect(held.claims.map((c) => c.id)).toEqual([claimId]);
      expect(held.lotteryEntries).toHaveLength(1);
      const proofAfter = (await api(base, 'GET', proofUrl)).body.proof;
      expect(proofAfter).toEqual(proofBefore);
      expect(await verifyProof(proofAfter)).toEqual({ ok: true, version: 1 });
      expect(await balanceOf(base, bob.token)).toBe(before.bob.balance);

      if (engine.kind === 'sqlite') expect(addressesSeen()).toBe(0);
      if (store.kind === 'sqlite') {
        // Not even in free pages of the file: secure_delete zeroed them (checkpoint first, so the file has the new pages).
        const file = join(running.dataDir, DATABASE_FILE);
        const peek = new Database(file);
        peek.pragma('wal_checkpoint(TRUNCATE)');
        peek.close();
        const bytes = readFileSync(file).toString('latin1');
        for (const secret of [handle, displayName, commentText]) expect(bytes.includes(secret), secret).toBe(false);
      }
    });

    it('erases a shop account when a fresh shop sign-in confirms it; the same customer then comes back as a new member', async () => {
      const customer = `cat-${tag}`;
      expect((await api(base, 'DELETE', '/api/me', { password: 'anything' }, cat.token)).body.error).toMatchObject({
        code: 'VALIDATION',
        field: 'assertion',
      });
      const otherCustomer = await shopAssertion(`someone-else-${tag}`, 'Else');
      expect((await api(base, 'DELETE', '/api/me', { assertion: otherCustomer }, cat.token)).body.error).toMatchObject({
        code: 'UNAUTHENTICATED',
        field: 'assertion',
      });
      const sum = (await running.app.services.store.ledgerTotals(cat.memberId)).sum;
      const del = await api(base, 'DELETE', '/api/me', { assertion: await shopAssertion(customer, 'Cat') }, cat.token);
      expect(del.status, JSON.stringify(del.body)).toBe(204);
      expect((await api(base, 'GET', '/api/me', undefined, cat.token)).status).toBe(401);

      const again = await ssoMember(base, customer, 'Cat');
      expect(again.memberId).not.toBe(cat.memberId);
      expect(await balanceOf(base, again.token)).toBe(0);
      expect((await running.app.services.store.ledgerTotals(cat.memberId)).sum).toBe(sum);
      expect(await verifyProof((await api(base, 'GET', proofUrl)).body.proof)).toEqual({ ok: true, version: 1 });
    });
  });
}
