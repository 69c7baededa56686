import { Router } from 'express';
import { PinDropBody } from '../../../shared/overlay-pin.ts';
import { IdParams } from '../../../shared/schemas.ts';
import type { Services } from '../../services/services.ts';
import { parseInput } from '../../validation.ts';
import { hostOf } from '../principal.ts';

/** The overlay's pinned drop: the host pins or unpins; anyone may read it (the drops themselves are public). */
export function overlayRoutes(s: Services): Router {
  const r = Router();
  r.put('/streams/:id/pinned-drop', async (req, res) => {
    hostOf(req);
    const { id } = parseInput(IdParams, req.params);
    const { dropId } = parseInput(PinDropBody, req.body);
    res.json(await s.overlayPins.pin(id, dropId));
  });
  r.get('/streams/:id/pinned-drop', async (req, res) => {
    res.json(await s.overlayPins.pinnedOf(parseInput(IdParams, req.params).id));
  });
  return r;
}
