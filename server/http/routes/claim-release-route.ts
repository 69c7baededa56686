/** The host releases a reservation: cancelled, its unit back in stock (services/claim-cancel-service.ts). */
import { Router } from 'express';
import { EmptyBody, IdParams } from '../../../shared/schemas.ts';
import type { Services } from '../../services/services.ts';
import { parseInput } from '../../validation.ts';
import { hostOf } from '../principal.ts';

export function claimReleaseRoute(s: Services): Router {
  const r = Router();
  r.post('/claims/:id/release', async (req, res) => {
    hostOf(req);
    parseInput(EmptyBody, req.body);
    res.json({ claim: await s.claimCancels.release(parseInput(IdParams, req.params).id) });
  });
  return r;
}
