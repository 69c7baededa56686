import express, { Router } from 'express';
import { CreateDropBody, CreateLotteryBody, OrderWebhookBody } from '../../../shared/perks.ts';
import { EmptyBody, IdParams } from '../../../shared/schemas.ts';
import type { Services } from '../../services/services.ts';
import { parseInput } from '../../validation.ts';
import { hostOf, memberOf } from '../principal.ts';
import { signedJsonBody } from '../signed-json.ts';

/** Drops, claims and lotteries: hosts create and decide, members read their own claims. */
export function perkRoutes(s: Services): Router {
  const r = Router();
  r.post('/streams/:id/drops', async (req, res) => {
    hostOf(req);
    const { id } = parseInput(IdParams, req.params);
    res.status(201).json({ drop: await s.drops.create(id, parseInput(CreateDropBody, req.body)) });
  });
  r.get('/streams/:id/drops', async (req, res) => {
    res.json({ drops: await s.drops.listForStream(parseInput(IdParams, req.params).id) });
  });
  r.get('/drops/:id', async (req, res) => {
    res.json({ drop: await s.drops.get(parseInput(IdParams, req.params).id) });
  });
  r.post('/drops/:id/close', async (req, res) => {
    hostOf(req);
    parseInput(EmptyBody, req.body);
    res.json({ drop: await s.drops.close(parseInput(IdParams, req.params).id) });
  });
  r.post('/claims/:id/confirm', async (req, res) => {
    hostOf(req);
    parseInput(EmptyBody, req.body);
    res.json({ claim: await s.drops.confirm(parseInput(IdParams, req.params).id) });
  });
  r.get('/me/claims', async (req, res) => {
    res.json({ claims: await s.drops.claimsOf(memberOf(req).memberId) });
  });

  r.post('/streams/:id/lotteries', async (req, res) => {
    hostOf(req);
    const { id } = parseInput(IdParams, req.params);
    res.status(201).json({ lottery: await s.lotteries.create(id, parseInput(CreateLotteryBody, req.body)) });
  });
  r.get('/streams/:id/lotteries', async (req, res) => {
    res.json({ lotteries: await s.lotteries.listForStream(parseInput(IdParams, req.params).id) });
  });
  r.get('/lotteries/:id', async (req, res) => {
    res.json({ lottery: await s.lotteries.get(parseInput(IdParams, req.params).id) });
  });
  r.post('/lotteries/:id/draw', async (req, res) => {
    hostOf(req);
    parseInput(EmptyBody, req.body);
    const drawn = await s.lotteries.draw(parseInput(IdParams, req.params).id);
    // 202: the entries are frozen and the draw waits for its beacon round; the rooms hear the winners.
    res.status(drawn.proof ? 200 : 202).json(drawn);
  });
  r.post('/lotteries/:id/cancel', async (req, res) => {
    hostOf(req);
    parseInput(EmptyBody, req.body);
    res.json({ lottery: await s.lotteries.cancel(parseInput(IdParams, req.params).id) });
  });
  r.get('/lotteries/:id/proof', async (req, res) => {
    res.json({ proof: await s.lotteries.proof(parseInput(IdParams, req.params).id) });
  });
  return r;
}

/**
 * The shop's order webhook. Mounted before the JSON parser: the signature is
 * over the raw bytes, so they are verified before anything is parsed, and the
 * service gets a verified, zod-parsed order.
 */
export function orderWebhookRoute(s: Services, webhookSecret: string | undefined): Router {
  const r = Router();
  r.post('/webhooks/orders', express.raw({ type: () => true, limit: '32kb' }), async (req, res) => {
    const outcome = await s.orders.apply(parseInput(OrderWebhookBody, signedJsonBody(req, webhookSecret)));
    res.json({ ok: true, ...outcome });
  });
  return r;
}
