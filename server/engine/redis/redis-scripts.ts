/**
 * Loads the engine's Lua scripts from `lua/` into an ioredis client with
 * `defineCommand` (bullmq's script-loader habit): one script per file named
 * `camelCaseName-<numKeys>.lua`, so the file name alone says how many KEYS the
 * command takes. ioredis runs them with EVALSHA and falls back to EVAL when the
 * server forgot the script (e.g. after a Redis restart).
 *
 * Helpers several scripts share live in `lua/includes/<name>.lua` and are
 * pasted in where a script has a line `--- @include "includes/<name>"`
 * (bullmq's include habit, one level deep), so a rule such as "a due
 * reservation expires and returns its unit" is written once.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Redis } from 'ioredis';
import { timedScripts } from '../../redis-client.ts';

export const scriptNames = [
  'award',
  'spend',
  'reverse',
  'refund',
  'ledgerAck',
  'presenceJoin',
  'presenceLeave',
  'presenceSweep',
  'watchBegin',
  'watchAccrue',
  'watchCredit',
  'watchTouch',
  'watchChest',
  'watchClock',
  'hit',
  'checkin',
  'dropDefine',
  'dropClaim',
  'dropExpire',
  'claimConfirm',
  'claimCancel',
  'dropClose',
  'dropRetire',
  'lotteryEnter',
  'lotteryClose',
  'beatAward',
  'cappedAward',
  'chatRemove',
  'rewardPut',
  'rewardCodes',
  'rewardRedeem',
  'rewardSettle',
  'missionProgress',
] as const;
export type ScriptName = (typeof scriptNames)[number];

type Arg = string | number;

/** Runs one script: `keys` must be exactly as many as its file name says. */
export type RunScript = (name: ScriptName, keys: string[], args: Arg[]) => Promise<unknown>;

const LUA_DIR = fileURLToPath(new URL('./lua/', import.meta.url));
const FILE_NAME = /^([a-z][A-Za-z0-9]*)-(\d+)\.lua$/;
const INCLUDE = /^--- @include "(includes\/[A-Za-z0-9]+)"$/gm;

interface ScriptFile {
  lua: string;
  numberOfKeys: number;
}

let cache: Map<string, ScriptFile> | undefined;

/** Reads `lua/` once per process. */
function scriptFiles(): Map<string, ScriptFile> {
  if (cache) return cache;
  const files = new Map<string, ScriptFile>();
  for (const file of readdirSync(LUA_DIR)) {
    const m = FILE_NAME.exec(file);
    if (!m) continue;
    const lua = readFileSync(LUA_DIR + file, 'utf8').replace(INCLUDE, (_, name: string) => readFileSync(`${LUA_DIR}${name}.lua`, 'utf8'));
    files.set(m[1]!, { lua, numberOfKeys: Number(m[2]) });
  }
  for (const name of scriptNames) if (!files.has(name)) throw new Error(`missing Lua script ${name}-<numKeys>.lua in ${LUA_DIR}`);
  cache = files;
  return files;
}

/** Defines every script on `redis` and returns a typed runner. */
export function loadScripts(redis: Redis): RunScript {
  const files = scriptFiles();
  for (const name of scriptNames) redis.defineCommand(name, files.get(name)!);
  const commands = redis as unknown as Record<ScriptName, (...args: Arg[]) => Promise<unknown>>;
  return timedScripts(redis, (name: ScriptName, keys: string[], args: Arg[]) => {
    const expected = files.get(name)!.numberOfKeys;
    if (keys.length !== expected) throw new Error(`script ${name} takes ${expected} keys, got ${keys.length}`);
    return commands[name](...keys, ...args);
  });
}
