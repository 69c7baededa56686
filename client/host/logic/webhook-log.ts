/**
 * The outbound webhooks' delivery log as the host reads it (GET
 * /api/webhooks/outbound, docs/PROTOCOL.md "Outbound webhooks to the shop").
 * Pure: a delivery and the time now in, words out.
 */
import type { Locale, Translate } from '../../common/i18n.ts';
import type { HostDictionary } from '../i18n.ts';
import { formatDateTime, formatTime } from './time.ts';

/** One row of the outbox, as the server answers it. */
export interface WebhookDelivery {
  /** Deterministic per cause, e.g. `reward.redeemed:<redemptionId>`: the shop's idempotency key. */
  id: string;
  type: string;
  /** The exact JSON sent and signed. */
  body: string;
  createdAt: number;
  attempts: number;
  nextAttemptAt: number;
  deliveredAt: number | null;
  lastError: string | null;
}

export type DeliveryState =
  | { state: 'delivered'; at: number }
  /** Sent and refused (or unreachable): tried again at `at`; `due` once that time has come. */
  | { state: 'retrying'; at: number; error: string; due: boolean }
  /** Not tried yet: goes out on the next sweep (about a second). */
  | { state: 'waiting' };

export function deliveryState(d: WebhookDelivery, now: number): DeliveryState {
  if (d.deliveredAt !== null) return { state: 'delivered', at: d.deliveredAt };
  if (d.attempts > 0 || d.lastError !== null) {
    return { state: 'retrying', at: d.nextAttemptAt, error: d.lastError ?? '', due: d.nextAttemptAt <= now };
  }
  return { state: 'waiting' };
}

/** A time in the log: the clock with seconds today (retries are seconds apart), the date too otherwise. */
export function logTime(ms: number, now: number, locale: Locale): string {
  const a = new Date(ms);
  const b = new Date(now);
  const sameDay = a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth() && a.getDate() === b.getDate();
  return sameDay ? formatTime(ms, locale, true) : formatDateTime(ms, locale);
}

/** The longest last error shown in the table; the full text is on hover. */
export const MAX_ERROR_CHARS = 120;

export function clipped(text: string, max = MAX_ERROR_CHARS): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** "Delivered at 10:02:03" / "Retrying at 10:02:07 — last error: HTTP 500" / "Waiting to be sent". */
export function deliveryStatusText(t: Translate<HostDictionary>, d: WebhookDelivery, now: number, locale: Locale): string {
  const s = deliveryState(d, now);
  if (s.state === 'delivered') return t('webhooks.status.delivered', { time: logTime(s.at, now, locale) });
  if (s.state === 'waiting') return t('webhooks.status.waiting');
  const error = clipped(s.error) || t('webhooks.noError');
  return s.due ? t('webhooks.status.retryingNow', { error }) : t('webhooks.status.retrying', { time: logTime(s.at, now, locale), error });
}

/**
 * An id short enough for a table cell: the event type it starts with is in
 * its own column, so what follows it, cut to 12 characters (the full id is
 * shown on hover).
 */
export function shortDeliveryId(id: string, type: string): string {
  const rest = id.startsWith(`${type}:`) ? id.slice(type.length + 1) : id;
  return rest.length > 13 ? `${rest.slice(0, 12)}…` : rest;
}

/** Are some deliveries still on their way? (the panel then reads the log again by itself) */
export const hasPending = (deliveries: readonly WebhookDelivery[]) => deliveries.some((d) => d.deliveredAt === null);
