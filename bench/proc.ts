/**
 * What the bench reads about processes and the machine, from /proc (Linux):
 * resident memory (VmRSS, and its peak VmHWM) and CPU time of another process
 * by pid, plus the machine description printed with the figures.
 */
import { execFileSync } from 'node:child_process';
import { closeSync, fsyncSync, mkdtempSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { availableParallelism, release, tmpdir } from 'node:os';
import { join } from 'node:path';
import { summarize, type Summary } from './stats.ts';

export interface Memory {
  /** Resident set now, KiB. */
  rssKiB: number;
  /** Peak resident set since the process started, KiB. */
  hwmKiB: number;
}

export function memoryOf(pid: number): Memory {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const field = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+)\\s+kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rssKiB: field('VmRSS'), hwmKiB: field('VmHWM') };
}

let clockTicks: number | undefined;
function ticksPerSecond(): number {
  if (clockTicks === undefined) {
    try {
      clockTicks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      clockTicks = 100;
    }
  }
  return clockTicks;
}

/** User + system CPU time of a process so far, in milliseconds (resolution: one clock tick, usually 10 ms). */
export function cpuMsOf(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name (field 2) may hold spaces; fields after its closing parenthesis start at field 3.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  return ((utime + stime) * 1000) / ticksPerSecond();
}

/** Scheduler times of a process's main thread (`/proc/<pid>/task/<pid>/schedstat`), in ms. */
export interface SchedTimes {
  onCpuMs: number;
  /** Runnable but waiting for a CPU another process holds. */
  runqueueMs: number;
}

export function schedOf(pid: number): SchedTimes {
  const [onCpu, runqueue] = readFileSync(`/proc/${pid}/task/${pid}/schedstat`, 'utf8').trim().split(' ').map(Number);
  return { onCpuMs: (onCpu ?? NaN) / 1e6, runqueueMs: (runqueue ?? NaN) / 1e6 };
}

/** CPU time the whole machine spent busy (user, nice, system, irq, softirq, steal), all cores, in ms. */
export function machineBusyMs(): number {
  const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  const [user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0, steal = 0] = fields;
  return ((user + nice + system + irq + softirq + steal) * 1000) / ticksPerSecond();
}

/**
 * Samples the state letter of a process's main thread every `everyMs` until the
 * returned function is called, which gives the share (%) of samples in D:
 * uninterruptible sleep, in practice waiting on the disk (fsync). Node runs
 * JavaScript and better-sqlite3 on that thread; redis-server runs commands and
 * its AOF fsync there.
 */
export function sampleDiskWait(pid: number, everyMs = 2): () => number {
  let samples = 0;
  let disk = 0;
  const path = `/proc/${pid}/task/${pid}/stat`;
  const timer = setInterval(() => {
    try {
      const stat = readFileSync(path, 'utf8');
      samples++;
      if (stat.charAt(stat.lastIndexOf(')') + 2) === 'D') disk++;
    } catch {
      // the process is gone: nothing to count
    }
  }, everyMs);
  return () => {
    clearInterval(timer);
    return samples > 0 ? (disk / samples) * 100 : NaN;
  };
}

/** 4 KiB write + fsync, `n` times, in a fresh dir under the temp dir (where the bench's DATA_DIR and redis dir live). */
export function fsyncProbe(n = 50): Summary {
  const dir = mkdtempSync(join(tmpdir(), 'front-row-fsync-'));
  const fd = openSync(join(dir, 'probe'), 'w');
  const block = Buffer.alloc(4096, 1);
  const times: number[] = [];
  try {
    for (let i = 0; i < n; i++) {
      writeSync(fd, block);
      const t = performance.now();
      fsyncSync(fd);
      times.push(performance.now() - t);
    }
  } finally {
    closeSync(fd);
    rmSync(dir, { recursive: true, force: true });
  }
  return summarize(times);
}

export interface Machine {
  cpus: number;
  model: string;
  memory: string;
  kernel: string;
  node: string;
  redis: string;
  /** The temp dir's filesystem. */
  tmpFilesystem: string;
  fsync: Summary;
}

export function describeMachine(redisBinary: string): Machine {
  const cpuinfo = safeRead('/proc/cpuinfo');
  const meminfo = safeRead('/proc/meminfo');
  const memKiB = Number(/^MemTotal:\s+(\d+)\s+kB/m.exec(meminfo)?.[1] ?? NaN);
  let redis = 'not found';
  try {
    const out = execFileSync(redisBinary, ['--version'], { encoding: 'utf8' });
    redis = /v=(\S+)/.exec(out)?.[1] ?? out.trim();
  } catch {
    // reported as "not found"
  }
  return {
    cpus: availableParallelism(),
    model: /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1]?.trim() ?? 'unknown',
    memory: Number.isFinite(memKiB) ? `${(memKiB / 1024 / 1024).toFixed(1)} GiB` : 'unknown',
    kernel: `Linux ${release()}`,
    node: process.version,
    redis,
    tmpFilesystem: filesystemOf(tmpdir()),
    fsync: fsyncProbe(),
  };
}

function safeRead(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

/** "ext4 on /dev/vda" for the mount holding `path` (longest matching mount point in /proc/mounts). */
function filesystemOf(path: string): string {
  let best: { point: string; text: string } | undefined;
  for (const line of safeRead('/proc/mounts').split('\n')) {
    const [device, point, type] = line.split(' ');
    if (!device || !point || !type) continue;
    const inside = path === point || path.startsWith(point.endsWith('/') ? point : `${point}/`);
    if (inside && (!best || point.length > best.point.length)) best = { point, text: `${type} on ${device}` };
  }
  return best?.text ?? 'unknown';
}
