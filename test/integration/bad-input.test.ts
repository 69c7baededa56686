/**
 * Guarantee: bad input never crashes a process or half-writes state; it gets a
 * clear error with a code and the failing field.
 *
 * Every HTTP route and every client→server event of /live is fed malformed,
 * oversized and wrong-typed payloads from two tables (one row per route or
 * event, payload and expected field), over real HTTP and one real socket.
 * The shop's order webhook is fed them with a valid signature, so each row
 * reaches the body. Afterwards the process is up, the same socket still
 * works, and nothing was written: balance, ledger, rules, streams, drops and
 * their stock, claims, lotteries and their entries are exactly what they were.
 *
 * Embedded mode only: the edges (express + zod, the socket `handle` wrapper)
 * are the same code in every run mode; the engines have their own contract suites.
 */
import { createHmac } from 'node:crypto';
import { request } from 'node:http';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_RULES, type Rules } from '../../shared/rules.ts';
import { TEST_WEBHOOK_SECRET, startApp, type RunningApp } from '../support/app-harness.ts';
import { api, ask, connect, deliverOrder, hostToken, liveShow, shopAssertion, shopClaims, signShopClaims, ssoMember, type ApiReply } from '../support/clients.ts';

// ---- the state the barrage must leave untouched ----

/** A rules document unlike the defaults, so "unchanged" cannot pass by falling back to them. */
const RULES: Rules = {
  ...DEFAULT_RULES,
  timezone: 'Europe/Paris',
  checkin: { points: 7, streakBonus: 0, streakMax: 0 },
  like: { points: 3, maxPerStream: 5 },
};
const [BRONZE, SILVER, GOLD] = RULES.tiers as [Rules['tiers'][number], Rules['tiers'][number], Rules['tiers'][number]];

/** Placeholders in the tables, filled in once the app runs. */
const LIVE = '<live stream id>';
const SCHEDULED = '<scheduled stream id>';
const OVERLAY = '<overlay token id>';
const MEMBER_TOKEN = '<member token>';
const ASSERTION = '<valid shop assertion>';
const ASSERTION_WITHOUT_NAME = '<shop assertion without a name>';
const DROP = '<drop id>';
const CLAIM = '<claim id of the member>';
const LOTTERY = '<lottery id>';
const MEMBER_ID = '<member id>';
const OTHER_MEMBER_ID = '<another member id>';
/** A well-formed comment id (no such comment: every row must be refused before the lookup). */
const COMMENT = '<comment id>';
const REWARD = '<reward id>';
const REDEMPTION = '<redemption id>';
/** A shop customer some webhook rows name; the server must not have created them afterwards. */
const GHOST_CUSTOMER = 'bad-input-ghost-customer';
/** A handle some rows try to sign up with; it must not exist afterwards. */
const GHOST = 'ghost_signup';

const OVER_LIMIT = 33 * 1024; // the JSON body limit is 32 kB
const big = (n: number, ch = 'x') => ch.repeat(n);

// ---- HTTP table ----

type Who = 'guest' | 'member' | 'host';

interface HttpRow {
  /** The route as the router declares it: the table must cover every one. */
  route: string;
  what: string;
  field: string;
  /** Concrete path when the row is about the path or query itself; default: the route with `:id` filled in. */
  path?: string;
  /** Sent as JSON. */
  json?: unknown;
  /** Sent as is. */
  raw?: { body: string; type?: string; encoding?: string };
  /** Signed like the shop signs an order webhook (X-FrontRow-Signature over the bytes sent). */
  signed?: boolean;
}

const ROUTES: Record<string, { as: Who; id?: string }> = {
  'POST /api/auth/signup': { as: 'guest' },
  'POST /api/auth/login': { as: 'guest' },
  'POST /api/auth/host': { as: 'guest' },
  'POST /api/auth/exchange': { as: 'guest' },
  'POST /api/overlay-tokens': { as: 'host' },
  'DELETE /api/overlay-tokens/:id': { as: 'host', id: OVERLAY },
  'POST /api/streams': { as: 'host' },
  'POST /api/streams/:id/start': { as: 'host', id: SCHEDULED },
  'POST /api/streams/:id/end': { as: 'host', id: LIVE },
  'GET /api/streams': { as: 'guest' },
  'GET /api/streams/:id': { as: 'guest', id: LIVE },
  'GET /api/me': { as: 'member' },
  'GET /api/me/ledger': { as: 'member' },
  'GET /api/me/export': { as: 'member' },
  'DELETE /api/me': { as: 'member' },
  'GET /api/leaderboard': { as: 'guest' },
  'GET /api/rules': { as: 'guest' },
  'PUT /api/rules': { as: 'host' },
  'POST /api/streams/:id/drops': { as: 'host', id: LIVE },
  'GET /api/streams/:id/drops': { as: 'guest', id: LIVE },
  'GET /api/drops/:id': { as: 'guest', id: DROP },
  'POST /api/drops/:id/close': { as: 'host', id: DROP },
  'POST /api/claims/:id/confirm': { as: 'host', id: CLAIM },
  'POST /api/claims/:id/release': { as: 'host', id: CLAIM },
  'GET /api/me/claims': { as: 'member' },
  'POST /api/streams/:id/lotteries': { as: 'host', id: LIVE },
  'GET /api/streams/:id/lotteries': { as: 'guest', id: LIVE },
  'GET /api/lotteries/:id': { as: 'guest', id: LOTTERY },
  'POST /api/lotteries/:id/draw': { as: 'host', id: LOTTERY },
  'POST /api/lotteries/:id/cancel': { as: 'host', id: LOTTERY },
  'GET /api/lotteries/:id/proof': { as: 'guest', id: LOTTERY },
  'POST /api/webhooks/orders': { as: 'guest' },
  'POST /api/webhooks/refunds': { as: 'guest' },
  'DELETE /api/comments/:id': { as: 'host', id: COMMENT },
  'POST /api/streams/:id/mutes': { as: 'host', id: LIVE },
  'GET /api/streams/:id/moderation': { as: 'host', id: LIVE },
  'PUT /api/streams/:id/moderation': { as: 'host', id: LIVE },
  'POST /api/members/:id/ban': { as: 'host', id: MEMBER_ID },
  'DELETE /api/members/:id/ban': { as: 'host', id: MEMBER_ID },
  'POST /api/rewards': { as: 'host' },
  'PATCH /api/rewards/:id': { as: 'host', id: REWARD },
  'POST /api/rewards/:id/codes': { as: 'host', id: REWARD },
  'GET /api/rewards': { as: 'member' },
  'POST /api/rewards/:id/redeem': { as: 'member', id: REWARD },
  'GET /api/me/redemptions': { as: 'member' },
  'GET /api/redemptions': { as: 'host' },
  'POST /api/redemptions/:id/fulfil': { as: 'host', id: REDEMPTION },
  'POST /api/redemptions/:id/reject': { as: 'host', id: REDEMPTION },
  'GET /api/webhooks/outbound': { as: 'host' },
  'GET /api/me/birthday': { as: 'member' },
  'PUT /api/me/birthday': { as: 'member' },
};

const row = (route: string, what: string, field: string, req: Omit<HttpRow, 'route' | 'what' | 'field'> = {}): HttpRow => ({
  route,
  what,
  field,
  ...req,
});

/** What every body-taking route must refuse before looking at the fields. */
function bodyRows(route: string): HttpRow[] {
  return [
    row(route, 'non-JSON body', 'body', { raw: { body: '{"handle": nope' } }),
    row(route, 'body over the size limit', 'body', { json: { filler: big(OVER_LIMIT) } }),
    row(route, 'a JSON number as the body', 'body', { raw: { body: '42' } }),
    row(route, 'JSON null as the body', 'body', { raw: { body: 'null' } }),
    row(route, 'a JSON string as the body', 'body', { raw: { body: '"hello"' } }),
    row(route, 'an array for the body object', 'body', { json: [] }),
    row(route, 'a gzip body that is not gzip', 'body', { raw: { body: 'not gzip at all', encoding: 'gzip' } }),
    row(route, 'an unsupported charset', 'body', { raw: { body: '{}', type: 'application/json; charset=latin1' } }),
  ];
}

/** The id rows every `:id` route gets: the path itself is the bad input. */
function idRows(route: string, path: (id: string) => string): HttpRow[] {
  return [
    row(route, 'id with symbols', 'id', { path: path('bad!id') }),
    row(route, 'id 65 chars', 'id', { path: path(big(65, 'a')) }),
    row(route, 'broken percent-encoding in the id', 'path', { path: path('%E0%A4%A') }),
  ];
}

