/**
 * Messages between the scale part (scale-run.ts) and its client workers
 * (scale-worker.ts), over the fork IPC channel: one command at a time, one
 * reply (or `failed`). Times are epoch ms (performance.timeOrigin + now()),
 * comparable across processes on one machine.
 */
import type { CpuMs, MemberCredential, Outcomes } from './protocol.ts';

export type ScaleCommand =
  | { type: 'join'; url: string; streamId: string; members: MemberCredential[]; concurrency: number; timeoutMs: number }
  /** Closed loop: every socket sends its next event when the previous one is answered, for `seconds`. */
  | { type: 'loop'; kind: 'beat' | 'like'; streamId: string; seconds: number; ackTimeoutMs: number }
  /** `commenters` of this worker's sockets comment closed-loop (next one once their own came back through the room); all count deliveries. */
  | { type: 'comment'; streamId: string; seconds: number; commenters: number; ackTimeoutMs: number }
  /** Every socket claims the drop once, at `startAt`. */
  | { type: 'claim'; dropId: string; startAt: number; ackTimeoutMs: number }
  | {
      type: 'soak';
      streamId: string;
      seconds: number;
      beatEveryMs: number;
      likeEveryMs: number;
      commentEveryMs: number;
      commenters: number;
      /** One socket in `claimEvery` claims a drop the room announces. */
      claimEvery: number;
      /** Every member enters a lottery the room announces within this time. */
      enterWithinMs: number;
      ackTimeoutMs: number;
    }
  /** Per member: the balance GET /api/me reports against the awards this worker saw acked. */
  | { type: 'audit'; url: string; concurrency: number }
  | { type: 'close' };

export interface ScaleJoined {
  type: 'joined';
  outcomes: Outcomes;
  connected: number;
  cpu: CpuMs;
}

export interface ScalePhaseReply {
  type: 'phase';
  /** Replies by outcome: `ok`, `ok: awarded`, `ok: credited`, `ok: capped`, an error code, TIMEOUT… (soak: prefixed by the event kind). */
  outcomes: Outcomes;
  /** ok replies. */
  acks: number;
  /** Replies of any kind (ok or refused; not timeouts). */
  answered: number;
  lastAnswerAt: number;
  /** Every 10th ok ack latency (ms): enough for percentiles, small over IPC. */
  ackSample: number[];
  firstSendAt: number;
  lastAckAt: number;
  /** Sockets of this worker that disconnected during the phase. */
  lost: number;
  /** Sockets still connected at the end of the phase. */
  connected: number;
  /** `comment` events received by this worker's sockets during the phase. */
  deliveries: number;
  firstDeliveryAt: number;
  lastDeliveryAt: number;
  cpu: CpuMs;
}

export interface ScaleAudit {
  type: 'audited';
  members: number;
  /** Balance == the sum of awards acked. */
  exact: number;
  /** Balance differs while every award-bearing event of the member was answered: an award lost or unacknowledged. */
  wrong: number;
  /** Balance above the acks, and some event went unanswered (TIMEOUT) or was answered OUTCOME_UNKNOWN: it may have paid. */
  unsure: number;
  ackedPoints: number;
  serverPoints: number;
  examples: string[];
}

export type ScaleReply = ScaleJoined | ScalePhaseReply | ScaleAudit | { type: 'closed' };
