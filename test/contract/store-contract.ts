/**
 * The Store contract: one suite, run against every implementation
 * (sqlite-store.test.ts, mongo-store.test.ts). The factory returns a fresh,
 * initialised store per test (its own data dir or database); `cleanup` closes
 * it and removes what the factory made.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../server/errors.ts';
import type { NewMember, Store } from '../../server/store/store.ts';
import { ErrorCode } from '../../shared/error-codes.ts';
import type { LedgerEntry, Stream } from '../../shared/models.ts';
import { DEFAULT_RULES, type Rules } from '../../shared/rules.ts';
import { addPerksRecords, perksRecordsGone, storePerksContract } from './store-perks-contract.ts';
import { addModerationRecords, moderationRecordsGone, storeModerationContract } from './store-moderation-contract.ts';
import { storeMemberDataContract } from './store-member-data-contract.ts';
import { storeOverlayPinContract } from './store-overlay-pin-contract.ts';
import { storeRefundContract } from './store-refund-contract.ts';
import { storeRewardContract } from './store-reward-contract.ts';
import { storeMissionContract } from './store-mission-contract.ts';
import { storeGoalContract } from './store-goal-contract.ts';
import { storeShowFactsContract } from './store-show-facts-contract.ts';
import { storeOutboundContract } from './store-outbound-contract.ts';

export interface StoreFixture {
  store: Store;
  cleanup(): Promise<void>;
}

const T0 = Date.UTC(2024, 0, 15, 12, 0, 0);

const newMember = (id: string, extra: Partial<NewMember> = {}): NewMember => ({
  id,
  handle: id,
  displayName: `Member ${id}`,
  externalId: null,
  passwordHash: `hash-${id}`,
  createdAt: T0,
  ...extra,
});

const newStream = (id: string, extra: Partial<Stream> = {}): Stream => ({
  id,
  title: `Show ${id}`,
  playbackUrl: null,
  status: 'scheduled',
  createdAt: T0,
  startedAt: null,
  endedAt: null,
  ...extra,
});

const entry = (key: string, memberId: string, delta: number, at: number, extra: Partial<LedgerEntry> = {}): LedgerEntry => ({
  id: `id-${key}`,
  key,
  memberId,
  delta,
  reason: 'watch',
  streamId: null,
  at,
  ...extra,
});

async function rejection(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    return err as AppError;
  }
  throw new Error('expected the call to reject');
}

export function storeContract(name: string, makeStore: () => Promise<StoreFixture>): void {
  describe(name, () => {
    let fx: StoreFixture;
    let store: Store;

    beforeEach(async () => {
      fx = await makeStore();
      store = fx.store;
    });
    afterEach(async () => {
      await fx?.cleanup();
    });

    describe('members', () => {
      it('creates a member and finds it by id and by handle, case-insensitively', async () => {
        const created = await store.createMember(newMember('m1', { handle: 'Alice.B', externalId: 'x1' }));
        expect(created).toEqual({ ...newMember('m1', { handle: 'Alice.B', externalId: 'x1' }), createdFrom: null });
        expect(await store.memberById('m1')).toEqual(created);
        expect(await store.memberByHandle('alice.b')).toEqual(created);
        expect(await store.memberByHandle('ALICE.B')).toEqual(created);
        expect(await store.memberByHandle('alice')).toBeNull();
        expect(await store.memberById('nope')).toBeNull();
      });

      it('keeps the address an account was created from (referral rules), by any way of creating it', async () => {
        await store.createMember({ ...newMember('m1', { handle: 'Carol' }), createdFrom: '203.0.113.5' });
        expect((await store.memberById('m1'))?.createdFrom).toBe('203.0.113.5');
        const sso = await store.findOrCreateByExternalId({ ...newMember('m2', { externalId: 'x2' }), externalId: 'x2', createdFrom: '2001:db8::1' });
        expect(sso.member.createdFrom).toBe('2001:db8::1');
        expect((await store.memberById('m2'))?.createdFrom).toBe('2001:db8::1');
      });

      it('refuses a taken handle in any case with CONFLICT on the handle field', async () => {
        await store.createMember(newMember('m1', { handle: 'Alice' }));
        const err = await rejection(store.createMember(newMember('m2', { handle: 'aLiCe' })));
        expect(err.code).toBe(ErrorCode.CONFLICT);
        expect(err.field).toBe('handle');
        expect(await store.memberById('m2')).toBeNull();
      });

      it('concurrent sign-ups of one handle create one member', async () => {
        const settled = await Promise.allSettled(
          Array.from({ length: 8 }, (_, i) => store.createMember(newMember(`m${i}`, { handle: i % 2 ? 'BOB' : 'bob' }))),
        );
        expect(settled.filter((s) => s.status === 'fulfilled')).toHaveLength(1);
        for (const s of settled) if (s.status === 'rejected') expect((s.reason as AppError).code).toBe(ErrorCode.CONFLICT);
      });

      it('allows many members without a handle', async () => {
        await store.createMember(newMember('m1', { handle: null, passwordHash: null }));
        await store.createMember(newMember('m2', { handle: null, passwordHash: null }));
        expect(await store.memberById('m2')).toMatchObject({ handle: null, passwordHash: null });
      });

      it('findOrCreateByExternalId creates once and then finds', async () => {
        const first = await store.findOrCreateByExternalId({ ...newMember('m1', { handle: null }), externalId: 'shop-1' });
        expect(first.created).toBe(true);
        expect(first.member).toMatchObject({ id: 'm1', externalId: 'shop-1' });
        const again = await store.findOrCreateByExternalId({ ...newMember('m2', { handle: null }), externalId: 'shop-1' });
        expect(again).toEqual({ member: first.member, created: false });
        expect(await store.memberById('m2')).toBeNull();
      });

      it('renameMember changes the display name only', async () => {
        await store.createMember(newMember('m1'));
        const renamed = await store.renameMember('m1', 'New name');
        expect(renamed).toMatchObject({ id: 'm1', displayName: 'New name', handle: 'm1' });
        expect((await store.memberById('m1'))?.displayName).toBe('New name');
        expect(await store.renameMember('nobody', 'x')).toBeNull();
      });

      it('concurrent findOrCreateByExternalId calls create one member', async () => {
        const rs = await Promise.all(
          Array.from({ length: 10 }, (_, i) => store.findOrCreateByExternalId({ ...newMember(`m${i}`, { handle: null }), externalId: 'shop-9' })),
        );
        expect(rs.filter((r) => r.created)).toHaveLength(1);
        expect(new Set(rs.map((r) => r.member.id)).size).toBe(1);
      });

      it('membersByIds returns the known members without secrets', async () => {
        await store.createMember(newMember('m1'));
        await store.createMember(newMember('m2'));
        await store.createMember(newMember('m3'));
        const found = await store.membersByIds(['m3', 'nope', 'm1']);
        const { passwordHash: _, ...m1 } = newMember('m1');
        expect(found.sort((a, b) => a.id.localeCompare(b.id))).toEqual([m1, { ...m1, id: 'm3', handle: 'm3', displayName: 'Member m3' }]);
        expect(await store.membersByIds([])).toEqual([]);
      });

      it('countMembersCreated counts [fromMs, toMs)', async () => {
        await store.createMember(newMember('m1', { createdAt: T0 }));
        await store.createMember(newMember('m2', { createdAt: T0 + 1_000 }));
        await store.createMember(newMember('m3', { createdAt: T0 + 2_000 }));
        expect(await store.countMembersCreated(T0, T0 + 2_000)).toBe(2);
        expect(await store.countMembersCreated(T0 + 1, T0 + 2_001)).toBe(2);
        expect(await store.countMembersCreated(0, T0)).toBe(0);
      });
    });

    describe('streams', () => {
      it('creates, finds and lists streams newest first, by status', async () => {
        expect(await store.createStream(newStream('s1', { createdAt: T0 }))).toEqual(newStream('s1', { createdAt: T0 }));
        await store.createStream(newStream('s2', { createdAt: T0 + 2, playbackUrl: 'https://x.test/a.m3u8' }));
        await store.createStream(newStream('s3', { createdAt: T0 + 1, status: 'live', startedAt: T0 + 1 }));
        expect(await store.streamById('s2')).toEqual(newStream('s2', { createdAt: T0 + 2, playbackUrl: 'https://x.test/a.m3u8' }));
        expect(await store.streamById('nope')).toBeNull();
        expect((await store.listStreams()).map((s) => s.id)).toEqual(['s2', 's3', 's1']);
        expect((await store.listStreams('scheduled')).map((s) => s.id)).toEqual(['s2', 's1']);
        expect(await store.listStreams('ended')).toEqual([]);
      });

      it('transitionStream is a compare-and-set on the status', async () => {
        await store.createStream(newStream('s1'));
        const live = await store.transitionStream('s1', ['scheduled'], { status: 'live', startedAt: T0 + 5 });
        expect(live).toEqual(newStream('s1', { status: 'live', startedAt: T0 + 5 }));
        expect(await store.transitionStream('s1', ['scheduled'], { status: 'live', startedAt: T0 + 9 })).toBeNull();
        const ended = await store.transitionStream('s1', ['scheduled', 'live'], { status: 'ended', endedAt: T0 + 10 });
        expect(ended).toEqual(newStream('s1', { status: 'ended', startedAt: T0 + 5, endedAt: T0 + 10 }));
        expect(await store.streamById('s1')).toEqual(ended);
        expect(await store.transitionStream('nope', ['scheduled'], { status: 'live' })).toBeNull();
      });

      it('concurrent transitions apply once', async () => {
        await store.createStream(newStream('s1'));
        const rs = await Promise.all(
          Array.from({ length: 10 }, (_, i) => store.transitionStream('s1', ['scheduled'], { status: 'live', startedAt: T0 + i })),
        );
        expect(rs.filter((r) => r !== null)).toHaveLength(1);
      });
    });

    describe('rules and settings', () => {
      it('rules round-trip and are replaced whole', async () => {
        expect(await store.loadRules()).toBeNull();
        await store.saveRules(DEFAULT_RULES);
        expect(await store.loadRules()).toEqual(DEFAULT_RULES);
        const next: Rules = { ...DEFAULT_RULES, timezone: 'Europe/Paris', tiers: [DEFAULT_RULES.tiers[0]!] };
        await store.saveRules(next);
        expect(await store.loadRules()).toEqual(next);
      });

      it('setSettingIfAbsent keeps the first value', async () => {
        expect(await store.getSetting('k')).toBeNull();
        expect(await store.setSettingIfAbsent('k', 'v1')).toBe('v1');
        expect(await store.setSettingIfAbsent('k', 'v2')).toBe('v1');
        expect(await store.getSetting('k')).toBe('v1');
      });

      it('concurrent setSettingIfAbsent calls agree on one value', async () => {
        const rs = await Promise.all(Array.from({ length: 10 }, (_, i) => store.setSettingIfAbsent('jwt', `v${i}`)));
        expect(new Set(rs).size).toBe(1);
        expect(await store.getSetting('jwt')).toBe(rs[0]);
      });
    });

    describe('overlay tokens', () => {
      it('creates, revokes once and keeps the first revocation time', async () => {
        await store.createOverlayToken({ id: 't1', createdAt: T0, revokedAt: null, expiresAt: T0 + 1000 });
        expect(await store.overlayTokenById('t1')).toEqual({ id: 't1', createdAt: T0, revokedAt: null, expiresAt: T0 + 1000 });
        expect(await store.revokeOverlayToken('t1', T0 + 10)).toBe(true);
        expect(await store.revokeOverlayToken('t1', T0 + 20)).toBe(true);
        expect(await store.overlayTokenById('t1')).toEqual({ id: 't1', createdAt: T0, revokedAt: T0 + 10, expiresAt: T0 + 1000 });
        expect(await store.revokeOverlayToken('nope', T0)).toBe(false);
        expect(await store.overlayTokenById('nope')).toBeNull();
      });

      it('lists every token newest first, revoked ones too', async () => {
        await store.createOverlayToken({ id: 'old', createdAt: T0, revokedAt: null, expiresAt: null });
        await store.createOverlayToken({ id: 'new', createdAt: T0 + 5, revokedAt: null, expiresAt: T0 + 99 });
        await store.revokeOverlayToken('old', T0 + 6);
        expect(await store.listOverlayTokens()).toEqual([
          { id: 'new', createdAt: T0 + 5, revokedAt: null, expiresAt: T0 + 99 },
          { id: 'old', createdAt: T0, revokedAt: T0 + 6, expiresAt: null },
        ]);
      });
    });

    describe('sessions', () => {
      it('setPasswordHash replaces the hash of a known member only', async () => {
        await store.createMember(newMember('m1'));
        expect(await store.setPasswordHash('m1', 'new-hash')).toBe(true);
        expect((await store.memberById('m1'))?.passwordHash).toBe('new-hash');
        expect(await store.setPasswordHash('nobody', 'new-hash')).toBe(false);
      });

      it('a session version starts at 0 and each bump raises it by one, per member', async () => {
        expect(await store.sessionVersion('m1')).toBe(0);
        const bumps = await Promise.all([store.bumpSessionVersion('m1'), store.bumpSessionVersion('m1')]);
        expect(bumps.sort()).toEqual([1, 2]);
        expect(await store.sessionVersion('m1')).toBe(2);
        expect(await store.sessionVersion('m2')).toBe(0);
      });

      it('an ended session stays ended; ending it twice is harmless', async () => {
        const later = Date.now() + 60_000;
        expect(await store.isSessionEnded('j1')).toBe(false);
        await store.endSession('j1', later, Date.now());
        await store.endSession('j1', later, Date.now());
        expect(await store.isSessionEnded('j1')).toBe(true);
        expect(await store.isSessionEnded('j2')).toBe(false);
      });

      it('an assertion id is spent once, also by concurrent callers', async () => {
        const later = Date.now() + 60_000;
        const spent = await Promise.all(Array.from({ length: 5 }, () => store.spendAssertion('a1', later, Date.now())));
        expect(spent.filter(Boolean)).toHaveLength(1);
        expect(await store.spendAssertion('a1', later, Date.now())).toBe(false);
        expect(await store.spendAssertion('a2', later, Date.now())).toBe(true);
      });
    });

    describe('ledger', () => {
      it('appendLedger is idempotent by key, also inside one batch', async () => {
        const e1 = entry('k1', 'a', 10, T0, { streamId: 's1', reason: 'like' });
        await store.appendLedger([e1, entry('k2', 'a', -4, T0 + 1, { reason: 'purchase' }), { ...e1, id: 'other', delta: 99 }]);
        await store.appendLedger([{ ...e1, id: 'again', delta: 50 }, entry('k3', 'a', 1, T0 + 2)]);
        await store.appendLedger([]);
        expect(await store.entryByKey('k1')).toEqual(e1);
        expect(await store.entryByKey('nope')).toBeNull();
        expect(await store.ledgerTotals('a')).toEqual({ sum: 7, count: 3 });
      });

      it('concurrent appends of the same entries store each once', async () => {
        const batch = Array.from({ length: 20 }, (_, i) => entry(`k${i}`, 'a', 1, T0 + i));
        await Promise.all(Array.from({ length: 5 }, () => store.appendLedger(batch)));
        expect(await store.ledgerTotals('a')).toEqual({ sum: 20, count: 20 });
      });

      it('ledgerTotals sums one member only', async () => {
        await store.appendLedger([entry('k1', 'a', 10, T0), entry('k2', 'a', -3, T0), entry('k3', 'b', 5, T0)]);
        expect(await store.ledgerTotals('a')).toEqual({ sum: 7, count: 2 });
        expect(await store.ledgerTotals('nobody')).toEqual({ sum: 0, count: 0 });
      });

      it('ledgerPage pages newest first, across ties in `at`, each entry once', async () => {
        // Seven entries share one instant so that a page boundary falls among them.
        const ats = [T0, T0 + 5, T0 + 5, T0 + 5, T0 + 5, T0 + 5, T0 + 5, T0 + 5, T0 + 9, T0 + 12];
        const all = ats.map((at, i) => entry(`k${i}`, 'a', i + 1, at));
        await store.appendLedger([...all].reverse());
        await store.appendLedger([entry('kb', 'b', 1, T0 + 7)]);
        const seen: LedgerEntry[] = [];
        let before: string | undefined;
        let pages = 0;
        do {
          const page = await store.ledgerPage('a', 3, before);
          expect(page.entries.length).toBeLessThanOrEqual(3);
          seen.push(...page.entries);
          before = page.next;
          pages++;
        } while (before !== undefined && pages < 10);
        expect(pages).toBe(4);
        expect(seen.map((e) => e.key).sort()).toEqual(all.map((e) => e.key).sort());
        for (let i = 1; i < seen.length; i++) expect(seen[i]!.at).toBeLessThanOrEqual(seen[i - 1]!.at);
        expect(seen[0]).toEqual(all[9]);
      });

      it('ledgerPage leaves out `next` on the last page, also when it is exactly full', async () => {
        await store.appendLedger([entry('k1', 'a', 1, T0), entry('k2', 'a', 1, T0 + 1), entry('k3', 'a', 1, T0 + 2), entry('k4', 'a', 1, T0 + 3)]);
        const first = await store.ledgerPage('a', 2);
        expect(first.entries.map((e) => e.key)).toEqual(['k4', 'k3']);
        expect(first.next).toBeDefined();
        const second = await store.ledgerPage('a', 2, first.next);
        expect(second.entries.map((e) => e.key)).toEqual(['k2', 'k1']);
        expect(second.next).toBeUndefined();
        expect(await store.ledgerPage('nobody', 5)).toEqual({ entries: [] });
      });
    });

    // Drops, claims, lotteries and orders: store-perks-contract.ts, on this describe's store.
    storePerksContract(() => store);
    storeModerationContract(() => store);
    storeMemberDataContract(() => store);
    storeOverlayPinContract(() => store);
    storeRefundContract(() => store);
    storeRewardContract(() => store);
    storeMissionContract(() => store);
    storeGoalContract(() => store);
    storeShowFactsContract(() => store);
    storeOutboundContract(() => store);

    it('resetForTests removes every record', async () => {
      await store.createMember(newMember('m1'));
      await store.createStream(newStream('s1'));
      await store.saveRules(DEFAULT_RULES);
      await store.setSettingIfAbsent('k', 'v');
      await store.createOverlayToken({ id: 't1', createdAt: T0, revokedAt: null, expiresAt: null });
      await store.bumpSessionVersion('m1');
      await store.endSession('j1', Date.now() + 60_000, Date.now());
      await store.spendAssertion('a1', Date.now() + 60_000, Date.now());
      await store.appendLedger([entry('k1', 'm1', 5, T0)]);
      await addPerksRecords(store);
      await addModerationRecords(store);
      await store.resetForTests();
      expect(await store.memberById('m1')).toBeNull();
      expect(await store.streamById('s1')).toBeNull();
      expect(await store.loadRules()).toBeNull();
      expect(await store.getSetting('k')).toBeNull();
      expect(await store.overlayTokenById('t1')).toBeNull();
      expect(await store.entryByKey('k1')).toBeNull();
      expect(await store.sessionVersion('m1')).toBe(0);
      expect(await store.isSessionEnded('j1')).toBe(false);
      expect(await store.spendAssertion('a1', Date.now() + 60_000, Date.now())).toBe(true);
      await perksRecordsGone(store);
      await moderationRecordsGone(store);
      await store.createMember(newMember('m1'));
    });
  });
}
