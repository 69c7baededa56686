import { Router } from 'express';
import { BirthdayBody } from '../../../shared/rewards.ts';
import { ChangePasswordBody, DeleteMeBody, LeaderboardQuery, LedgerQuery } from '../../../shared/schemas.ts';
import { RulesSchema } from '../../../shared/rules.ts';
import type { Services } from '../../services/services.ts';
import { parseInput } from '../../validation.ts';
import { hostOf, memberOf } from '../principal.ts';
import { addressOf } from './auth-routes.ts';

export function memberRoutes(s: Services): Router {
  const r = Router();
  r.get('/me', async (req, res) => {
    const { memberId } = memberOf(req);
    // A visit: in the member's birthday month, the year's gift arrives first (once a year).
    await s.birthdays.grantOnVisit(memberId);
    await s.tierEntry.onVisit(memberId);
    // What ran out of time goes before the balance is read; what expires next is told beside it.
    const expiring = await s.expiry.onVisit(memberId);
    const state = await s.points.memberState(memberId);
    await s.achievements.onVisit(memberId, state);
    res.json({ ...state, expiring });
  });
  r.get('/me/badges', async (req, res) => {
    res.json({ badges: await s.achievements.badgesOf(memberOf(req).memberId) });
  });
  r.get('/me/birthday', async (req, res) => {
    res.json({ birthday: await s.birthdays.get(memberOf(req).memberId) });
  });
  r.put('/me/birthday', async (req, res) => {
    const { memberId } = memberOf(req);
    const { month, day } = parseInput(BirthdayBody, req.body);
    res.json({ birthday: await s.birthdays.set(memberId, month, day) });
  });
  // Member data rights: everything about me, and erasing me (services/member-data-service.ts).
  r.get('/me/export', async (req, res) => {
    const { memberId } = memberOf(req);
    const data = await s.memberData.export(memberId);
    // Personal data: never cached by a browser or a proxy; saved as a file when opened directly.
    res.set('Cache-Control', 'no-store');
    res.attachment(`frontrow-export-${memberId}.json`);
    res.json(data);
  });
  r.delete('/me', async (req, res) => {
    const { memberId } = memberOf(req);
    await s.memberData.erase(memberId, parseInput(DeleteMeBody, req.body), addressOf(req));
    res.status(204).end();
  });
  r.get('/me/ledger', async (req, res) => {
    const { memberId } = memberOf(req);
    const { limit, before } = parseInput(LedgerQuery, req.query);
    res.json(await s.points.ledgerPage(memberId, limit, before));
  });
  r.get('/leaderboard', async (req, res) => {
    const { streamId, limit } = parseInput(LeaderboardQuery, req.query);
    res.json({ entries: await s.leaderboard.top(streamId ?? null, limit) });
  });
  r.get('/rules', async (_req, res) => {
    res.json({ rules: await s.rules.get() });
  });
  r.put('/rules', async (req, res) => {
    hostOf(req);
    res.json({ rules: await s.rules.replace(parseInput(RulesSchema, req.body)) });
  });
  // Issue 9: a new password ends the member's other sessions; the reply carries this session's fresh token.
  r.put('/me/password', async (req, res) => {
    const principal = memberOf(req);
    res.json(await s.auth.changePassword(principal, parseInput(ChangePasswordBody, req.body), addressOf(req)));
  });
  return r;
}
