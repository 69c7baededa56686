import { Router } from 'express';
import { EmptyBody, ExchangeBody, HostLoginBody, IdParams, LoginBody, SignupBody } from '../../../shared/schemas.ts';
import type { Services } from '../../services/services.ts';
import { parseInput } from '../../validation.ts';
import { hostOf } from '../principal.ts';

export function authRoutes(s: Services): Router {
  const r = Router();
  r.post('/auth/signup', async (req, res) => {
    res.status(201).json(await s.auth.signup(parseInput(SignupBody, req.body), req.ip));
  });
  r.post('/auth/login', async (req, res) => {
    res.json(await s.auth.login(parseInput(LoginBody, req.body)));
  });
  r.post('/auth/host', async (req, res) => {
    res.json(await s.auth.hostLogin(parseInput(HostLoginBody, req.body).hostKey));
  });
  r.post('/auth/exchange', async (req, res) => {
    const { token, member } = await s.auth.exchange(parseInput(ExchangeBody, req.body).assertion, req.ip);
    res.json({ token, member });
  });
  r.post('/overlay-tokens', async (req, res) => {
    hostOf(req);
    parseInput(EmptyBody, req.body);
    const { id, token } = await s.auth.createOverlayToken();
    res.status(201).json({ id, token, url: `${s.publicUrl()}/overlay?token=${encodeURIComponent(token)}` });
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
