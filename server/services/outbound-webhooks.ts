/**
 * Outbound webhooks to the shop (issue 13): reward.redeemed, reward.rejected
 * and tier.changed. Each is written to the store's outbox when it happens
 * (an id per cause, so it is stored once), then delivered by whichever
 * process leases it: POSTed with `X-FrontRow-Signature: sha256=<HMAC of the
 * body>` as the shop signs its own, retried with back-off
 * (domain/webhook-retry.ts) until the shop answers 2xx. A restart loses
 * nothing; the lease keeps two processes from sending one event at once.
 */
import { createHmac } from 'node:crypto';
import type { TierEvent } from '../../shared/events.ts';
import type { Redemption } from '../../shared/rewards.ts';
import { warnUnlessOutage } from '../dependency-state.ts';
import { nextAttemptAt } from '../domain/webhook-retry.ts';
import type { Logger } from '../logger.ts';
import { Periodic } from '../periodic.ts';
import type { Store } from '../store/store.ts';
import type { DomainEvents } from './domain-events.ts';

/** How often each process looks for events due. */
export const OUTBOUND_SWEEP_MS = 1000;
/** Longer than a delivery can take (its timeout below), so a lease never ends mid-send. */
const LEASE_MS = 30_000;
const SEND_TIMEOUT_MS = 10_000;
const BATCH = 20;

export class OutboundWebhooks {
  private readonly timer = new Periodic(() => this.deliverDue());

  constructor(
    private readonly store: Store,
    private readonly events: DomainEvents,
    private readonly target: { url: string; secret: string },
    private readonly log: Logger,
    /** Wall time: retries are about the network, not the show's clock. */
    private readonly now: () => number = Date.now,
  ) {}

  start(everyMs = OUTBOUND_SWEEP_MS): void {
    this.events.on('redemption', (r) => void this.onRedemption(r));
    this.events.on('tier', (memberId, e) => void this.onTier(memberId, e));
    // One id per move: a move announced twice (it cannot be, but if) is stored once.
    this.events.on('segmentChanged', (e) => void this.enqueue(`segment.changed:${e.segmentId}:${e.memberId}:${e.move}`, 'segment.changed', { segmentId: e.segmentId, segment: e.name, memberId: e.memberId, change: e.change }));
    this.timer.start(everyMs);
  }

  stop(): Promise<void> {
    return this.timer.stop();
  }

  /** Sends every event due now; each outcome is recorded, a failure retried later. */
  async deliverDue(): Promise<void> {
    try {
      const due = await this.store.leaseOutbound(this.now(), LEASE_MS, BATCH);
      await Promise.all(due.map((e) => this.send(e.id, e.type, e.body, e.attempts)));
    } catch (err) {
      warnUnlessOutage(this.log, err, {}, 'outbound webhooks: the outbox could not be read');
    }
  }

  private async onRedemption(r: Redemption): Promise<void> {
    // What the shop needs to act: shop credit is issued by the shop from this event, so its amount travels with it.
    const record = await this.store.rewardById(r.rewardId).catch(() => null);
    const reward = record && { id: record.id, kind: record.kind, title: record.title, creditCents: record.creditCents, currency: record.currency };
    if (r.status === 'rejected') await this.enqueue(`reward.rejected:${r.id}`, 'reward.rejected', { redemption: r, reward });
    // Made (fulfilled at once or pending): one reward.redeemed; a later fulfil by the host is not a new redemption.
    else if (r.createdAt === r.updatedAt) await this.enqueue(`reward.redeemed:${r.id}`, 'reward.redeemed', { redemption: r, reward });
  }

  private async onTier(memberId: string, e: TierEvent): Promise<void> {
    const id = `tier.changed:${memberId}:${e.previous.id}>${e.tier.id}:${e.earned365}`;
    await this.enqueue(id, 'tier.changed', { memberId, tier: e.tier.id, previous: e.previous.id, earned365: e.earned365 });
  }

  private async enqueue(id: string, type: string, data: object): Promise<void> {
    const at = this.now();
    try {
      await this.store.enqueueOutbound({ id, type, body: JSON.stringify({ id, type, at, data }), createdAt: at });
    } catch (err) {
      warnUnlessOutage(this.log, err, { eventId: id }, 'outbound webhooks: an event could not be stored');
    }
  }

  private async send(id: string, type: string, body: string, attemptsBefore: number): Promise<void> {
    const signature = createHmac('sha256', this.target.secret).update(body).digest('hex');
    let error: string | null;
    try {
      const res = await fetch(this.target.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-frontrow-signature': `sha256=${signature}`, 'x-frontrow-event': type, 'x-frontrow-delivery': id },
        body,
        signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
      });
      error = res.ok ? null : `HTTP ${res.status}`;
    } catch (err) {
      error = err instanceof Error ? err.message : String(err);
    }
    const at = this.now();
    await this.store.settleOutbound(id, error === null ? { deliveredAt: at } : { failedAt: at, error, nextAttemptAt: nextAttemptAt(at, attemptsBefore + 1) });
    if (error !== null) this.log.warn({ eventId: id, attempt: attemptsBefore + 1, error }, 'outbound webhook failed; it will be retried');
  }
}
