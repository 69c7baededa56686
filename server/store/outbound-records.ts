/**
 * The outbound webhook outbox (issue 13): events for the shop, stored before
 * anyone is told they happened, delivered by whichever process leases them
 * first, retried with back-off until the shop answers 2xx. In the store
 * (SQLite in embedded and Redis modes, MongoDB in services mode), so a
 * restart loses none and two processes never send one at the same time.
 */
export interface OutboundEvent {
  /** Deterministic per cause (e.g. `reward.redeemed:<redemptionId>`): enqueuing twice keeps one. */
  id: string;
  type: string;
  /** The exact bytes sent and signed. */
  body: string;
  createdAt: number;
}

export interface OutboundDelivery extends OutboundEvent {
  attempts: number;
  nextAttemptAt: number;
  deliveredAt: number | null;
  lastError: string | null;
}

export type OutboundOutcome = { deliveredAt: number } | { failedAt: number; error: string; nextAttemptAt: number };

export interface OutboundRecords {
  /** false: an event with this id is already in the outbox (nothing changes). */
  enqueueOutbound(event: OutboundEvent): Promise<boolean>;
  /**
   * Atomically leases up to `limit` undelivered events due by `nowMs` that no
   * other process holds, for `leaseMs`; oldest due first. A process that dies
   * holding a lease lets it lapse, and the event is sent again later.
   */
  leaseOutbound(nowMs: number, leaseMs: number, limit: number): Promise<OutboundDelivery[]>;
  /** Records an attempt: delivered (final), or failed with the time of the next attempt. The lease ends. */
  settleOutbound(id: string, outcome: OutboundOutcome): Promise<void>;
  /** The newest events first, delivered or not (the dashboard's delivery log). */
  outboundLog(limit: number): Promise<OutboundDelivery[]>;
}