const drop = (patch: Record<string, unknown>) => ({ title: 'Jade bracelet', priceCents: 120_000, stock: 10, ...patch });
const lottery = (patch: Record<string, unknown>) => ({ title: 'Tea set', prize: 'A tea set', winners: 1, ...patch });
const reward = (patch: Record<string, unknown>) => ({ kind: 'coupon', title: '10% off', pricePoints: 500, codeMode: 'pool', ...patch });
const order = (patch: Record<string, unknown>) => ({ orderId: 'bad-input-order', memberId: MEMBER_ID, amountCents: 500_000, currency: 'TWD', ...patch });
const without = (o: Record<string, unknown>, key: string) => Object.fromEntries(Object.entries(o).filter(([k]) => k !== key));
const WEBHOOK = 'POST /api/webhooks/orders';
const REFUNDS = 'POST /api/webhooks/refunds';
const refund = (patch: Record<string, unknown>) => ({ refundId: 'bad-input-refund', orderId: 'bad-input-order', ...patch });

const rulesWith = (patch: Partial<Record<keyof Rules, unknown>>) => ({ ...RULES, ...patch });
const withoutShare = (() => {
  const { share: _share, ...rest } = RULES;
  return rest;
})();

const HTTP_ROWS: HttpRow[] = [
  // auth
  ...bodyRows('POST /api/auth/signup'),
  row('POST /api/auth/signup', 'missing body', 'body'),
  row('POST /api/auth/signup', 'text/plain body', 'body', { raw: { body: 'handle=x', type: 'text/plain' } }),
  row('POST /api/auth/signup', 'extra unknown key', 'admin', { json: { handle: GHOST, password: 'long enough pw', admin: true } }),
  row('POST /api/auth/signup', 'a __proto__ key', '__proto__', {
    raw: { body: `{"handle":"${GHOST}","password":"long enough pw","__proto__":{"admin":true}}` },
  }),
  row('POST /api/auth/signup', 'handle too short', 'handle', { json: { handle: 'ab', password: 'long enough pw' } }),
  row('POST /api/auth/signup', 'handle 33 chars', 'handle', { json: { handle: big(33, 'h'), password: 'long enough pw' } }),
  row('POST /api/auth/signup', 'handle with spaces and symbols', 'handle', { json: { handle: 'bad handle!', password: 'long enough pw' } }),
  row('POST /api/auth/signup', 'number for the handle', 'handle', { json: { handle: 12345, password: 'long enough pw' } }),
  row('POST /api/auth/signup', 'password too short', 'password', { json: { handle: GHOST, password: '1234567' } }),
  row('POST /api/auth/signup', 'password 201 chars', 'password', { json: { handle: GHOST, password: big(201) } }),
  row('POST /api/auth/signup', 'displayName 41 chars', 'displayName', {
    json: { handle: GHOST, password: 'long enough pw', displayName: big(41) },
  }),
  row('POST /api/auth/signup', 'array for the displayName', 'displayName', {
    json: { handle: GHOST, password: 'long enough pw', displayName: ['Ghost'] },
  }),
  ...bodyRows('POST /api/auth/login'),
  row('POST /api/auth/login', 'missing body', 'body'),
  row('POST /api/auth/login', 'extra unknown key', 'remember', { json: { handle: GHOST, password: 'x', remember: true } }),
  row('POST /api/auth/login', 'empty password', 'password', { json: { handle: GHOST, password: '' } }),
  row('POST /api/auth/login', 'password 201 chars', 'password', { json: { handle: GHOST, password: big(201) } }),
  row('POST /api/auth/login', 'object for the handle', 'handle', { json: { handle: { $ne: null }, password: 'x' } }),
  ...bodyRows('POST /api/auth/host'),
  row('POST /api/auth/host', 'missing body', 'body'),
  row('POST /api/auth/host', 'empty host key', 'hostKey', { json: { hostKey: '' } }),
  row('POST /api/auth/host', 'host key 201 chars', 'hostKey', { json: { hostKey: big(201) } }),
  row('POST /api/auth/host', 'boolean for the host key', 'hostKey', { json: { hostKey: true } }),
  row('POST /api/auth/host', 'extra unknown key', 'role', { json: { hostKey: 'x', role: 'host' } }),
  ...bodyRows('POST /api/auth/exchange'),
  row('POST /api/auth/exchange', 'missing body', 'body'),
  row('POST /api/auth/exchange', 'assertion 4097 chars', 'assertion', { json: { assertion: big(4097) } }),
  row('POST /api/auth/exchange', 'number for the assertion', 'assertion', { json: { assertion: 42 } }),
  row('POST /api/auth/exchange', 'extra unknown key beside a valid assertion', 'memberId', {
    json: { assertion: ASSERTION, memberId: 'someone-else' },
  }),
  row('POST /api/auth/exchange', 'a signed assertion without a name claim', 'assertion', { json: { assertion: ASSERTION_WITHOUT_NAME } }),
  // overlay tokens
  ...bodyRows('POST /api/overlay-tokens'),
  row('POST /api/overlay-tokens', 'extra unknown key on a route without a body', 'label', { json: { label: 'OBS' } }),
  ...bodyRows('DELETE /api/overlay-tokens/:id'),
  row('DELETE /api/overlay-tokens/:id', 'id with symbols', 'id', { path: '/api/overlay-tokens/bad!id' }),
  row('DELETE /api/overlay-tokens/:id', 'id 65 chars', 'id', { path: `/api/overlay-tokens/${big(65, 'a')}` }),
  row('DELETE /api/overlay-tokens/:id', 'broken percent-encoding in the id', 'path', { path: '/api/overlay-tokens/%E0%A4%A' }),
  row('DELETE /api/overlay-tokens/:id', 'extra unknown key on a route without a body', 'reason', { json: { reason: 'x' } }),
  // streams
  ...bodyRows('POST /api/streams'),
  row('POST /api/streams', 'missing body', 'body'),
  row('POST /api/streams', 'title 121 chars', 'title', { json: { title: big(121) } }),
  row('POST /api/streams', 'blank title', 'title', { json: { title: '   ' } }),
  row('POST /api/streams', 'number for the title', 'title', { json: { title: 121 } }),
  row('POST /api/streams', 'javascript: playback URL', 'playbackUrl', { json: { title: 'Show', playbackUrl: 'javascript:alert(1)' } }),
  row('POST /api/streams', 'object for the playback URL', 'playbackUrl', { json: { title: 'Show', playbackUrl: {} } }),
  row('POST /api/streams', 'extra unknown key (a live status)', 'status', { json: { title: 'Show', status: 'live' } }),
  ...bodyRows('POST /api/streams/:id/start'),
  row('POST /api/streams/:id/start', 'id with symbols', 'id', { path: '/api/streams/bad!id/start' }),
  row('POST /api/streams/:id/start', 'id 65 chars', 'id', { path: `/api/streams/${big(65, 'a')}/start` }),
  row('POST /api/streams/:id/start', 'broken percent-encoding in the id', 'path', { path: '/api/streams/%zz/start' }),
  row('POST /api/streams/:id/start', 'extra unknown key on a route without a body', 'at', { json: { at: 0 } }),
  ...bodyRows('POST /api/streams/:id/end'),
  row('POST /api/streams/:id/end', 'id with symbols', 'id', { path: '/api/streams/bad!id/end' }),
  row('POST /api/streams/:id/end', 'extra unknown key on a route without a body', 'reason', { json: { reason: 'done' } }),
  row('GET /api/streams', 'unknown status', 'status', { path: '/api/streams?status=bogus' }),
  row('GET /api/streams', 'status given twice', 'status', { path: '/api/streams?status=live&status=ended' }),
  row('GET /api/streams/:id', 'id with symbols', 'id', { path: '/api/streams/bad!id' }),
  row('GET /api/streams/:id', 'id with accents', 'id', { path: '/api/streams/%C3%A9t%C3%A9' }),
  row('GET /api/streams/:id', 'id 65 chars', 'id', { path: `/api/streams/${big(65, 'a')}` }),
  row('GET /api/streams/:id', 'broken percent-encoding in the id', 'path', { path: '/api/streams/%E0%A4%A' }),
  // member
  row('GET /api/me', 'malformed JSON body on a GET', 'body', { raw: { body: '{' } }),
  row('GET /api/me/export', 'malformed JSON body on a GET', 'body', { raw: { body: '{' } }),
  // deleting the account: refused before any password check, so the member (and the snapshot) stay
  ...bodyRows('DELETE /api/me'),
  row('DELETE /api/me', 'missing body', 'body'),
  row('DELETE /api/me', 'neither password nor assertion', 'password', { json: {} }),
  row('DELETE /api/me', 'both password and assertion', 'password', { json: { password: 'long enough pw', assertion: 'x.y.z' } }),
  row('DELETE /api/me', 'empty password', 'password', { json: { password: '' } }),
  row('DELETE /api/me', 'password 201 chars', 'password', { json: { password: big(201) } }),
  row('DELETE /api/me', 'number for the password', 'password', { json: { password: 12345678 } }),
  row('DELETE /api/me', 'assertion 4097 chars', 'assertion', { json: { assertion: big(4097) } }),
  row('DELETE /api/me', 'extra unknown key', 'confirm', { json: { password: 'long enough pw', confirm: true } }),
  row('GET /api/me/ledger', 'limit=0', 'limit', { path: '/api/me/ledger?limit=0' }),
  row('GET /api/me/ledger', 'limit=abc', 'limit', { path: '/api/me/ledger?limit=abc' }),
  row('GET /api/me/ledger', 'limit=201', 'limit', { path: '/api/me/ledger?limit=201' }),
  row('GET /api/me/ledger', 'limit=1.5', 'limit', { path: '/api/me/ledger?limit=1.5' }),
  row('GET /api/me/ledger', 'empty limit', 'limit', { path: '/api/me/ledger?limit=' }),
  row('GET /api/me/ledger', 'limit given twice', 'limit', { path: '/api/me/ledger?limit=1&limit=2' }),
  row('GET /api/me/ledger', 'cursor 129 chars', 'before', { path: `/api/me/ledger?before=${big(129)}` }),
  row('GET /api/me/ledger', 'cursor that is not a cursor', 'before', { path: '/api/me/ledger?before=garbage' }),
  row('GET /api/leaderboard', 'limit=0', 'limit', { path: '/api/leaderboard?limit=0' }),
  row('GET /api/leaderboard', 'limit=abc', 'limit', { path: '/api/leaderboard?limit=abc' }),
  row('GET /api/leaderboard', 'limit=101', 'limit', { path: '/api/leaderboard?limit=101' }),
  row('GET /api/leaderboard', 'streamId with symbols', 'streamId', { path: '/api/leaderboard?streamId=bad!id' }),
  row('GET /api/leaderboard', 'streamId 65 chars', 'streamId', { path: `/api/leaderboard?streamId=${big(65, 'a')}` }),
  row('GET /api/rules', 'malformed JSON body on a GET', 'body', { raw: { body: '[1,' } }),
  // rules
  ...bodyRows('PUT /api/rules'),
  row('PUT /api/rules', 'missing body', 'body'),
  row('PUT /api/rules', 'negative watch points', 'watch.points', { json: rulesWith({ watch: { ...RULES.watch, points: -1 } }) }),
  row('PUT /api/rules', 'fractional watch period', 'watch.everySeconds', { json: rulesWith({ watch: { ...RULES.watch, everySeconds: 1.5 } }) }),
  row('PUT /api/rules', 'zero watch period', 'watch.everySeconds', { json: rulesWith({ watch: { ...RULES.watch, everySeconds: 0 } }) }),
  row('PUT /api/rules', 'heartbeat over 300 s', 'watch.heartbeatSeconds', { json: rulesWith({ watch: { ...RULES.watch, heartbeatSeconds: 301 } }) }),
  row('PUT /api/rules', 'unknown key inside watch', 'watch.bonus', { json: rulesWith({ watch: { ...RULES.watch, bonus: 5 } }) }),
  row('PUT /api/rules', 'array for the watch object', 'watch', { json: rulesWith({ watch: [] }) }),
  row('PUT /api/rules', 'boolean for like points', 'like.points', { json: rulesWith({ like: { points: true, maxPerStream: 5 } }) }),
  row('PUT /api/rules', 'string for comment window', 'comment.windowSeconds', {
    json: rulesWith({ comment: { ...RULES.comment, windowSeconds: '600' } }),
  }),
  row('PUT /api/rules', 'missing share section', 'share', { json: withoutShare }),
  row('PUT /api/rules', 'a blank blocked word', 'comment.blockedWords.1', {
    json: rulesWith({ comment: { ...RULES.comment, blockedWords: ['spam', '  '] } }),
  }),
  row('PUT /api/rules', 'a string for the blocked words', 'comment.blockedWords', {
    json: rulesWith({ comment: { ...RULES.comment, blockedWords: 'spam' } }),
  }),
  row('PUT /api/rules', 'a room ceiling of 0', 'comment.roomPerSecond', { json: rulesWith({ comment: { ...RULES.comment, roomPerSecond: 0 } }) }),
  row('PUT /api/rules', 'unknown time zone', 'timezone', { json: rulesWith({ timezone: 'Mars/Olympus_Mons' }) }),
  row('PUT /api/rules', 'number for the time zone', 'timezone', { json: rulesWith({ timezone: 8 }) }),
  row('PUT /api/rules', 'tiers not ascending', 'tiers', { json: rulesWith({ tiers: [BRONZE, GOLD, SILVER] }) }),
  row('PUT /api/rules', 'first tier above 0 points', 'tiers', { json: rulesWith({ tiers: [SILVER, GOLD] }) }),
  row('PUT /api/rules', 'duplicate tier ids', 'tiers', { json: rulesWith({ tiers: [BRONZE, { ...SILVER, id: 'bronze' }] }) }),
  row('PUT /api/rules', 'no tiers', 'tiers', { json: rulesWith({ tiers: [] }) }),
  row('PUT /api/rules', '21 tiers', 'tiers', {
    json: rulesWith({ tiers: Array.from({ length: 21 }, (_, i) => ({ ...BRONZE, id: `t${i}`, minPoints: i * 10 })) }),
  }),
  row('PUT /api/rules', 'object for the tiers array', 'tiers', { json: rulesWith({ tiers: { bronze: BRONZE } }) }),
  row('PUT /api/rules', 'string multiplier in a tier', 'tiers.1.multiplier', { json: rulesWith({ tiers: [BRONZE, { ...SILVER, multiplier: '1.2' }, GOLD] }) }),
  row('PUT /api/rules', 'upper-case tier id', 'tiers.0.id', { json: rulesWith({ tiers: [{ ...BRONZE, id: 'Bronze' }, SILVER, GOLD] }) }),
  row('PUT /api/rules', 'unknown key inside a tier', 'tiers.2.color', { json: rulesWith({ tiers: [BRONZE, SILVER, { ...GOLD, color: '#fc0' }] }) }),
  row('PUT /api/rules', 'super fan needs more days than the window', 'superFan.minActiveDays', {
    json: rulesWith({ superFan: { days: 30, minActiveDays: 31 } }),
  }),
  row('PUT /api/rules', 'extra unknown top-level key', 'version', { json: { ...RULES, version: 2 } }),
  // drops
  ...bodyRows('POST /api/streams/:id/drops'),
  row('POST /api/streams/:id/drops', 'missing body', 'body'),
  ...idRows('POST /api/streams/:id/drops', (id) => `/api/streams/${id}/drops`),
  row('POST /api/streams/:id/drops', 'missing title', 'title', { json: without(drop({}), 'title') }),
  row('POST /api/streams/:id/drops', 'blank title', 'title', { json: drop({ title: '   ' }) }),
  row('POST /api/streams/:id/drops', 'title 121 chars', 'title', { json: drop({ title: big(121) }) }),
  row('POST /api/streams/:id/drops', 'description 2001 chars', 'description', { json: drop({ description: big(2001) }) }),
  row('POST /api/streams/:id/drops', 'javascript: image URL', 'imageUrl', { json: drop({ imageUrl: 'javascript:alert(1)' }) }),
  row('POST /api/streams/:id/drops', 'missing price', 'priceCents', { json: without(drop({}), 'priceCents') }),
  row('POST /api/streams/:id/drops', 'negative price', 'priceCents', { json: drop({ priceCents: -1 }) }),
  row('POST /api/streams/:id/drops', 'fractional cents', 'priceCents', { json: drop({ priceCents: 99.5 }) }),
  row('POST /api/streams/:id/drops', 'string for the price', 'priceCents', { json: drop({ priceCents: '1200' }) }),
  row('POST /api/streams/:id/drops', 'price over the limit', 'priceCents', { json: drop({ priceCents: 100_000_000_01 }) }),
  row('POST /api/streams/:id/drops', 'negative member price', 'memberPriceCents', { json: drop({ memberPriceCents: -5 }) }),
  row('POST /api/streams/:id/drops', 'lower-case currency', 'currency', { json: drop({ currency: 'twd' }) }),
  row('POST /api/streams/:id/drops', 'missing stock', 'stock', { json: without(drop({}), 'stock') }),
  row('POST /api/streams/:id/drops', 'zero stock', 'stock', { json: drop({ stock: 0 }) }),
  row('POST /api/streams/:id/drops', 'negative stock', 'stock', { json: drop({ stock: -10 }) }),
  row('POST /api/streams/:id/drops', 'stock over a million', 'stock', { json: drop({ stock: 1_000_001 }) }),
  row('POST /api/streams/:id/drops', 'fractional stock', 'stock', { json: drop({ stock: 2.5 }) }),
  row('POST /api/streams/:id/drops', 'zero per-member limit', 'perMemberLimit', { json: drop({ perMemberLimit: 0 }) }),
  row('POST /api/streams/:id/drops', 'string per-member limit', 'perMemberLimit', { json: drop({ perMemberLimit: '1' }) }),
  row('POST /api/streams/:id/drops', 'negative opening time', 'opensAt', { json: drop({ opensAt: -1 }) }),
  row('POST /api/streams/:id/drops', 'date string for the opening time', 'opensAt', { json: drop({ opensAt: '2026-11-23T04:00:00Z' }) }),
  row('POST /api/streams/:id/drops', 'upper-case minTier', 'minTier', { json: drop({ minTier: 'Gold' }) }),
  row('POST /api/streams/:id/drops', 'minTier that is no tier', 'minTier', { json: drop({ minTier: 'platinum' }) }),
  row('POST /api/streams/:id/drops', 'reservation under 10 s', 'reservationSeconds', { json: drop({ reservationSeconds: 5 }) }),
  row('POST /api/streams/:id/drops', 'reservation over a day', 'reservationSeconds', { json: drop({ reservationSeconds: 86_401 }) }),
  row('POST /api/streams/:id/drops', 'extra unknown key (remaining)', 'remaining', { json: drop({ remaining: 1_000 }) }),
  ...idRows('GET /api/streams/:id/drops', (id) => `/api/streams/${id}/drops`),
  ...idRows('GET /api/drops/:id', (id) => `/api/drops/${id}`),
  row('GET /api/drops/:id', 'malformed JSON body on a GET', 'body', { raw: { body: '{"remaining":' } }),
  ...bodyRows('POST /api/drops/:id/close'),
  ...idRows('POST /api/drops/:id/close', (id) => `/api/drops/${id}/close`),
  row('POST /api/drops/:id/close', 'extra unknown key on a route without a body', 'at', { json: { at: 0 } }),
  ...bodyRows('POST /api/claims/:id/confirm'),
  ...idRows('POST /api/claims/:id/confirm', (id) => `/api/claims/${id}/confirm`),
  row('POST /api/claims/:id/confirm', 'extra unknown key on a route without a body', 'status', { json: { status: 'confirmed' } }),
  ...bodyRows('POST /api/claims/:id/release'),
  ...idRows('POST /api/claims/:id/release', (id) => `/api/claims/${id}/release`),
  row('POST /api/claims/:id/release', 'extra unknown key on a route without a body', 'status', { json: { status: 'cancelled' } }),
  row('GET /api/me/claims', 'malformed JSON body on a GET', 'body', { raw: { body: '{' } }),
  // lotteries
  ...bodyRows('POST /api/streams/:id/lotteries'),
  row('POST /api/streams/:id/lotteries', 'missing body', 'body'),
  ...idRows('POST /api/streams/:id/lotteries', (id) => `/api/streams/${id}/lotteries`),
  row('POST /api/streams/:id/lotteries', 'blank title', 'title', { json: lottery({ title: ' ' }) }),
  row('POST /api/streams/:id/lotteries', 'missing prize', 'prize', { json: without(lottery({}), 'prize') }),
  row('POST /api/streams/:id/lotteries', 'prize 201 chars', 'prize', { json: lottery({ prize: big(201) }) }),
  row('POST /api/streams/:id/lotteries', 'zero winners', 'winners', { json: lottery({ winners: 0 }) }),
  row('POST /api/streams/:id/lotteries', '1001 winners', 'winners', { json: lottery({ winners: 1001 }) }),
  row('POST /api/streams/:id/lotteries', 'fractional winners', 'winners', { json: lottery({ winners: 1.5 }) }),
  row('POST /api/streams/:id/lotteries', 'minTier that is no tier', 'minTier', { json: lottery({ minTier: 'platinum' }) }),
  row('POST /api/streams/:id/lotteries', 'negative entry cost', 'entryCostPoints', { json: lottery({ entryCostPoints: -10 }) }),
  row('POST /api/streams/:id/lotteries', 'string for requireWatching', 'requireWatching', { json: lottery({ requireWatching: 'yes' }) }),
  row('POST /api/streams/:id/lotteries', 'closing time in the past', 'closesAt', { json: lottery({ closesAt: 1 }) }),
  row('POST /api/streams/:id/lotteries', 'extra unknown key (a chosen seed)', 'seed', { json: lottery({ seed: '00'.repeat(32) }) }),
  row('POST /api/streams/:id/lotteries', 'odds that are neither tier nor equal', 'odds', { json: lottery({ odds: 'rigged' }) }),
  row('POST /api/streams/:id/lotteries', 'free entry with a cost', 'entryCostPoints', { json: lottery({ freeEntry: true, entryCostPoints: 5 }) }),
  row('POST /api/streams/:id/lotteries', 'free entry that requires watching', 'requireWatching', { json: lottery({ freeEntry: true, requireWatching: true }) }),
  row('POST /api/streams/:id/lotteries', 'excluding the last 51 draws', 'excludeRecentWinners', { json: lottery({ excludeRecentWinners: 51 }) }),
  row('POST /api/streams/:id/lotteries', 'negative account age', 'minAccountAgeDays', { json: lottery({ minAccountAgeDays: -1 }) }),
  row('POST /api/streams/:id/lotteries', 'a claim window of 0 hours', 'claimWindowHours', { json: lottery({ claimWindowHours: 0 }) }),
  ...idRows('GET /api/streams/:id/lotteries', (id) => `/api/streams/${id}/lotteries`),
  ...idRows('GET /api/lotteries/:id', (id) => `/api/lotteries/${id}`),
  ...bodyRows('POST /api/lotteries/:id/draw'),
  ...idRows('POST /api/lotteries/:id/draw', (id) => `/api/lotteries/${id}/draw`),
  row('POST /api/lotteries/:id/draw', 'extra unknown key (the winners)', 'winners', { json: { winners: [MEMBER_ID] } }),
  // ---- the rewards store (issue 13) ----
  ...bodyRows('POST /api/rewards'),
  row('POST /api/rewards', 'missing body', 'body'),
  row('POST /api/rewards', 'a kind that is none of the five', 'kind', { json: reward({ kind: 'voucher' }) }),
  row('POST /api/rewards', 'a coupon without its code mode', 'codeMode', { json: reward({ codeMode: undefined }) }),
  row('POST /api/rewards', 'a shared code without the code', 'sharedCode', { json: reward({ codeMode: 'shared' }) }),
  row('POST /api/rewards', 'negative price', 'pricePoints', { json: reward({ pricePoints: -1 }) }),
  row('POST /api/rewards', 'blank title', 'title', { json: reward({ title: ' ' }) }),
  row('POST /api/rewards', 'a period that is not day, week or month', 'periodLimit.period', { json: reward({ periodLimit: { period: 'year', count: 1 } }) }),
  row('POST /api/rewards', 'extra unknown key (stock already taken)', 'taken', { json: reward({ taken: 3 }) }),
  ...bodyRows('PATCH /api/rewards/:id'),
  ...idRows('PATCH /api/rewards/:id', (id) => `/api/rewards/${id}`),
  row('PATCH /api/rewards/:id', 'negative stock', 'stock', { json: { stock: -1 } }),
  row('PATCH /api/rewards/:id', 'changing the kind', 'kind', { json: { kind: 'credit' } }),
  ...bodyRows('POST /api/rewards/:id/codes'),
  ...idRows('POST /api/rewards/:id/codes', (id) => `/api/rewards/${id}/codes`),
  row('POST /api/rewards/:id/codes', 'no codes', 'codes', { json: { codes: [] } }),
  row('POST /api/rewards/:id/codes', 'a string for the codes', 'codes', { json: { codes: 'A1,A2' } }),
  row('GET /api/rewards', 'malformed JSON body on a GET', 'body', { raw: { body: '{' } }),
  ...bodyRows('POST /api/rewards/:id/redeem'),
  ...idRows('POST /api/rewards/:id/redeem', (id) => `/api/rewards/${id}/redeem`),
  row('POST /api/rewards/:id/redeem', 'missing requestId', 'requestId', { json: {} }),
  row('POST /api/rewards/:id/redeem', 'extra unknown key (a price)', 'pricePoints', { json: { requestId: 'r1', pricePoints: 0 } }),
  row('GET /api/me/redemptions', 'malformed JSON body on a GET', 'body', { raw: { body: '{' } }),
  row('GET /api/redemptions', 'unknown status', 'status', { path: '/api/redemptions?status=lost' }),
  ...bodyRows('POST /api/redemptions/:id/fulfil'),
  ...idRows('POST /api/redemptions/:id/fulfil', (id) => `/api/redemptions/${id}/fulfil`),
  row('POST /api/redemptions/:id/fulfil', 'extra unknown key (a code)', 'code', { json: { code: 'X' } }),
  ...bodyRows('POST /api/redemptions/:id/reject'),
  ...idRows('POST /api/redemptions/:id/reject', (id) => `/api/redemptions/${id}/reject`),
  row('POST /api/redemptions/:id/reject', 'extra unknown key (points)', 'points', { json: { points: 5 } }),
  row('GET /api/webhooks/outbound', 'malformed JSON body on a GET', 'body', { raw: { body: '{' } }),
  row('GET /api/me/birthday', 'malformed JSON body on a GET', 'body', { raw: { body: '{' } }),
  ...bodyRows('PUT /api/me/birthday'),
  row('PUT /api/me/birthday', 'month 13', 'month', { json: { month: 13, day: 1 } }),
  row('PUT /api/me/birthday', 'missing day', 'day', { json: { month: 5 } }),
  row('PUT /api/me/birthday', 'a year too (nobody needs it)', 'year', { json: { month: 5, day: 1, year: 1990 } }),
  ...bodyRows('POST /api/lotteries/:id/cancel'),
  ...idRows('POST /api/lotteries/:id/cancel', (id) => `/api/lotteries/${id}/cancel`),
  row('POST /api/lotteries/:id/cancel', 'extra unknown key on a route without a body', 'reason', { json: { reason: 'no stock' } }),
  ...idRows('GET /api/lotteries/:id/proof', (id) => `/api/lotteries/${id}/proof`),
  // moderation
  ...bodyRows('DELETE /api/comments/:id'),
  ...idRows('DELETE /api/comments/:id', (id) => `/api/comments/${id}`),
  row('DELETE /api/comments/:id', 'extra unknown key on a route without a body', 'reason', { json: { reason: 'rude' } }),
  ...bodyRows('POST /api/streams/:id/mutes'),
  row('POST /api/streams/:id/mutes', 'missing body', 'body'),
  ...idRows('POST /api/streams/:id/mutes', (id) => `/api/streams/${id}/mutes`),
  row('POST /api/streams/:id/mutes', 'missing memberId', 'memberId', { json: { seconds: 60 } }),
  row('POST /api/streams/:id/mutes', 'memberId with symbols', 'memberId', { json: { memberId: 'a b!', seconds: 60 } }),
  row('POST /api/streams/:id/mutes', 'missing seconds', 'seconds', { json: { memberId: MEMBER_ID } }),
  row('POST /api/streams/:id/mutes', 'negative seconds', 'seconds', { json: { memberId: MEMBER_ID, seconds: -1 } }),
  row('POST /api/streams/:id/mutes', 'seconds over a day', 'seconds', { json: { memberId: MEMBER_ID, seconds: 86_401 } }),
  row('POST /api/streams/:id/mutes', 'fractional seconds', 'seconds', { json: { memberId: MEMBER_ID, seconds: 1.5 } }),
  row('POST /api/streams/:id/mutes', 'string for seconds', 'seconds', { json: { memberId: MEMBER_ID, seconds: '60' } }),
  row('POST /api/streams/:id/mutes', 'extra unknown key', 'streamId', { json: { memberId: MEMBER_ID, seconds: 60, streamId: LIVE } }),
  ...idRows('GET /api/streams/:id/moderation', (id) => `/api/streams/${id}/moderation`),
  row('GET /api/streams/:id/moderation', 'malformed JSON body on a GET', 'body', { raw: { body: '{' } }),
  ...bodyRows('PUT /api/streams/:id/moderation'),
  row('PUT /api/streams/:id/moderation', 'missing body', 'body'),
  ...idRows('PUT /api/streams/:id/moderation', (id) => `/api/streams/${id}/moderation`),
  row('PUT /api/streams/:id/moderation', 'missing slowModeSeconds', 'slowModeSeconds', { json: {} }),
  row('PUT /api/streams/:id/moderation', 'negative slow mode', 'slowModeSeconds', { json: { slowModeSeconds: -5 } }),
  row('PUT /api/streams/:id/moderation', 'slow mode over 10 minutes', 'slowModeSeconds', { json: { slowModeSeconds: 601 } }),
  row('PUT /api/streams/:id/moderation', 'string for slow mode', 'slowModeSeconds', { json: { slowModeSeconds: '30' } }),
  row('PUT /api/streams/:id/moderation', 'extra unknown key', 'roomPerSecond', { json: { slowModeSeconds: 30, roomPerSecond: 1 } }),
  ...bodyRows('POST /api/members/:id/ban'),
  ...idRows('POST /api/members/:id/ban', (id) => `/api/members/${id}/ban`),
  row('POST /api/members/:id/ban', 'extra unknown key on a route without a body', 'reason', { json: { reason: 'spam' } }),
  ...bodyRows('DELETE /api/members/:id/ban'),
  ...idRows('DELETE /api/members/:id/ban', (id) => `/api/members/${id}/ban`),
  row('DELETE /api/members/:id/ban', 'extra unknown key on a route without a body', 'all', { json: { all: true } }),
  // the order webhook, always with a valid signature over the bytes sent
  row(WEBHOOK, 'non-JSON body', 'body', { raw: { body: '{"orderId": nope' }, signed: true }),
  row(WEBHOOK, 'empty body', 'body', { raw: { body: '' }, signed: true }),
  row(WEBHOOK, 'body over the size limit', 'body', { json: order({ filler: big(OVER_LIMIT) }), signed: true }),
  row(WEBHOOK, 'a JSON number as the body', 'body', { raw: { body: '42' }, signed: true }),
  row(WEBHOOK, 'JSON null as the body', 'body', { raw: { body: 'null' }, signed: true }),
  row(WEBHOOK, 'a JSON string as the body', 'body', { raw: { body: '"hello"' }, signed: true }),
  row(WEBHOOK, 'an array for the body object', 'body', { json: [order({})], signed: true }),
  row(WEBHOOK, 'a gzip body that is not gzip', 'body', { raw: { body: 'not gzip at all', encoding: 'gzip' }, signed: true }),
  row(WEBHOOK, 'missing orderId', 'orderId', { json: without(order({}), 'orderId'), signed: true }),
  row(WEBHOOK, 'empty orderId', 'orderId', { json: order({ orderId: '' }), signed: true }),
  row(WEBHOOK, 'orderId 129 chars', 'orderId', { json: order({ orderId: big(129) }), signed: true }),
  row(WEBHOOK, 'number for the orderId', 'orderId', { json: order({ orderId: 1001 }), signed: true }),
  row(WEBHOOK, 'missing amountCents', 'amountCents', { json: without(order({}), 'amountCents'), signed: true }),
  row(WEBHOOK, 'negative amountCents', 'amountCents', { json: order({ amountCents: -100 }), signed: true }),
  row(WEBHOOK, 'fractional amountCents', 'amountCents', { json: order({ amountCents: 100.5 }), signed: true }),
  row(WEBHOOK, 'string for amountCents', 'amountCents', { json: order({ amountCents: '500000' }), signed: true }),
  row(WEBHOOK, 'amountCents over the limit', 'amountCents', { json: order({ amountCents: 100_000_000_01 }), signed: true }),
  row(WEBHOOK, 'missing currency', 'currency', { json: without(order({}), 'currency'), signed: true }),
  row(WEBHOOK, 'lower-case currency', 'currency', { json: order({ currency: 'twd' }), signed: true }),
  row(WEBHOOK, 'number for the currency', 'currency', { json: order({ currency: 901 }), signed: true }),
  row(WEBHOOK, 'both memberId and externalId', 'memberId', { json: order({ externalId: GHOST_CUSTOMER }), signed: true }),
  row(WEBHOOK, 'neither memberId nor externalId', 'memberId', { json: without(order({}), 'memberId'), signed: true }),
  row(WEBHOOK, 'memberId with symbols', 'memberId', { json: order({ memberId: 'bad!id' }), signed: true }),
  row(WEBHOOK, 'blank externalId', 'externalId', { json: order({ memberId: undefined, externalId: '   ' }), signed: true }),
  row(WEBHOOK, 'claimId with symbols', 'claimId', { json: order({ claimId: 'bad!id' }), signed: true }),
  row(WEBHOOK, 'claimId of no claim', 'claimId', { json: order({ claimId: 'no-such-claim' }), signed: true }),
  row(WEBHOOK, "claimId of another member's claim", 'claimId', { json: order({ memberId: OTHER_MEMBER_ID, claimId: CLAIM }), signed: true }),
  row(WEBHOOK, 'claimId of no claim for a shop customer not seen yet', 'claimId', {
    json: order({ memberId: undefined, externalId: GHOST_CUSTOMER, claimId: 'no-such-claim' }),
    signed: true,
  }),
  row(WEBHOOK, "a member's claim for a shop customer not seen yet", 'claimId', {
    json: order({ memberId: undefined, externalId: GHOST_CUSTOMER, claimId: CLAIM }),
    signed: true,
  }),
  row(WEBHOOK, 'negative paidAt', 'paidAt', { json: order({ paidAt: -1 }), signed: true }),
  row(WEBHOOK, 'extra unknown key (points)', 'points', { json: order({ points: 1_000_000 }), signed: true }),
  // refunds (signed like orders)
  row(REFUNDS, 'non-JSON body', 'body', { raw: { body: '{"refundId": nope' }, signed: true }),
  row(REFUNDS, 'empty body', 'body', { raw: { body: '' }, signed: true }),
  row(REFUNDS, 'body over the size limit', 'body', { json: refund({ filler: big(OVER_LIMIT) }), signed: true }),
  row(REFUNDS, 'a JSON number as the body', 'body', { raw: { body: '42' }, signed: true }),
  row(REFUNDS, 'an array for the body object', 'body', { json: [refund({})], signed: true }),
  row(REFUNDS, 'missing refundId', 'refundId', { json: without(refund({}), 'refundId'), signed: true }),
  row(REFUNDS, 'empty refundId', 'refundId', { json: refund({ refundId: '' }), signed: true }),
  row(REFUNDS, 'refundId 129 chars', 'refundId', { json: refund({ refundId: big(129) }), signed: true }),
  row(REFUNDS, 'missing orderId', 'orderId', { json: without(refund({}), 'orderId'), signed: true }),
  row(REFUNDS, 'number for the orderId', 'orderId', { json: refund({ orderId: 1001 }), signed: true }),
  row(REFUNDS, 'zero amountCents', 'amountCents', { json: refund({ amountCents: 0 }), signed: true }),
  row(REFUNDS, 'negative amountCents', 'amountCents', { json: refund({ amountCents: -100 }), signed: true }),
  row(REFUNDS, 'fractional amountCents', 'amountCents', { json: refund({ amountCents: 100.5 }), signed: true }),
  row(REFUNDS, 'string for amountCents', 'amountCents', { json: refund({ amountCents: '500' }), signed: true }),
  row(REFUNDS, 'amountCents over the limit', 'amountCents', { json: refund({ amountCents: 100_000_000_01 }), signed: true }),
  row(REFUNDS, 'extra unknown key (points)', 'points', { json: refund({ points: 10 }), signed: true }),
];

