/**
 * Messages between the bench (parent) and its client workers (child processes
 * over the fork IPC channel). Each command gets exactly one reply of the
 * matching type, or `failed`. Times a worker reports are epoch milliseconds
 * with sub-millisecond precision (`performance.timeOrigin + performance.now()`),
 * comparable across processes on one machine; latencies are milliseconds.
 */

export interface MemberCredential {
  token: string;
  memberId: string;
}

/** CPU time a process used, in milliseconds (`process.cpuUsage()` / 1000). */
export interface CpuMs {
  user: number;
  system: number;
}

/** How many replies ended each way: ok, an error code from the server, or no ack in time. */
export type Outcomes = Record<string, number>;

/** A refusal by its code; UNAVAILABLE also by why (admission, Redis, SQLite), which the figures need apart. */
export function refusalKey(error: { code: string; message?: string }): string {
  return error.code === 'UNAVAILABLE' ? `UNAVAILABLE (${error.message ?? 'no message'})` : error.code;
}

export type ToWorker =
  | {
      type: 'join';
      url: string;
      streamId: string;
      members: MemberCredential[];
      /** Connections being opened at once by this worker. */
      concurrency: number;
      timeoutMs: number;
    }
  | {
      type: 'beat';
      streamId: string;
      /** Epoch ms at which every worker starts its schedule. */
      startAt: number;
      seconds: number;
      ackTimeoutMs: number;
    }
  | { type: 'probe'; streamId: string; likes: number; timeoutMs: number }
  | { type: 'like'; streamId: string; rounds: number; roundTimeoutMs: number }
  | { type: 'close' };

export interface JoinedReply {
  type: 'joined';
  outcomes: Outcomes;
  connectMs: number[];
  joinMs: number[];
  cpu: CpuMs;
}

export interface BeatenReply {
  type: 'beaten';
  outcomes: Outcomes;
  sent: number;
  ackMs: number[];
  /** How late each emit left against its schedule: the client's own backlog. */
  sendLagMs: number[];
  firstSendAt: number;
  lastAckAt: number;
  cpu: CpuMs;
}

export interface LikedReply {
  type: 'liked';
  outcomes: Outcomes;
  sent: number;
  ackMs: number[];
  /** Emit of the like → the `points` event for it on the same socket. */
  pointsMs: number[];
  /** Likes acked as paid whose `points` event never came within the round. */
  missingPoints: number;
  firstSendAt: number;
  lastAckAt: number;
  cpu: CpuMs;
}

export type FromWorker =
  | { type: 'ready' }
  | JoinedReply
  | BeatenReply
  | LikedReply
  | { type: 'closed' }
  | { type: 'failed'; message: string };
