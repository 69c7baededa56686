/**
 * The bench's client workers: child processes (client-worker.ts under tsx)
 * that each hold a share of the sockets, so the client side is not one event
 * loop past a few thousand connections. One command at a time per worker,
 * each with a deadline; `close` ends them, and a worker whose parent dies
 * leaves on its own (IPC disconnect).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { FromWorker, ToWorker } from './protocol.ts';

type ReplyOf<C extends ToWorker['type']> = C extends 'join'
  ? Extract<FromWorker, { type: 'joined' }>
  : C extends 'beat'
    ? Extract<FromWorker, { type: 'beaten' }>
    : C extends 'probe' | 'like'
      ? Extract<FromWorker, { type: 'liked' }>
      : Extract<FromWorker, { type: 'closed' }>;

export interface Worker {
  pid: number;
  ask<C extends ToWorker>(cmd: C, timeoutMs: number): Promise<ReplyOf<C['type']>>;
  /**
   * For workers of another script (scale-worker.ts): sends `cmd` and resolves
   * with the next reply that is not `failed`, whatever its type.
   */
  request<R>(cmd: { type: string; [key: string]: unknown }, timeoutMs: number): Promise<R>;
}

export interface WorkerPool {
  workers: Worker[];
  close(): Promise<void>;
}

const EXPECTED: Record<ToWorker['type'], FromWorker['type']> = {
  join: 'joined',
  beat: 'beaten',
  probe: 'liked',
  like: 'liked',
  close: 'closed',
};

function startWorker(repoRoot: string, script: string): Promise<{ worker: Worker; child: ChildProcess }> {
  const child = fork(join(repoRoot, 'bench', script), [], {
    cwd: repoRoot,
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  let waiting: { expect: FromWorker['type'] | '*'; resolve: (m: FromWorker) => void; reject: (e: Error) => void } | null = null;
  child.on('message', (msg: FromWorker) => {
    const w = waiting;
    if (!w) return;
    waiting = null;
    if (msg.type === 'failed') w.reject(new Error(`worker ${child.pid}: ${msg.message}`));
    else if (w.expect !== '*' && msg.type !== w.expect) w.reject(new Error(`worker ${child.pid}: expected ${w.expect}, got ${msg.type}`));
    else w.resolve(msg);
  });
  child.on('exit', (code, signal) => {
    waiting?.reject(new Error(`worker ${child.pid} exited (code ${code}, signal ${signal})`));
    waiting = null;
  });

  const next = (expect: FromWorker['type'] | '*', timeoutMs: number) =>
    new Promise<FromWorker>((resolve, reject) => {
      if (waiting) return reject(new Error(`worker ${child.pid} is busy`));
      const timer = setTimeout(() => {
        waiting = null;
        reject(new Error(`worker ${child.pid}: no ${expect} within ${timeoutMs} ms`));
      }, timeoutMs);
      waiting = {
        expect,
        resolve: (m) => (clearTimeout(timer), resolve(m)),
        reject: (e) => (clearTimeout(timer), reject(e)),
      };
    });

  const worker: Worker = {
    pid: child.pid!,
    async ask(cmd, timeoutMs) {
      const reply = next(EXPECTED[cmd.type], timeoutMs);
      child.send(cmd);
      return (await reply) as never;
    },
    async request<R>(cmd: { type: string; [key: string]: unknown }, timeoutMs: number) {
      const reply = next('*', timeoutMs);
      child.send(cmd);
      return (await reply) as R;
    },
  };
  // Generous: several workers compile under tsx at once on a machine the server already shares.
  return next('ready', 120_000).then(() => ({ worker, child }));
}

/** `script`: the worker's file in bench/ (client-worker.ts, or scale-worker.ts for the scale part); both answer `close` with `closed`. */
export async function startWorkers(repoRoot: string, count: number, script = 'client-worker.ts'): Promise<WorkerPool> {
  const started = await Promise.all(Array.from({ length: count }, () => startWorker(repoRoot, script)));
  return {
    workers: started.map((s) => s.worker),
    async close() {
      await Promise.all(
        started.map(async ({ worker, child }) => {
          if (child.exitCode !== null || child.signalCode !== null) return;
          const gone = new Promise<void>((r) => child.once('exit', () => r()));
          try {
            await worker.ask({ type: 'close' }, 10_000);
          } catch {
            child.kill('SIGKILL');
          }
          const force = setTimeout(() => child.kill('SIGKILL'), 5_000);
          await gone;
          clearTimeout(force);
        }),
      );
    },
  };
}
