/**
 * State that survives a refresh, over real sockets, written once and run in
 * every mode: a member who checked in, hit the like cap, claimed and entered
 * gets all of it back in the `stream:join` ack of a new connection; a socket
 * that joins late gets the show's earlier comments (the newest 50, oldest
 * first, none the host removed).
 */
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommentEvent, JoinReply } from '../../shared/events.ts';
import type { Claim } from '../../shared/perks.ts';
import { DEFAULT_RULES, type Rules } from '../../shared/rules.ts';
import type { RunningApp } from '../support/app-harness.ts';
import { api, ask, connect, eventually, hostToken, liveShow, ssoMember } from '../support/clients.ts';

export const REJOIN_RULES: Rules = {
  ...DEFAULT_RULES,
  like: { points: 1, maxPerStream: 3 },
  // Sixty comments in a few seconds from a dozen members: the room ceiling is not what is tested here.
  comment: { ...DEFAULT_RULES.comment, roomPerSecond: 1000 },
};

type Ok<T> = { ok: true } & T;

export function joinShow(socket: Socket, streamId: string): Promise<Ok<JoinReply>> {
  return ask<Ok<JoinReply>>(socket, 'stream:join', { streamId });
}

/** Says `texts` in the show as `socket`'s member, in order (each acked before the next). */
export async function say(socket: Socket, streamId: string, texts: string[]): Promise<void> {
  for (const text of texts) {
    const r = await ask(socket, 'interact', { streamId, kind: 'comment', text });
    expect(r, text).toMatchObject({ ok: true });
  }
}

