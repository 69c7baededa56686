import { Router } from 'express';
import { z } from 'zod';
import { IdParams } from '../../../shared/schemas.ts';
import type { Services } from '../../services/services.ts';
import { parseInput } from '../../validation.ts';
import { hostOf } from '../principal.ts';

/** Insights (issue 15): what a show did, and who will buy again, for the host. */
export function insightRoutes(s: Services): Router {
  const r = Router();
  r.get('/streams/:id/report', async (req, res) => {
    hostOf(req);
    res.json({ report: await s.showReports.report(parseInput(IdParams, req.params).id) });
  });
  r.get('/insights/repurchase', async (req, res) => {
    hostOf(req);
    const { limit } = parseInput(RepurchaseQuery, req.query, 'query');
    res.json({ ranking: await s.insights.repurchase(limit) });
  });
  return r;
}

const RepurchaseQuery = z.object({ limit: z.coerce.number().int().min(1).max(1000).default(50) }).strict();
