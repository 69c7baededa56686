/**
 * The dependency state (server/dependency-state.ts): one warn when a
 * dependency goes down, one info when it is back, however many clients report
 * and however often; a client still reconnecting keeps it down; a failure of
 * a command sent before the client came back is old news.
 */
import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../../shared/error-codes.ts';
import { asDependencyFailure, DependencyState, isRedisOutage, markMayHaveRun } from '../../server/dependency-state.ts';
import { AppError, refused } from '../../server/errors.ts';

function recorder() {
  const lines: Array<{ level: 'warn' | 'info'; msg: string }> = [];
  const log = {
    warn: (_ctx: object, msg: string) => lines.push({ level: 'warn', msg }),
    info: (_ctx: object, msg: string) => lines.push({ level: 'info', msg }),
  };
  return { lines, log: log as never };
}

describe('DependencyState', () => {
  it('logs one warn per outage and one info when back, however many failures come in between', () => {
    const { lines, log } = recorder();
    const deps = new DependencyState(log);
    const a = {};
    const b = {};
    deps.register('redis', a);
    deps.register('redis', b);
    expect(deps.allUp()).toBe(true);

    deps.down('redis', a, 'ECONNREFUSED');
    deps.down('redis', b, 'ECONNREFUSED');
    for (let i = 0; i < 50; i++) deps.down('redis', a, 'Command timed out');
    expect(deps.isUp('redis')).toBe(false);
    expect(deps.unavailable()).toEqual(['redis']);

    deps.up('redis', a);
    // b is still reconnecting: the dependency stays down, nothing logged yet.
    expect(deps.isUp('redis')).toBe(false);
    deps.up('redis', b);
    expect(deps.allUp()).toBe(true);
    deps.up('redis', a);

    expect(lines.map((l) => l.level)).toEqual(['warn', 'info']);
  });

  it('ignores a failure of a command sent before the client last came back', () => {
    const { lines, log } = recorder();
    const deps = new DependencyState(log);
    const client = {};
    deps.register('redis', client);
    deps.down('redis', client, 'Command timed out');
    const sentWhileDown = deps.epoch('redis', client);
    deps.up('redis', client);
    deps.down('redis', client, 'Command timed out', sentWhileDown);
    expect(deps.allUp()).toBe(true);
    // A command sent after the comeback that fails is a new outage.
    deps.down('redis', client, 'Command timed out', deps.epoch('redis', client));
    expect(deps.allUp()).toBe(false);
    expect(lines.map((l) => l.level)).toEqual(['warn', 'info', 'warn']);
  });

  it('forgets a client closed for good, so it cannot hold the dependency down', () => {
    const deps = new DependencyState();
    const open = {};
    const closed = {};
    deps.register('redis', open);
    deps.register('redis', closed);
    deps.down('redis', closed, 'Connection is closed.');
    expect(deps.allUp()).toBe(false);
    deps.unregister('redis', closed);
    expect(deps.allUp()).toBe(true);
  });
});

describe('asDependencyFailure', () => {
  it('turns "Redis did not answer" into UNAVAILABLE with retryAfterMs, and nothing else', () => {
    for (const message of [
      'Command timed out',
      "Stream isn't writeable and enableOfflineQueue options is false",
      'Connection is closed.',
      "Socket timeout. Expecting data, but didn't receive any in 500ms.",
    ]) {
      expect(isRedisOutage(new Error(message))).toBe(true);
      expect(asDependencyFailure(new Error(message))?.toBody()).toMatchObject({ code: ErrorCode.UNAVAILABLE, retryAfterMs: expect.any(Number) });
    }
    const maxRetries = Object.assign(new Error('Reached the max retries per request limit (which is 0).'), { name: 'MaxRetriesPerRequestError' });
    expect(asDependencyFailure(maxRetries)?.code).toBe(ErrorCode.UNAVAILABLE);
    // An answer from Redis that is an error, or a bug, stays what it is (INTERNAL at the edge).
    expect(asDependencyFailure(new Error('NOSCRIPT No matching script'))).toBeNull();
    expect(asDependencyFailure(new TypeError('x is undefined'))).toBeNull();
    expect(asDependencyFailure(new AppError(ErrorCode.CONFLICT, 'no'))).toBeNull();
    // An UNAVAILABLE refusal (e.g. the SQLite lock) passes through as it is.
    const busy = refused('storage.busy', undefined, { retryAfterMs: 1000 });
    expect(asDependencyFailure(busy)).toBe(busy);
  });

  it('says OUTCOME_UNKNOWN, not UNAVAILABLE, for a failure marked as coming after a write was sent', () => {
    // server/redis-client.ts marks these: a command that may write, sent, then timed out or lost with its connection.
    for (const message of ['Command timed out', 'Connection is closed.', 'Socket timeout: nothing from Redis in 600 ms with commands waiting']) {
      const err = new Error(message);
      markMayHaveRun(err);
      expect(asDependencyFailure(err)?.toBody()).toMatchObject({ code: ErrorCode.OUTCOME_UNKNOWN, retryAfterMs: expect.any(Number) });
    }
    // Marking something that is not an outage (an answer that is an error) does not make it one.
    const answered = new Error('NOSCRIPT No matching script');
    markMayHaveRun(answered);
    expect(asDependencyFailure(answered)).toBeNull();
    // An OUTCOME_UNKNOWN refusal passes through as it is.
    const unknown = refused('dependency.outcomeUnknown', undefined, { retryAfterMs: 1000 });
    expect(asDependencyFailure(unknown)).toBe(unknown);
  });
});
