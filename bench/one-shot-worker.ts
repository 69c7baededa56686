/**
 * Runs a bench script as a child process for one job: the command goes in
 * over IPC, the child says `started` when its load begins and sends one final
 * reply (or `failed`). Used for the attackers (flood-worker.ts,
 * auth-flood-worker.ts), so their CPU is not the measuring process's.
 */
import { fork } from 'node:child_process';
import { join } from 'node:path';
import { REPO_ROOT } from '../test/support/server-process.ts';

export interface OneShot<R> {
  /** Resolves when the child's load begins (or it has already finished). */
  started: Promise<void>;
  done: Promise<R>;
}

export function runOneShot<R>(script: string, cmd: object, deadlineMs: number): OneShot<R> {
  const child = fork(join(REPO_ROOT, 'bench', script), [], {
    cwd: REPO_ROOT,
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  let began = () => {};
  const started = new Promise<void>((resolve) => (began = resolve));
  const done = new Promise<R>((resolve, reject) => {
    const fence = setTimeout(() => (child.kill('SIGKILL'), reject(new Error(`${script}: no reply within ${deadlineMs} ms`))), deadlineMs);
    child.on('message', (msg: { type: string; message?: string }) => {
      if (msg.type === 'started') return began();
      clearTimeout(fence);
      if (msg.type === 'failed') reject(new Error(`${script}: ${msg.message}`));
      else resolve(msg as R);
    });
    child.once('exit', (code) => {
      clearTimeout(fence);
      if (code !== 0) reject(new Error(`${script} exited with ${code}`));
    });
    child.send(cmd);
  });
  return { started: Promise.race([started, done.then(() => {})]), done };
}
