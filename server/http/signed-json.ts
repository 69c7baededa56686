/**
 * The body of a signed shop webhook: the raw bytes are verified
 * (webhook-signature.ts) before any of them is parsed, then read as JSON.
 * Routes mount `express.raw` for this (before the app's JSON parser).
 */
import type { Request } from 'express';
import { ErrorCode } from '../../shared/error-codes.ts';
import { AppError } from '../errors.ts';
import { SIGNATURE_HEADER, verifyWebhookSignature } from './webhook-signature.ts';

/** FORBIDDEN without a secret, UNAUTHENTICATED for a bad signature, VALIDATION (field 'body') for malformed JSON. */
export function signedJsonBody(req: Request, webhookSecret: string | undefined): unknown {
  const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
  verifyWebhookSignature(webhookSecret, raw, req.header(SIGNATURE_HEADER));
  try {
    return JSON.parse(raw.toString('utf8'));
  } catch {
    throw new AppError(ErrorCode.VALIDATION, 'body: malformed JSON', 'body');
  }
}