// ---- socket table ----

const LIVE_EVENTS = [
  'stream:join',
  'stream:leave',
  'watch:heartbeat',
  'watch:chest',
  'interact',
  'share:link',
  'drop:claim',
  'lottery:enter',
  'lottery:claim',
  'session:upgrade',
] as const;
type LiveEvent = (typeof LIVE_EVENTS)[number];

/** `NO_PAYLOAD`: the event is emitted with the ack as its only argument. */
const NO_PAYLOAD = Symbol('no payload');

interface SocketRow {
  event: LiveEvent;
  what: string;
  payload: unknown;
  field: string;
}

const NOT_OBJECTS: Array<[string, unknown]> = [
  ['no payload at all', NO_PAYLOAD],
  ['a number', 42],
  ['null', null],
  ['a string', 'stream-1'],
  ['a boolean', true],
  ['an array', [LIVE]],
];

const SOCKET_ROWS: SocketRow[] = [
  ...LIVE_EVENTS.flatMap((event) => NOT_OBJECTS.map(([what, payload]) => ({ event, what, payload, field: 'payload' }))),
  { event: 'stream:join', what: 'missing streamId', payload: {}, field: 'streamId' },
  { event: 'stream:join', what: 'empty streamId', payload: { streamId: '' }, field: 'streamId' },
  { event: 'stream:join', what: 'streamId 65 chars', payload: { streamId: big(65, 'a') }, field: 'streamId' },
  { event: 'stream:join', what: 'streamId with a slash', payload: { streamId: '../admin' }, field: 'streamId' },
  { event: 'stream:join', what: 'number for the streamId', payload: { streamId: 42 }, field: 'streamId' },
  { event: 'stream:join', what: 'ref with spaces', payload: { streamId: LIVE, ref: 'not an id' }, field: 'ref' },
  { event: 'stream:join', what: 'extra unknown key', payload: { streamId: LIVE, as: 'host' }, field: 'as' },
  { event: 'stream:leave', what: 'array for the streamId', payload: { streamId: [LIVE] }, field: 'streamId' },
  { event: 'stream:leave', what: 'extra unknown key', payload: { streamId: LIVE, all: true }, field: 'all' },
  { event: 'watch:heartbeat', what: 'number for visible', payload: { streamId: LIVE, visible: 1, playing: true }, field: 'visible' },
  { event: 'watch:heartbeat', what: 'string for playing', payload: { streamId: LIVE, visible: true, playing: 'yes' }, field: 'playing' },
  { event: 'watch:heartbeat', what: 'missing visible', payload: { streamId: LIVE, playing: true }, field: 'visible' },
  { event: 'watch:heartbeat', what: 'null streamId', payload: { streamId: null, visible: true, playing: true }, field: 'streamId' },
  {
    event: 'watch:heartbeat',
    what: 'extra unknown key (a claimed duration)',
    payload: { streamId: LIVE, visible: true, playing: true, watchedMs: 3_600_000 },
    field: 'watchedMs',
  },
  { event: 'watch:chest', what: 'object for the streamId', payload: { streamId: { id: LIVE } }, field: 'streamId' },
  { event: 'watch:chest', what: 'extra unknown key', payload: { streamId: LIVE, n: 2 }, field: 'n' },
  { event: 'interact', what: 'unknown kind', payload: { streamId: LIVE, kind: 'gift' }, field: 'kind' },
  { event: 'interact', what: 'missing kind', payload: { streamId: LIVE }, field: 'kind' },
  { event: 'interact', what: 'number for the kind', payload: { streamId: LIVE, kind: 1 }, field: 'kind' },
  { event: 'interact', what: 'missing streamId', payload: { kind: 'like' }, field: 'streamId' },
  { event: 'interact', what: 'comment text 201 chars', payload: { streamId: LIVE, kind: 'comment', text: big(201) }, field: 'text' },
  { event: 'interact', what: 'blank comment text', payload: { streamId: LIVE, kind: 'comment', text: '   ' }, field: 'text' },
  { event: 'interact', what: 'number for the comment text', payload: { streamId: LIVE, kind: 'comment', text: 42 }, field: 'text' },
  { event: 'interact', what: 'text on a like (unknown key for that kind)', payload: { streamId: LIVE, kind: 'like', text: 'hi' }, field: 'text' },
  { event: 'interact', what: 'requestId with spaces', payload: { streamId: LIVE, kind: 'like', requestId: 'a b' }, field: 'requestId' },
  { event: 'interact', what: 'requestId 65 chars', payload: { streamId: LIVE, kind: 'checkin', requestId: big(65, 'r') }, field: 'requestId' },
  { event: 'interact', what: 'extra unknown key (points)', payload: { streamId: LIVE, kind: 'checkin', points: 1000 }, field: 'points' },
  { event: 'share:link', what: 'streamId 65 chars', payload: { streamId: big(65, 'a') }, field: 'streamId' },
  { event: 'share:link', what: 'extra unknown key', payload: { streamId: LIVE, ref: 'someone' }, field: 'ref' },
  { event: 'drop:claim', what: 'missing dropId', payload: { requestId: 'r1' }, field: 'dropId' },
  { event: 'drop:claim', what: 'empty dropId', payload: { dropId: '', requestId: 'r1' }, field: 'dropId' },
  { event: 'drop:claim', what: 'dropId with a slash', payload: { dropId: '../drops', requestId: 'r1' }, field: 'dropId' },
  { event: 'drop:claim', what: 'number for the dropId', payload: { dropId: 7, requestId: 'r1' }, field: 'dropId' },
  { event: 'drop:claim', what: 'missing requestId', payload: { dropId: DROP }, field: 'requestId' },
  { event: 'drop:claim', what: 'requestId with spaces', payload: { dropId: DROP, requestId: 'a b' }, field: 'requestId' },
  { event: 'drop:claim', what: 'requestId 65 chars', payload: { dropId: DROP, requestId: big(65, 'r') }, field: 'requestId' },
  { event: 'drop:claim', what: 'extra unknown key (a quantity)', payload: { dropId: DROP, requestId: 'r1', quantity: 5 }, field: 'quantity' },
  { event: 'lottery:enter', what: 'missing lotteryId', payload: {}, field: 'lotteryId' },
  { event: 'lottery:enter', what: 'lotteryId 65 chars', payload: { lotteryId: big(65, 'l') }, field: 'lotteryId' },
  { event: 'lottery:enter', what: 'array for the lotteryId', payload: { lotteryId: [LOTTERY] }, field: 'lotteryId' },
  { event: 'lottery:enter', what: 'extra unknown key (a weight)', payload: { lotteryId: LOTTERY, weight: 100 }, field: 'weight' },
  { event: 'lottery:claim', what: 'missing lotteryId', payload: {}, field: 'lotteryId' },
  { event: 'lottery:claim', what: 'number for the lotteryId', payload: { lotteryId: 7 }, field: 'lotteryId' },
  { event: 'lottery:claim', what: 'extra unknown key (a slot)', payload: { lotteryId: LOTTERY, slot: 0 }, field: 'slot' },
  { event: 'session:upgrade', what: 'empty token', payload: { token: '' }, field: 'token' },
  { event: 'session:upgrade', what: 'token 4097 chars', payload: { token: big(4097) }, field: 'token' },
  { event: 'session:upgrade', what: 'number for the token', payload: { token: 42 }, field: 'token' },
  { event: 'session:upgrade', what: 'missing token', payload: {}, field: 'token' },
  { event: 'session:upgrade', what: 'extra unknown key beside a valid token', payload: { token: MEMBER_TOKEN, role: 'host' }, field: 'role' },
];

