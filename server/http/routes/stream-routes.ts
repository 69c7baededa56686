import { Router } from 'express';
import { CreateStreamBody, EmptyBody, IdParams, StreamStatusQuery } from '../../../shared/schemas.ts';
import type { Services } from '../../services/services.ts';
import { parseInput } from '../../validation.ts';
import { hostOf } from '../principal.ts';

export function streamRoutes(s: Services): Router {
  const r = Router();
  r.post('/streams', async (req, res) => {
    hostOf(req);
    res.status(201).json({ stream: await s.streams.create(parseInput(CreateStreamBody, req.body)) });
  });
  r.post('/streams/:id/start', async (req, res) => {
    hostOf(req);
    const { id } = parseInput(IdParams, req.params);
    parseInput(EmptyBody, req.body);
    res.json({ stream: await s.streams.start(id) });
  });
  r.post('/streams/:id/end', async (req, res) => {
    hostOf(req);
    const { id } = parseInput(IdParams, req.params);
    parseInput(EmptyBody, req.body);
    res.json({ stream: await s.showEnding.end(id) });
  });
  r.get('/streams', async (req, res) => {
    res.json({ streams: await s.streams.list(parseInput(StreamStatusQuery, req.query).status) });
  });
  r.get('/streams/:id', async (req, res) => {
    const { id } = parseInput(IdParams, req.params);
    const stream = await s.streams.get(id);
    const { viewers, members } = await s.presence.count(id);
    res.json({ stream, viewers, members });
  });
  return r;
}
