/**
 * The shop's webhook signature, checked at the HTTP edge before a byte of the
 * body is parsed: `X-FrontRow-Signature: sha256=<hex HMAC-SHA256 of the raw
 * body>` keyed with WEBHOOK_SECRET. Services only ever see verified,
 * zod-parsed orders.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { ErrorCode } from '../../shared/error-codes.ts';
import { AppError, unauthenticated } from '../errors.ts';

export const SIGNATURE_HEADER = 'x-frontrow-signature';

/**
 * Throws FORBIDDEN when no secret is configured (webhooks are off), and
 * UNAUTHENTICATED for a missing, malformed or wrong signature. The comparison
 * takes the same time however many bytes match.
 */
export function verifyWebhookSignature(secret: string | undefined, rawBody: Buffer, header: string | undefined): void {
  if (!secret) throw new AppError(ErrorCode.FORBIDDEN, 'order webhooks are not configured (WEBHOOK_SECRET)');
  const given = header?.match(/^sha256=([0-9a-f]{64})$/i)?.[1];
  if (!given) throw unauthenticated('missing or malformed X-FrontRow-Signature');
  const expected = createHmac('sha256', secret).update(rawBody).digest();
  if (!timingSafeEqual(expected, Buffer.from(given, 'hex'))) throw unauthenticated('bad signature');
}
