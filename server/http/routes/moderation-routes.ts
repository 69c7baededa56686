import { Router } from 'express';
import { CommentIdParams, EmptyBody, IdParams, ModerationBody, MuteBody } from '../../../shared/schemas.ts';
import type { Services } from '../../services/services.ts';
import { parseInput } from '../../validation.ts';
import { hostOf } from '../principal.ts';

/** The host's moderation (docs/PROTOCOL.md "Moderation"): every route is host-only. */
export function moderationRoutes(s: Services): Router {
  const r = Router();
  r.delete('/comments/:id', async (req, res) => {
    hostOf(req);
    const { id } = parseInput(CommentIdParams, req.params);
    parseInput(EmptyBody, req.body);
    res.json({ removed: await s.moderation.removeComment(id) });
  });
  r.post('/streams/:id/mutes', async (req, res) => {
    hostOf(req);
    const { id } = parseInput(IdParams, req.params);
    const { memberId, seconds } = parseInput(MuteBody, req.body);
    res.json({ mute: await s.moderation.mute(id, memberId, seconds) });
  });
  r.get('/streams/:id/moderation', async (req, res) => {
    hostOf(req);
    const { id } = parseInput(IdParams, req.params);
    res.json({ moderation: await s.moderation.settings(id) });
  });
  r.put('/streams/:id/moderation', async (req, res) => {
    hostOf(req);
    const { id } = parseInput(IdParams, req.params);
    res.json({ moderation: await s.moderation.setSettings(id, parseInput(ModerationBody, req.body)) });
  });
  r.post('/members/:id/ban', async (req, res) => {
    hostOf(req);
    const { id } = parseInput(IdParams, req.params);
    parseInput(EmptyBody, req.body);
    res.json({ ban: await s.moderation.ban(id) });
  });
  r.delete('/members/:id/ban', async (req, res) => {
    hostOf(req);
    const { id } = parseInput(IdParams, req.params);
    parseInput(EmptyBody, req.body);
    res.json({ unban: await s.moderation.unban(id) });
  });
  return r;
}
