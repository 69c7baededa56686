/**
 * Names and text at the real edges (issue 9): sign-up refuses a name holding a
 * bidi override or a zero-width character, or passing for the host, with a
 * VALIDATION error naming the field; a shop sign-in's name is cleaned instead
 * (the customer must get in); a comment loses such characters before the room
 * sees it. The rules themselves: test/unit/text-rules.test.ts.
 */
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommentEvent } from '../../shared/events.ts';
import { startApp, type RunningApp } from '../support/app-harness.ts';
import { SHOP_NAME_FALLBACK } from '../../shared/text.ts';
import { api, ask, connect, hostToken, liveShow, nextEvent, shopAssertion, ssoMember } from '../support/clients.ts';

const RLO = '\u202E';
const ZWSP = '\u200B';

describe('names and text at the edges', () => {
  let running: RunningApp;
  let base: string;
  const sockets: Socket[] = [];
  const signup = (body: Record<string, unknown>) => api(base, 'POST', '/api/auth/signup', { password: 'password 123', ...body });

  beforeAll(async () => {
    running = await startApp();
    base = running.url;
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    await running?.stop();
  });

  it.each([
    ['a right-to-left override', { handle: 'rlo-fan', displayName: `Ann${RLO}gnp.exe` }, 'displayName', /U\+202E/],
    ['a zero-width space', { handle: 'zw-fan', displayName: `Ho${ZWSP}st` }, 'displayName', /U\+200B/],
    ['NUL', { handle: 'nul-fan', displayName: 'Ann\u0000' }, 'displayName', /U\+0000/],
    ['the display name "HOST"', { handle: 'host-fan', displayName: 'HOST' }, 'displayName', /reserved/],
    ['the display name "Front Row"', { handle: 'fr-fan', displayName: 'Front Row' }, 'displayName', /reserved/],
    ['the handle "Admin"', { handle: 'Admin' }, 'handle', /reserved/],
  ])('sign-up refuses %s, naming the field, and creates nobody', async (_what, body, field, message) => {
    const res = await signup(body);
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'VALIDATION', field });
    expect(res.body.error.message).toMatch(message);
    const login = await api(base, 'POST', '/api/auth/login', { handle: body.handle, password: 'password 123' });
    expect(login.status).toBe(401);
  });

  it('sign-up keeps an ordinary name, NFC-normalised', async () => {
    const res = await signup({ handle: 'zoe-fan', displayName: ' Zoe\u0308  Chen ' });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.member.displayName).toBe('Zoë Chen');
  });

  it('a shop sign-in keeps its customer: the name is cleaned, and a reserved one replaced, never refused', async () => {
    const cleaned = await api(base, 'POST', '/api/auth/exchange', { assertion: await shopAssertion(`rlo-${Math.random()}`, `Ann${RLO}gnp${ZWSP}.exe`) });
    expect(cleaned.status, JSON.stringify(cleaned.body)).toBe(200);
    expect(cleaned.body.member.displayName).toBe('Anngnp.exe');
    const reserved = await api(base, 'POST', '/api/auth/exchange', { assertion: await shopAssertion(`host-${Math.random()}`, 'HOST') });
    expect(reserved.status, JSON.stringify(reserved.body)).toBe(200);
    expect(reserved.body.member.displayName).toBe(SHOP_NAME_FALLBACK);
  });

  it('a comment reaches the room without its invisible and direction-changing characters', async () => {
    const host = await hostToken(base);
    const streamId = await liveShow(base, host, 'Text show');
    const fan = await ssoMember(base, `text-fan-${Math.random()}`, 'Fan');
    const room = await connect(base, '/live', { token: fan.token });
    sockets.push(room);
    expect((await ask(room, 'stream:join', { streamId })).ok).toBe(true);
    const heard = nextEvent<CommentEvent>(room, 'comment');
    const reply = await ask(room, 'interact', { streamId, kind: 'comment', text: `great ${RLO}deal${ZWSP}!\u0007 👩‍💻` });
    expect(reply.ok, JSON.stringify(reply)).toBe(true);
    expect((await heard).text).toBe('great deal! 👩‍💻');
    // Nothing left after cleaning is an empty comment: refused, not sent.
    expect((await ask(room, 'interact', { streamId, kind: 'comment', text: `${ZWSP}${RLO}` })).error).toMatchObject({
      code: 'VALIDATION',
      field: 'text',
    });
  });
});
