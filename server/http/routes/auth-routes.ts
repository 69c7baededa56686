import { Router, type Request } from 'express';
import { EmptyBody, ExchangeBody, HostLoginBody, IdParams, LoginBody, OverlayTokenBody, SignupBody } from '../../../shared/schemas.ts';
import type { Services } from '../../services/services.ts';
import { parseInput } from '../../validation.ts';
import { bearerToken, hostOf, memberOf } from '../principal.ts';

export function authRoutes(s: Services): Router {
  const r = Router();
  r.post('/auth/signup', async (req, res) => {
    res.status(201).json(await s.auth.signup(parseInput(SignupBody, req.body), addressOf(req)));
  });
  r.post('/auth/login', async (req, res) => {
    res.json(await s.auth.login(parseInput(LoginBody, req.body), addressOf(req)));
  });
  r.post('/auth/host', async (req, res) => {
    res.json(await s.auth.hostLogin(parseInput(HostLoginBody, req.body).hostKey, addressOf(req)));
  });
  r.post('/auth/exchange', async (req, res) => {
    const { token, member } = await s.auth.exchange(parseInput(ExchangeBody, req.body).assertion, addressOf(req));
    res.json({ token, member });
  });
  // Sessions (issue 9): this one, or all of the member's.
  r.post('/auth/logout', async (req, res) => {
    memberOf(req);
    parseInput(EmptyBody, req.body);
    await s.auth.logout(bearerToken(req)!);
    res.status(204).end();
  });
  r.post('/auth/logout-all', async (req, res) => {
    const { memberId } = memberOf(req);
    parseInput(EmptyBody, req.body);
    await s.auth.logoutAll(memberId);
    res.status(204).end();
  });
  r.get('/overlay-tokens', async (req, res) => {
    hostOf(req);
    res.json({ tokens: await s.auth.listOverlayTokens() });
  });
  r.post('/overlay-tokens', async (req, res) => {
    hostOf(req);
    const body = parseInput(OverlayTokenBody, req.body);
    res.status(201).json(overlayTokenReply(s, await s.auth.createOverlayToken(body?.expiresInDays)));
  });
  r.post('/overlay-tokens/:id/rotate', async (req, res) => {
    hostOf(req);
    const { id } = parseInput(IdParams, req.params);
    const body = parseInput(OverlayTokenBody, req.body);
    res.status(201).json(overlayTokenReply(s, await s.auth.rotateOverlayToken(id, body?.expiresInDays)));
  });
  r.delete('/overlay-tokens/:id', async (req, res) => {
    hostOf(req);
    const { id } = parseInput(IdParams, req.params);
    parseInput(EmptyBody, req.body);
    await s.auth.revokeOverlayToken(id);
    res.status(204).end();
  });
  return r;
}

/** The token is shown once, here, with the OBS URL that carries it. */
function overlayTokenReply(s: Services, created: { id: string; token: string; expiresAt: number }) {
  return { ...created, url: `${s.publicUrl()}/overlay?token=${encodeURIComponent(created.token)}` };
}

/** The client address the throttles count (req.ip follows TRUST_PROXY: server/client-address.ts). */
export function addressOf(req: Request): string {
  return req.ip ?? req.socket.remoteAddress ?? 'unknown';
}
