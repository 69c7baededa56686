/**
 * The shop's refund webhook, signed exactly like the order webhook
 * (X-FrontRow-Signature over the raw body, WEBHOOK_SECRET). Mounted before
 * the JSON parser: the bytes are verified before anything is parsed.
 */
import express, { Router } from 'express';
import { RefundWebhookBody } from '../../../shared/refunds.ts';
import type { Services } from '../../services/services.ts';
import { parseInput } from '../../validation.ts';
import { signedJsonBody } from '../signed-json.ts';

export function refundWebhookRoute(s: Services, webhookSecret: string | undefined): Router {
  const r = Router();
  r.post('/webhooks/refunds', express.raw({ type: () => true, limit: '32kb' }), async (req, res) => {
    const body = parseInput(RefundWebhookBody, signedJsonBody(req, webhookSecret));
    res.json({ ok: true, ...(await s.refunds.apply(body)) });
  });
  return r;
}
