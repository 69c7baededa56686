import { Router } from 'express';
import { CreateGoalBody } from '../../../shared/community-goals.ts';
import { EmptyBody, IdParams } from '../../../shared/schemas.ts';
import type { Services } from '../../services/services.ts';
import { parseInput } from '../../validation.ts';
import { hostOf } from '../principal.ts';

/** Community goals (issue 14): the host sets them per show; anyone reads a show's goals and their progress. */
export function goalRoutes(s: Services): Router {
  const r = Router();
  r.post('/streams/:id/goals', async (req, res) => {
    hostOf(req);
    const { id } = parseInput(IdParams, req.params);
    res.status(201).json({ goal: await s.goals.create(id, parseInput(CreateGoalBody, req.body)) });
  });
  r.get('/streams/:id/goals', async (req, res) => {
    res.json({ goals: await s.goals.list(parseInput(IdParams, req.params).id) });
  });
  r.post('/goals/:id/archive', async (req, res) => {
    hostOf(req);
    parseInput(EmptyBody, req.body);
    res.json({ goal: await s.goals.archive(parseInput(IdParams, req.params).id) });
  });
  return r;
}
