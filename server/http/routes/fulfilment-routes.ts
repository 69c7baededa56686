/**
 * The seller's fulfilment desk (hosts only): a drop's claims with search,
 * confirmation by checkout reference, and CSV exports of claims and lottery
 * winners.
 */
import { Router } from 'express';
import { ConfirmByRefBody, DropClaimsQuery } from '../../../shared/perks.ts';
import { IdParams } from '../../../shared/schemas.ts';
import type { Services } from '../../services/services.ts';
import { parseInput } from '../../validation.ts';
import { hostOf } from '../principal.ts';
import { sendCsv } from '../send-csv.ts';

export function fulfilmentRoutes(s: Services): Router {
  const r = Router();
  r.get('/drops/:id/claims', async (req, res) => {
    hostOf(req);
    const { id } = parseInput(IdParams, req.params);
    const { q } = parseInput(DropClaimsQuery, req.query, 'query');
    res.setHeader('cache-control', 'no-store');
    res.json({ claims: await s.fulfilment.claimsOfDrop(id, q) });
  });
  r.get('/drops/:id/claims.csv', async (req, res) => {
    hostOf(req);
    const { id } = parseInput(IdParams, req.params);
    sendCsv(res, `claims-${id}.csv`, await s.fulfilment.claimsCsv(id));
  });
  r.get('/lotteries/:id/winners.csv', async (req, res) => {
    hostOf(req);
    const { id } = parseInput(IdParams, req.params);
    sendCsv(res, `winners-${id}.csv`, await s.fulfilment.winnersCsv(id));
  });
  r.post('/claims/confirm', async (req, res) => {
    hostOf(req);
    const { checkoutRef } = parseInput(ConfirmByRefBody, req.body);
    res.json({ claim: await s.drops.confirmByRef(checkoutRef) });
  });
  return r;
}