export function rejoinScenario(name: string, start: () => Promise<RunningApp>): void {
  describe(`state that survives a refresh (${name})`, () => {
    let running: RunningApp;
    let base: string;
    let host: string;
    const sockets: Socket[] = [];

    const member = async (label: string) => {
      const m = await ssoMember(base, `${name}-${label}-${Math.random()}`, label);
      return { ...m, connect: async () => {
        const socket = await connect(base, '/live', { token: m.token });
        sockets.push(socket);
        return socket;
      } };
    };
    const claimsOf = async (token: string): Promise<Claim[]> => (await api(base, 'GET', '/api/me/claims', undefined, token)).body.claims;

    beforeAll(async () => {
      running = await start();
      base = running.url;
      host = await hostToken(base);
      expect((await api(base, 'PUT', '/api/rules', REJOIN_RULES, host)).status).toBe(200);
    }, 120_000);
    afterAll(async () => {
      for (const s of sockets) s.close();
      await running?.stop();
    });

    it('a member who checked in, hit the like cap, claimed and entered gets it all back when they join again', async () => {
      const streamId = await liveShow(base, host, `rejoin ${name}`);
      const otherShow = await liveShow(base, host, `elsewhere ${name}`);
      const ann = await member('Ann');
      const first = await ann.connect();

      const fresh = await joinShow(first, streamId);
      expect(fresh.mine).toEqual({ checkin: { done: false, streak: 0 }, likes: { capped: false, left: 3 }, claims: [], entries: [] });

      expect(await ask(first, 'interact', { streamId, kind: 'checkin' })).toMatchObject({ ok: true, streak: 1, capped: false });
      for (let i = 0; i < 2; i++) expect(await ask(first, 'interact', { streamId, kind: 'like' })).toMatchObject({ ok: true, capped: false });

      // Two drops of this show (one reservation confirmed by the host, one still reserved) and one of another show.
      const newDrop = async (show: string, title: string) =>
        (await api(base, 'POST', `/api/streams/${show}/drops`, { title, priceCents: 50_000, stock: 5, checkoutUrl: 'https://shop.test/pay?ref={ref}' }, host))
          .body.drop;
      const [kept, held, elsewhere] = [await newDrop(streamId, 'Teapot'), await newDrop(streamId, 'Cups'), await newDrop(otherShow, 'Elsewhere')];
      const claim = async (dropId: string) => {
        running.clock.advance(1_000); // one claim a second: "newest first" has one answer
        const r = await ask(first, 'drop:claim', { dropId, requestId: `req-${dropId}` });
        expect(r, JSON.stringify(r)).toMatchObject({ ok: true, claim: { status: 'reserved' } });
        return r.claim as Pick<Claim, 'id' | 'checkoutRef' | 'expiresAt'>;
      };
      const keptClaim = await claim(kept.id);
      const heldClaim = await claim(held.id);
      await claim(elsewhere.id);
      expect((await api(base, 'POST', `/api/claims/${keptClaim.id}/confirm`, undefined, host)).body.claim.status).toBe('confirmed');

      const lottery = (await api(base, 'POST', `/api/streams/${streamId}/lotteries`, { title: 'Tea set', prize: 'A tea set', winners: 1, requireWatching: false }, host)).body.lottery;
      const unentered = (await api(base, 'POST', `/api/streams/${streamId}/lotteries`, { title: 'Fan', prize: 'A fan', winners: 1, requireWatching: false }, host)).body.lottery;
      expect(await ask(first, 'lottery:enter', { lotteryId: lottery.id })).toMatchObject({ ok: true, entry: { weight: 1 } });
      expect(unentered.id).not.toBe(lottery.id);

      // The third like reaches the cap; a fourth is refused points.
      expect(await ask(first, 'interact', { streamId, kind: 'like' })).toMatchObject({ ok: true, capped: false });
      expect(await ask(first, 'interact', { streamId, kind: 'like' })).toMatchObject({ ok: true, capped: true, awarded: 0 });

      // A refresh: the page's connection goes, a new one joins. (Redis mode copies claims to the store through
      // an outbox within ~100 ms; a person's reload takes longer than that, so the test waits as long.)
      first.close();
      await eventually(async () => expect(await claimsOf(ann.token)).toHaveLength(3));
      const again = await ann.connect();
      const back = await joinShow(again, streamId);
      expect(back.me?.checkin).toEqual({ streak: 1 });
      expect(back.mine).toMatchObject({
        checkin: { done: true, streak: 1 },
        likes: { capped: true, left: 0 },
        entries: [{ lotteryId: lottery.id, weight: 1 }],
      });
      // This show's claims only, newest first, each as it stands now.
      expect(back.mine!.claims.map((c) => [c.id, c.dropId, c.status, c.checkoutRef])).toEqual([
        [heldClaim.id, held.id, 'reserved', heldClaim.checkoutRef],
        [keptClaim.id, kept.id, 'confirmed', keptClaim.checkoutRef],
      ]);
      expect(back.mine!.claims[0]!.expiresAt).toBe(heldClaim.expiresAt);
      // …and the refreshed page can offer "Pay now" again.
      expect(back.mine!.claims[0]!.checkoutUrl).toBe(`https://shop.test/pay?ref=${heldClaim.checkoutRef}`);

      // Another member in the same show starts from nothing; a guest gets no member state at all.
      const bo = await (await member('Bo')).connect();
      expect((await joinShow(bo, streamId)).mine).toEqual({ checkin: { done: false, streak: 0 }, likes: { capped: false, left: 3 }, claims: [], entries: [] });
      const guest = await connect(base, '/live');
      sockets.push(guest);
      const guestJoin = await joinShow(guest, streamId);
      expect(guestJoin.ok).toBe(true);
      expect(guestJoin.me).toBeUndefined();
      expect(guestJoin.mine).toBeUndefined();
    });

    it('a late joiner gets the newest 50 earlier comments, oldest first, without the one the host removed', async () => {
      const streamId = await liveShow(base, host, `history ${name}`);
      // An empty show has no history.
      const early = await connect(base, '/live');
      sockets.push(early);
      expect((await joinShow(early, streamId)).comments).toEqual([]);

      // 12 members say 5 things each (the flood limit is 5 per 10 s per member): 60 comments in all.
      const talkers = await Promise.all(Array.from({ length: 12 }, (_, i) => member(`Talker ${i}`)));
      const texts: string[] = [];
      for (const [i, t] of talkers.entries()) {
        const socket = await t.connect();
        await joinShow(socket, streamId);
        const mine = Array.from({ length: 5 }, (_, j) => `comment ${i * 5 + j} 留言`);
        await say(socket, streamId, mine);
        texts.push(...mine);
      }
      const seen = (await joinShow(early, streamId)).comments;
      expect(seen.map((c) => c.text)).toEqual(texts.slice(-50));

      // The host removes one still in the history: it goes from the history too.
      const removed = seen[20]!;
      expect((await api(base, 'DELETE', `/api/comments/${removed.id}`, undefined, host)).status).toBe(200);

      const late = await connect(base, '/live');
      sockets.push(late);
      const { comments } = await joinShow(late, streamId);
      const want = texts.slice(-50).filter((t) => t !== removed.text);
      expect(comments.map((c: CommentEvent) => c.text)).toEqual(want);
      expect(comments).toHaveLength(49);
      expect(comments.every((c) => c.streamId === streamId && typeof c.id === 'string' && c.displayName.startsWith('Talker'))).toBe(true);
      // Oldest first: times never go down.
      expect(comments.map((c) => c.at)).toEqual([...comments.map((c) => c.at)].sort((a, b) => a - b));

      // Another show's chat stays its own.
      const quiet = await liveShow(base, host, `quiet ${name}`);
      expect((await joinShow(late, quiet)).comments).toEqual([]);
    });
  });
}
