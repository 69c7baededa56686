import { Router } from 'express';
import { IdParams } from '../../../shared/schemas.ts';
import type { Services } from '../../services/services.ts';
import { parseInput } from '../../validation.ts';
import { hostOf } from '../principal.ts';

/** Insights (issue 15): what a show did, for the host. */
export function insightRoutes(s: Services): Router {
  const r = Router();
  r.get('/streams/:id/report', async (req, res) => {
    hostOf(req);
    res.json({ report: await s.showReports.report(parseInput(IdParams, req.params).id) });
  });
  return r;
}
