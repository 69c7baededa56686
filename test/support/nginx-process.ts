/**
 * Debian's nginx as a child process in front of app processes, running the
 * real deploy/nginx.conf unchanged: only its two small includes (which
 * upstreams, which port) are written here, under a private prefix directory
 * that also holds the pid file, the logs and nginx's scratch files.
 *
 *   const lb = await startNginx([a.port, b.port]);   // lb.url: http://127.0.0.1:<free port>
 *   ...lb.accessLog()...
 *   await lb.stop();                                  // and the prefix dir is removed
 *
 * No root needed. Missing nginx is an error, never a skip: CI installs it (.ci/run).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, chmodSync, constants, copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from './server-process.ts';
import { freePort } from './free-port.ts';

export interface NginxProcess {
  url: string;
  port: number;
  /** The master process. */
  pid: number;
  /** The worker processes (children of the master), read from /proc. */
  workerPids(): number[];
  /** Resident memory of the master and its workers together, KiB. */
  rssKiB(): number;
  errorLog(): string;
  accessLog(): string;
  /** Fast stop (SIGTERM: open sockets are cut; a graceful SIGQUIT would wait for every socket to end), SIGKILL after 10 s; removes the prefix dir. */
  stop(): Promise<void>;
}

/** `nginx` on PATH, else Debian's /usr/sbin/nginx (often not on an unprivileged PATH); NGINX_BIN overrides. */
export function nginxBinary(): string {
  if (process.env.NGINX_BIN) return process.env.NGINX_BIN;
  const dirs = [...(process.env.PATH ?? '').split(':').filter(Boolean), '/usr/sbin', '/usr/local/sbin'];
  for (const dir of dirs) {
    try {
      accessSync(join(dir, 'nginx'), constants.X_OK);
      return join(dir, 'nginx');
    } catch {
      // not here
    }
  }
  throw new Error('nginx not found: install Debian\'s nginx (apt-get install nginx; .ci/run does) or set NGINX_BIN');
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

function rssOf(pid: number): number {
  try {
    return Number(/^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
  } catch {
    return 0;
  }
}

function childrenOf(pid: number): number[] {
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === pid) found.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return found;
}

const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/** nginx on a free 127.0.0.1 port proxying to the app processes listening on `upstreamPorts` (127.0.0.1). */
export async function startNginx(upstreamPorts: number[]): Promise<NginxProcess> {
  const binary = nginxBinary();
  const prefix = mkdtempSync(join(tmpdir(), 'frontrow-nginx-'));
  // Started as root, nginx runs its workers as `nobody`: they must reach the prefix (mkdtemp makes it 0700).
  chmodSync(prefix, 0o755);
  for (const dir of ['conf', 'logs', 'temp']) mkdirSync(join(prefix, dir), { mode: 0o755 });
  const port = await freePort();
  copyFileSync(join(REPO_ROOT, 'deploy', 'nginx.conf'), join(prefix, 'conf', 'nginx.conf'));
  writeFileSync(
    join(prefix, 'conf', 'frontrow-upstream.conf'),
    upstreamPorts.map((p) => `server 127.0.0.1:${p} max_fails=1 fail_timeout=10s;\n`).join(''),
  );
  writeFileSync(join(prefix, 'conf', 'frontrow-listen.conf'), `listen 127.0.0.1:${port} reuseport;\n`);

  const errorLogPath = join(prefix, 'logs', 'error.log');
  const child = spawn(binary, ['-p', prefix, '-c', join(prefix, 'conf', 'nginx.conf'), '-e', errorLogPath, '-g', 'daemon off;'], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  running.add(child);
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => (running.delete(child), resolve())));
  const spawnFailed = new Promise<never>((_, reject) => child.once('error', (err) => reject(new Error(`could not start ${binary}: ${err.message}`))));
  void spawnFailed.catch(() => undefined);

  const read = (path: string) => {
    try {
      return readFileSync(path, 'utf8');
    } catch {
      return '';
    }
  };
  const errorLog = () => `${stderr}${read(errorLogPath)}`;
  const deadline = Date.now() + 15_000;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      rmSync(prefix, { recursive: true, force: true });
      throw new Error(`nginx exited on start (code ${child.exitCode}):\n${errorLog()}`);
    }
    if (await Promise.race([accepts(port), spawnFailed])) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`nginx did not listen on ${port} within 15 s:\n${errorLog()}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }

  const pid = child.pid!;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    pid,
    workerPids: () => childrenOf(pid),
    rssKiB: () => [pid, ...childrenOf(pid)].reduce((sum, p) => sum + rssOf(p), 0),
    errorLog,
    accessLog: () => read(join(prefix, 'logs', 'access.log')),
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(force);
      }
      rmSync(prefix, { recursive: true, force: true });
    },
  };
}
