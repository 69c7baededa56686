/**
 * The Throttle port (throttle.ts) on rate-limiter-flexible: RateLimiterMemory
 * for embedded mode, RateLimiterRedis (one Lua script per count, so it is
 * atomic across processes) on the app's Redis for Redis mode. Both share one
 * adapter, so they differ only in where the counts live.
 */
import type { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { createRedisClient, type RedisClientSettings } from '../redis-client.ts';
import type { Count, Counter, CounterSpec, Throttle } from './throttle.ts';

class FlexibleCounter implements Counter {
  constructor(
    readonly spec: CounterSpec,
    private readonly limiter: RateLimiterAbstract,
  ) {}

  async blockedFor(key: string): Promise<number> {
    const res = await this.limiter.get(key);
    return res && res.consumedPoints > this.spec.points ? Math.max(1, res.msBeforeNext) : 0;
  }

  async add(key: string, points = 1): Promise<Count> {
    try {
      const res = await this.limiter.consume(key, points);
      return { count: res.consumedPoints, msBeforeNext: res.msBeforeNext };
    } catch (err) {
      // Over the limit is an answer, not an error; a store failure is rethrown.
      if (err instanceof RateLimiterRes) return { count: err.consumedPoints, msBeforeNext: err.msBeforeNext };
      throw err;
    }
  }

  async current(key: string): Promise<number> {
    return (await this.limiter.get(key))?.consumedPoints ?? 0;
  }

  async remove(key: string, points = 1): Promise<void> {
    await this.limiter.reward(key, points);
  }

  async block(key: string, seconds: number): Promise<void> {
    await this.limiter.block(key, seconds);
  }

  async reset(key: string): Promise<void> {
    await this.limiter.delete(key);
  }
}

/** One process: counts in this process's memory (embedded mode). */
export class MemoryThrottle implements Throttle {
  readonly kind = 'memory' as const;
  private readonly counters = new Map<string, Counter>();

  async init(): Promise<void> {}

  counter(spec: CounterSpec): Counter {
    let counter = this.counters.get(spec.name);
    if (!counter) {
      counter = new FlexibleCounter(spec, new RateLimiterMemory({ keyPrefix: spec.name, points: spec.points, duration: spec.durationSeconds }));
      this.counters.set(spec.name, counter);
    }
    return counter;
  }

  async close(): Promise<void> {}
}

export interface RedisThrottleOptions {
  redisUrl: string;
  /** Prefix of every key (the app's REDIS_PREFIX plus a throttle segment). */
  keyPrefix: string;
  /** Command timeout and health reporting (server/redis-client.ts): an outage is logged once, there. */
  client: RedisClientSettings;
}

/**
 * Every process on one Redis shares the counts (Redis mode). While Redis is
 * unreachable each process counts in its own memory (rate-limiter-flexible's
 * insurance limiter): limits per process, never an open door or a 500.
 */
export class RedisThrottle implements Throttle {
  readonly kind = 'redis' as const;
  private readonly redis: Redis;
  private readonly counters = new Map<string, Counter>();

  constructor(private readonly options: RedisThrottleOptions) {
    this.redis = createRedisClient(options.redisUrl, options.client, { kind: 'command' });
  }

  async init(): Promise<void> {
    await this.redis.connect();
  }

  counter(spec: CounterSpec): Counter {
    let counter = this.counters.get(spec.name);
    if (!counter) {
      const limiter = new RateLimiterRedis({
        storeClient: this.redis,
        keyPrefix: `${this.options.keyPrefix}${spec.name}`,
        points: spec.points,
        duration: spec.durationSeconds,
        // Redis unreachable (not ready: no waiting on retries): count in this process meanwhile rather than fail every login.
        rejectIfRedisNotReady: true,
        insuranceLimiter: new RateLimiterMemory({ keyPrefix: spec.name, points: spec.points, duration: spec.durationSeconds }),
      });
      counter = new FlexibleCounter(spec, limiter);
      this.counters.set(spec.name, counter);
    }
    return counter;
  }

  async close(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}
