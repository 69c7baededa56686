import { Router } from 'express';
import { CreateMissionBody, PatchMissionBody } from '../../../shared/missions.ts';
import { IdParams } from '../../../shared/schemas.ts';
import type { Services } from '../../services/services.ts';
import { parseInput } from '../../validation.ts';
import { hostOf } from '../principal.ts';

/** Missions (issue 14): the host keeps them; anyone lists them, a member with their progress. */
export function missionRoutes(s: Services): Router {
  const r = Router();
  r.post('/missions', async (req, res) => {
    hostOf(req);
    res.status(201).json({ mission: await s.missions.create(parseInput(CreateMissionBody, req.body)) });
  });
  r.patch('/missions/:id', async (req, res) => {
    hostOf(req);
    const { id } = parseInput(IdParams, req.params);
    res.json({ mission: await s.missions.update(id, parseInput(PatchMissionBody, req.body)) });
  });
  r.get('/missions', async (req, res) => {
    const p = req.principal;
    res.json({ missions: await s.missions.list({ memberId: p.role === 'member' ? p.memberId : null, host: p.role === 'host' }) });
  });
  return r;
}
