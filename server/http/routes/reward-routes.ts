import { Router } from 'express';
import { CreateRewardBody, PatchRewardBody, RedeemBody, RedemptionStatusQuery, RewardCodesBody } from '../../../shared/rewards.ts';
import { EmptyBody, IdParams } from '../../../shared/schemas.ts';
import type { Services } from '../../services/services.ts';
import { parseInput } from '../../validation.ts';
import { hostOf, memberOf } from '../principal.ts';

/** The rewards store (issue 13): the host keeps the catalogue and settles redemptions; members redeem. */
export function rewardRoutes(s: Services): Router {
  const r = Router();
  r.post('/rewards', async (req, res) => {
    hostOf(req);
    res.status(201).json({ reward: await s.rewards.create(parseInput(CreateRewardBody, req.body)) });
  });
  r.patch('/rewards/:id', async (req, res) => {
    hostOf(req);
    const { id } = parseInput(IdParams, req.params);
    res.json({ reward: await s.rewards.update(id, parseInput(PatchRewardBody, req.body)) });
  });
  r.post('/rewards/:id/codes', async (req, res) => {
    hostOf(req);
    const { id } = parseInput(IdParams, req.params);
    res.json(await s.rewards.addCodes(id, parseInput(RewardCodesBody, req.body).codes));
  });
  // Anyone sees the catalogue; a member also their own counts; the host every reward, archived ones too.
  r.get('/rewards', async (req, res) => {
    const p = req.principal;
    const rewards = await s.rewards.list({ memberId: p.role === 'member' ? p.memberId : null, all: p.role === 'host' });
    res.json({ rewards });
  });
  r.post('/rewards/:id/redeem', async (req, res) => {
    const { memberId } = memberOf(req);
    const { id } = parseInput(IdParams, req.params);
    res.json(await s.rewards.redeem(memberId, id, parseInput(RedeemBody, req.body).requestId));
  });
  r.get('/me/redemptions', async (req, res) => {
    res.json({ redemptions: await s.rewards.mine(memberOf(req).memberId) });
  });
  r.get('/redemptions', async (req, res) => {
    hostOf(req);
    res.json({ redemptions: await s.rewards.queue(parseInput(RedemptionStatusQuery, req.query, 'query').status) });
  });
  r.post('/redemptions/:id/fulfil', async (req, res) => {
    hostOf(req);
    parseInput(EmptyBody, req.body);
    res.json({ redemption: await s.rewards.fulfil(parseInput(IdParams, req.params).id) });
  });
  r.post('/redemptions/:id/reject', async (req, res) => {
    hostOf(req);
    parseInput(EmptyBody, req.body);
    res.json({ redemption: await s.rewards.reject(parseInput(IdParams, req.params).id) });
  });
  // The outbound webhooks' delivery log (issue 13), newest first.
  r.get('/webhooks/outbound', async (req, res) => {
    hostOf(req);
    res.json({ deliveries: await s.outboundLog() });
  });
  return r;
}
