import { Router } from 'express';
import { sendCsv } from '../send-csv.ts';
import { CreateSegmentBody, MembersQuery } from '../../../shared/insights.ts';
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
  r.get('/insights/kpis', async (req, res) => {
    hostOf(req);
    const { from, to, interval } = parseInput(KpiQuery, req.query, 'query');
    res.json({ rows: await s.insights.kpis(from, to, interval) });
  });
  r.get('/members', async (req, res) => {
    hostOf(req);
    const query = parseInput(MembersQuery, req.query, 'query');
    const result = await s.insights.members(query);
    if (typeof result === 'string') sendCsv(res, `members-${query.segment ?? 'all'}.csv`, result);
    else res.json(result);
  });
  r.get('/segments', async (req, res) => {
    hostOf(req);
    res.json(await s.insights.segments());
  });
  r.post('/segments', async (req, res) => {
    hostOf(req);
    res.status(201).json({ segment: await s.insights.saveSegment(parseInput(CreateSegmentBody, req.body)) });
  });
  r.get('/insights/repurchase', async (req, res) => {
    hostOf(req);
    const { limit } = parseInput(RepurchaseQuery, req.query, 'query');
    res.json({ ranking: await s.insights.repurchase(limit) });
  });
  return r;
}

const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD').refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)), 'not a date');
const KpiQuery = z
  .object({ from: Day, to: Day, interval: z.enum(['day', 'week', 'month']).default('week') })
  .strict()
  .refine((q) => q.from <= q.to, { message: 'must not be after to', path: ['from'] })
  .refine((q) => Date.parse(q.to) - Date.parse(q.from) <= 731 * 86_400_000, { message: 'at most two years at a time', path: ['to'] });

const RepurchaseQuery = z.object({ limit: z.coerce.number().int().min(1).max(1000).default(50) }).strict();