/** A raw request (node:http, since fetch refuses a body on GET): status and parsed JSON body. */
function send(method: string, url: string, headers: Record<string, string>, body?: string): Promise<ApiReply> {
  return new Promise((resolve, reject) => {
    const framing = body === undefined ? {} : { 'content-length': String(Buffer.byteLength(body)) };
    const req = request(url, { method, headers: { ...headers, ...framing } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text ? JSON.parse(text) : undefined }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

// ---- the run ----

interface Snapshot {
  balance: number;
  ledger: unknown;
  rules: unknown;
  streams: unknown;
  /** Drops and lotteries of both shows, the member's claims. */
  perks: unknown;
}

describe('bad input gets VALIDATION naming the field, and changes nothing', () => {
  let running: RunningApp;
  let base: string;
  const tokens: Record<Who, string | undefined> = { guest: undefined, member: undefined, host: undefined };
  const fills = new Map<string, string>();
  let socket: Socket;
  let before: Snapshot;
  let overlayToken: string;
  let otherMemberToken: string;

  const fill = (value: unknown): unknown => {
    if (typeof value === 'string') return fills.get(value) ?? value;
    if (Array.isArray(value)) return value.map(fill);
    if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fill(v)]));
    return value;
  };

  const snapshot = async (): Promise<Snapshot> => {
    const [me, ledger, rules, streams, ...perks] = await Promise.all([
      api(base, 'GET', '/api/me', undefined, tokens.member),
      api(base, 'GET', '/api/me/ledger?limit=200', undefined, tokens.member),
      api(base, 'GET', '/api/rules'),
      api(base, 'GET', '/api/streams'),
      api(base, 'GET', `/api/streams/${fills.get(LIVE)}/drops`),
      api(base, 'GET', `/api/streams/${fills.get(SCHEDULED)}/drops`),
      api(base, 'GET', `/api/streams/${fills.get(LIVE)}/lotteries`),
      api(base, 'GET', `/api/streams/${fills.get(SCHEDULED)}/lotteries`),
      api(base, 'GET', '/api/me/claims', undefined, tokens.member),
      api(base, 'GET', '/api/me/claims', undefined, otherMemberToken),
    ]);
    for (const r of [me, ledger, rules, streams, ...perks]) expect(r.status).toBe(200);
    return { balance: me.body.balance, ledger: ledger.body, rules: rules.body, streams: streams.body, perks: perks.map((r) => r.body) };
  };

  beforeAll(async () => {
    running = await startApp();
    base = running.url;
    tokens.host = await hostToken(base);
    expect((await api(base, 'PUT', '/api/rules', RULES, tokens.host)).status).toBe(200);
    const live = await liveShow(base, tokens.host, 'Bad input live');
    const scheduled = await api(base, 'POST', '/api/streams', { title: 'Bad input scheduled' }, tokens.host);
    const overlay = await api(base, 'POST', '/api/overlay-tokens', undefined, tokens.host);
    overlayToken = overlay.body.token;
    const member = await ssoMember(base, 'bad-input-fan', 'Fan');
    tokens.member = member.token;
    const otherMember = await ssoMember(base, 'bad-input-other-fan', 'Other fan');
    otherMemberToken = otherMember.token;
    // Genuine in every other way (jti, iat, exp, aud): only the name is missing.
    const { name: _name, ...nameless } = shopClaims('bad-input-nameless', 'unused');
    const withoutName = await signShopClaims(nameless);
    fills
      .set(LIVE, live)
      .set(SCHEDULED, scheduled.body.stream.id)
      .set(OVERLAY, overlay.body.id)
      .set(MEMBER_TOKEN, member.token)
      .set(ASSERTION, await shopAssertion('bad-input-other', 'Other'))
      .set(ASSERTION_WITHOUT_NAME, withoutName)
      .set(MEMBER_ID, member.memberId)
      .set(OTHER_MEMBER_ID, otherMember.memberId);

    // The member has a balance and a ledger to lose.
    socket = await connect(base, '/live', { token: member.token });
    expect((await ask(socket, 'stream:join', { streamId: live })).ok).toBe(true);
    expect(await ask(socket, 'interact', { streamId: live, kind: 'checkin' })).toMatchObject({ ok: true, awarded: RULES.checkin.points });
    // A drop with one unit reserved by the member, and an open lottery nobody entered: the rows aim at them.
    const drop = await api(base, 'POST', `/api/streams/${live}/drops`, { title: 'Jade bracelet', priceCents: 120_000, stock: 5 }, tokens.host);
    expect(drop.status, JSON.stringify(drop.body)).toBe(201);
    const claimed = await ask(socket, 'drop:claim', { dropId: drop.body.drop.id, requestId: 'bad-input-claim' });
    expect(claimed.ok, JSON.stringify(claimed)).toBe(true);
    const lottery = await api(base, 'POST', `/api/streams/${live}/lotteries`, { title: 'Tea set', prize: 'A tea set', winners: 1, requireWatching: false }, tokens.host);
    expect(lottery.status, JSON.stringify(lottery.body)).toBe(201);
    fills.set(COMMENT, 'no-such-comment').set(REWARD, 'no-such-reward').set(REDEMPTION, 'no-such-redemption');
    fills.set(DROP, drop.body.drop.id).set(CLAIM, claimed.claim.id).set(LOTTERY, lottery.body.lottery.id);
    before = await snapshot();
    expect(before.balance).toBe(RULES.checkin.points);
  });

  afterAll(async () => {
    socket?.close();
    await running?.stop();
  });

  describe('over HTTP: 400 { error: { code: VALIDATION, message, field } }', () => {
    it.each(HTTP_ROWS.map((r) => [`${r.route} — ${r.what} → ${r.field}`, r] as const))('%s', async (_name, r) => {
      const [method, pattern] = r.route.split(' ') as [string, string];
      const { as, id } = ROUTES[r.route]!;
      const path = r.path ?? pattern.replace(':id', fills.get(id ?? '') ?? ':id');
      const headers: Record<string, string> = {};
      const token = tokens[as];
      if (token) headers.authorization = `Bearer ${token}`;
      let body: string | undefined;
      if (r.raw) {
        body = r.raw.body;
        headers['content-type'] = r.raw.type ?? 'application/json';
        if (r.raw.encoding) headers['content-encoding'] = r.raw.encoding;
      } else if (r.json !== undefined) {
        body = JSON.stringify(fill(r.json));
        headers['content-type'] = 'application/json';
      }
      if (r.signed) headers['x-frontrow-signature'] = `sha256=${createHmac('sha256', TEST_WEBHOOK_SECRET).update(body ?? '').digest('hex')}`;
      const reply = await send(method, `${base}${path}`, headers, body);
      expect(reply).toEqual({
        status: 400,
        body: { error: { code: 'VALIDATION', message: expect.stringMatching(/\S/), field: r.field } },
      });
    });

    it('the table covers every route', () => {
      const covered = new Set(HTTP_ROWS.map((r) => r.route));
      expect([...covered].sort()).toEqual(Object.keys(ROUTES).sort());
    });

    it('the webhook checks the signature before it reads the body: the same bad bodies unsigned are 401', async () => {
      for (const body of ['{"orderId": nope', '42', JSON.stringify({ orderId: 'x', amountCents: -1 })]) {
        const reply = await send('POST', `${base}/api/webhooks/orders`, { 'content-type': 'application/json' }, body);
        expect(reply, body).toEqual({ status: 401, body: { error: { code: 'UNAUTHENTICATED', message: expect.stringMatching(/\S/) } } });
      }
    });
  });

  describe('over the socket: ack { ok: false, error: { code: VALIDATION, field } }', () => {
    it.each(SOCKET_ROWS.map((r) => [`${r.event} — ${r.what} → ${r.field}`, r] as const))('%s', async (_name, r) => {
      const reply =
        r.payload === NO_PAYLOAD
          ? await socket.timeout(10_000).emitWithAck(r.event)
          : await ask(socket, r.event, fill(r.payload));
      expect(reply).toEqual({ ok: false, error: { code: 'VALIDATION', message: expect.stringMatching(/\S/), field: r.field } });
    });

    it('the table covers every client→server event with every non-object payload', () => {
      for (const event of LIVE_EVENTS) {
        const rows = SOCKET_ROWS.filter((r) => r.event === event);
        expect(rows.filter((r) => r.field === 'payload')).toHaveLength(NOT_OBJECTS.length);
        expect(rows.filter((r) => r.field !== 'payload').length).toBeGreaterThan(0);
      }
    });

    it('an event nobody handles is answered NOT_FOUND, not left hanging', async () => {
      expect(await ask(socket, 'points:grant', { points: 1_000_000 })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    });

    it('bad payloads sent without an ack are dropped without harm', async () => {
      for (const event of LIVE_EVENTS) for (const [, payload] of NOT_OBJECTS) if (payload !== NO_PAYLOAD) socket.emit(event, payload);
      // The socket is ordered: the next acked event is answered after all of them were handled.
      expect(await ask(socket, 'interact', { streamId: 7 })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
      expect(socket.connected).toBe(true);
    });
  });

  describe('on connect: connect_error { code: VALIDATION, field }', () => {
    const HANDSHAKES: Array<[string, Record<string, unknown>, string]> = [
      ['number for the token', { token: 42 }, 'token'],
      ['empty token', { token: '' }, 'token'],
      ['token 4097 chars', { token: big(4097) }, 'token'],
      ['object for the token', { token: { role: 'host' } }, 'token'],
      ['streamId 65 chars', { streamId: big(65, 'a') }, 'streamId'],
    ];
    it.each(HANDSHAKES)('/live with %s → %s', async (_what, auth, field) => {
      const s = io(`${base}/live`, { transports: ['websocket'], auth, reconnection: false, forceNew: true });
      const err = await new Promise<{ data?: unknown }>((resolve, reject) => {
        s.once('connect', () => reject(new Error('connected with a bad handshake')));
        s.once('connect_error', resolve);
      }).finally(() => s.close());
      expect(err.data).toEqual({ code: 'VALIDATION', message: expect.stringMatching(/\S/), field });
    });
  });

  it('a socket frame over the size limit closes that connection only', async () => {
    const other = await connect(base, '/live', { token: tokens.member! });
    const closed = new Promise<string>((resolve) => other.once('disconnect', resolve));
    other.emit('interact', { streamId: fills.get(LIVE), kind: 'comment', text: big(20 * 1024) });
    expect(await closed).toMatch(/close/);
    expect(socket.connected).toBe(true);
  });

  it('afterwards: the process is up, the same socket works, and nothing was half-written', async () => {
    expect(await api(base, 'GET', '/healthz')).toEqual({ status: 200, body: { ok: true } });
    expect(socket.connected).toBe(true);

    const after = await snapshot();
    expect(after).toEqual(before);
    expect((after.rules as { rules: Rules }).rules).toEqual(RULES);
    // The two shows are as they were: one live, one scheduled, no third.
    const shows = (after.streams as { streams: Array<{ id: string; status: string }> }).streams;
    expect(shows.map((s) => [s.id, s.status]).sort()).toEqual(
      [
        [fills.get(LIVE), 'live'],
        [fills.get(SCHEDULED), 'scheduled'],
      ].sort(),
    );
    // No row signed anyone up, and the overlay token the DELETE rows aimed at was not revoked.
    expect((await api(base, 'POST', '/api/auth/login', { handle: GHOST, password: 'long enough pw' })).status).toBe(401);
    (await connect(base, '/overlay', { token: overlayToken })).close();
    // No drop or lottery was created, closed or drawn; the stock is what the one claim left; the claim is still only reserved.
    const [liveDrops, scheduledDrops, liveLotteries, scheduledLotteries, myClaims, otherClaims] = after.perks as any[];
    expect(liveDrops.drops.map((d: any) => [d.id, d.status, d.remaining])).toEqual([[fills.get(DROP), 'open', 4]]);
    expect(liveLotteries.lotteries.map((l: any) => [l.id, l.status, l.entries])).toEqual([[fills.get(LOTTERY), 'open', 0]]);
    expect([scheduledDrops.drops, scheduledLotteries.lotteries, otherClaims.claims]).toEqual([[], [], []]);
    expect(myClaims.claims.map((c: any) => [c.id, c.status])).toEqual([[fills.get(CLAIM), 'reserved']]);
    expect((await api(base, 'GET', `/api/lotteries/${fills.get(LOTTERY)}/proof`)).body.error.code).toBe('NOT_READY');
    // No webhook row created the shop customer it named, nor recorded its order.
    // (Asked of the store directly: creating the customer now must be a first creation.)
    const ghost = await running.app.services.store.findOrCreateByExternalId({
      id: 'ghost-probe',
      handle: null,
      displayName: 'Ghost',
      externalId: GHOST_CUSTOMER,
      passwordHash: null,
      createdAt: running.clock.now,
    });
    expect(ghost.created).toBe(true);

    const beat = await ask(socket, 'watch:heartbeat', { streamId: fills.get(LIVE), visible: true, playing: true });
    expect(beat).toMatchObject({ ok: true, awarded: 0 });
    expect((await api(base, 'GET', '/api/me', undefined, tokens.member)).body.balance).toBe(before.balance);
    // …and no webhook row recorded the order it carried: its first valid delivery (by the member's shop id, for
    // their claim) is the one that applies it.
    const delivered = await deliverOrder(base, {
      orderId: 'bad-input-order',
      externalId: 'bad-input-fan',
      amountCents: 0,
      currency: 'TWD',
      claimId: fills.get(CLAIM),
    });
    expect(delivered.body).toMatchObject({
      ok: true,
      created: true,
      points: 0,
      memberId: fills.get(MEMBER_ID),
      claim: { id: fills.get(CLAIM), status: 'confirmed' },
    });
  });
});
