/**
 * Messages between the cluster bench (bench/cluster-run.ts) and its client
 * workers (bench/cluster-worker.ts): one reply per command, or `failed`.
 * Unlike the room bench's workers these keep, per member, the sum of every
 * award an ack reported, so the run can compare it with the stored balance.
 */
import type { MemberCredential, Outcomes } from './protocol.ts';

export type ToClusterWorker =
  | { type: 'join'; url: string; streamId: string; members: MemberCredential[]; concurrency: number; timeoutMs: number }
  /** Every socket beats `beats` times, one beat a second, each waiting for its ack (closed loop). */
  | { type: 'beat'; streamId: string; beats: number; ackTimeoutMs: number }
  /** Every socket likes once, all at once. */
  | { type: 'like'; streamId: string; requestId: string; ackTimeoutMs: number }
  | { type: 'tally' }
  | { type: 'close' };

export type FromClusterWorker =
  | { type: 'ready' }
  | { type: 'done'; outcomes: Outcomes; ackMs: number[] }
  /**
   * Sockets connected now; member id → awards acknowledged so far; the members
   * with a reply of unknown outcome (no ack in time, or OUTCOME_UNKNOWN: the write
   * may or may not have happened), whose balance may exceed what was acked.
   */
  | { type: 'tally'; connected: number; acked: Record<string, number>; uncertain: string[]; unanswered: number; disconnects: Outcomes }
  | { type: 'closed' }
  | { type: 'failed'; message: string };
