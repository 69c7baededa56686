/**
 * A real, private redis-server for one test file: a free 127.0.0.1 port, a
 * fresh temp dir, AOF with fsync always (so "acknowledged" means "on disk", as
 * in production). Tests never touch a system Redis on 6379.
 *
 *   const redis = await startRedisServer();   // beforeAll
 *   ...redis.url...
 *   await redis.kill(); await redis.restart(); // crash and come back, data kept
 *   redis.pause(); redis.resume();             // SIGSTOP / SIGCONT: a stall, connections stay open
 *   await redis.stop();                        // afterAll: stops and removes the dir
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './free-port.ts';

export interface RedisServer {
  url: string;
  port: number;
  dir: string;
  /** Graceful shutdown, then removes the data dir. Final. */
  stop(): Promise<void>;
  /** SIGKILL: no shutdown work; whatever the AOF holds is what survives. */
  kill(): Promise<void>;
  /** Starts again on the same port and dir (stopping it first if running). */
  restart(): Promise<void>;
  /** SIGSTOP: the server stops answering but keeps its connections (a stall, not a crash). */
  pause(): void;
  /** SIGCONT after pause(): it answers again, the commands sent meanwhile included. */
  resume(): void;
}

const BINARY = process.env.REDIS_SERVER_BIN ?? 'redis-server';

/** One raw PING over TCP: true on +PONG (no client library, no retry noise). */
function ping(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    let reply = '';
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(500, () => done(false));
    socket.on('error', () => done(false));
    socket.on('connect', () => socket.write('PING\r\n'));
    socket.on('data', (d) => {
      reply += d.toString();
      if (reply.includes('\r\n')) done(reply.startsWith('+PONG'));
    });
  });
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

async function launch(port: number, dir: string): Promise<ChildProcess> {
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'yes', '--appendfsync', 'always', '--dir', dir, '--daemonize', 'no', '--loglevel', 'warning'];
  const child = spawn(BINARY, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (d) => (stderr += d.toString()));
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`redis-server exited with ${child.exitCode}: ${stderr}`);
    if (await ping(port)) return child;
    await new Promise((r) => setTimeout(r, 25));
  }
  child.kill('SIGKILL');
  throw new Error(`redis-server did not answer PING on ${port}: ${stderr}`);
}

export async function startRedisServer(): Promise<RedisServer> {
  const dir = mkdtempSync(join(tmpdir(), 'front-row-redis-'));
  let port = 0;
  let child: ChildProcess | undefined;
  // The free port may be taken between probing and binding: try a few.
  for (let attempt = 0; !child; attempt++) {
    port = await freePort();
    try {
      child = await launch(port, dir);
    } catch (err) {
      if (attempt >= 4) throw err;
    }
  }
  // Never leave a server behind when the test worker exits without afterAll.
  const killOnExit = () => child?.kill('SIGKILL');
  process.once('exit', killOnExit);

  const kill = async () => {
    if (!child) return;
    const c = child;
    c.kill('SIGKILL');
    await exited(c);
    child = undefined;
  };
  const shutdown = async () => {
    if (!child) return;
    const c = child;
    c.kill('SIGCONT'); // a paused server would never act on SIGTERM
    c.kill('SIGTERM');
    await exited(c);
    child = undefined;
  };

  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    dir,
    kill,
    async stop() {
      await shutdown();
      process.off('exit', killOnExit);
      rmSync(dir, { recursive: true, force: true });
    },
    async restart() {
      await shutdown();
      child = await launch(port, dir);
    },
    pause() {
      child?.kill('SIGSTOP');
    },
    resume() {
      child?.kill('SIGCONT');
    },
  };
}
