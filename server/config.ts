/**
 * All configuration comes from the environment, parsed once at start. A bad
 * value stops the process with one clear message naming the variable.
 */
import { compileTrustProxy, type TrustProxy } from './client-address.ts';
import type { AuthLimits } from './domain/auth-throttle.ts';
import { parseAllowedOrigins } from './origin-policy.ts';
import type { AdmissionLimits } from './realtime/admission.ts';
import { z } from 'zod';
import { QUICKNET } from '../shared/drand.ts';

const optionalString = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATA_DIR: z.string().min(1).default('./data'),
  PUBLIC_URL: optionalString.pipe(z.url().optional()),
  /** Browser origins besides this site's own that may call the API and open sockets (server/origin-policy.ts). */
  ALLOWED_ORIGINS: z
    .string()
    .default('')
    .refine((v) => allowedOriginsError(v) === null, { message: 'a comma-separated list of origins such as https://shop.example' }),
  REDIS_URL: optionalString.pipe(z.string().regex(/^rediss?:\/\//, 'must start with redis:// or rediss://').optional()),
  REDIS_PREFIX: z.string().regex(/^[A-Za-z0-9:_-]{1,40}$/).default('fr:'),
  /** A Redis connection with commands waiting that hears nothing for this long is stalled: its callers get UNAVAILABLE (server/redis-client.ts). */
  REDIS_COMMAND_TIMEOUT_MS: z.coerce.number().int().min(50).max(60_000).default(500),
  MONGODB_URI: optionalString.pipe(z.string().regex(/^mongodb(\+srv)?:\/\//, 'must start with mongodb://').optional()),
  HOST_KEY: optionalString.pipe(z.string().min(12, 'at least 12 characters').optional()),
  JWT_SECRET: optionalString.pipe(z.string().min(32, 'at least 32 characters').optional()),
  SHOP_SSO_SECRET: optionalString.pipe(z.string().min(32, 'at least 32 characters').optional()),
  /** The `aud` every shop assertion must carry; unset: the public URL. */
  SHOP_SSO_AUDIENCE: optionalString.pipe(z.string().max(512).optional()),
  WEBHOOK_SECRET: optionalString.pipe(z.string().min(32, 'at least 32 characters').optional()),
  /** Bearer token Prometheus sends to GET /metrics; unset: /metrics is not served. */
  METRICS_TOKEN: optionalString.pipe(z.string().min(16, 'at least 16 characters').optional()),
  MEMBER_TOKEN_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** scrypt cost exponent (N = 2^cost). 15 is ~100 ms here; tests lower it. */
  PASSWORD_COST: z.coerce.number().int().min(10).max(20).default(15),
  // Authentication throttles (issue 8; services/auth-throttle.ts, auth/hash-queue.ts). Tests raise the first and the last.
  /** Sign-ups (attempts past validation) from one address per hour. */
  SIGNUPS_PER_ADDRESS_PER_HOUR: z.coerce.number().int().min(1).max(1_000_000).default(10),
  /** Failed logins of one account (or the host key, or SSO) from one address in 15 min before a lockout (60 s, doubling). */
  AUTH_FAILURES_PER_ACCOUNT_ADDRESS: z.coerce.number().int().min(1).max(1_000_000).default(5),
  /** Failed logins from one address, any account, in 15 min before a lockout of the address (60 s, doubling). */
  AUTH_FAILURES_PER_ADDRESS: z.coerce.number().int().min(1).max(1_000_000).default(30),
  /** Member password hashes (scrypt) running at once; the host key has one more of its own. Together below libuv's thread pool (4 by default). */
  PASSWORD_HASHES_IN_FLIGHT: z.coerce.number().int().min(1).max(64).default(2),
  /** Hashes waiting beyond those (each line); more are refused at once (503 UNAVAILABLE, Retry-After). */
  PASSWORD_HASH_QUEUE: z.coerce.number().int().min(0).max(1_000_000).default(32),
  /** Which peers may name the client in X-Forwarded-For: unset/false (none), true, loopback, a hop count, or addresses/CIDRs. */
  TRUST_PROXY: z
    .string()
    .default('false')
    .refine((v) => trustProxyError(v) === null, { message: 'false, true, a hop count, or a comma-separated list of addresses, CIDRs or loopback/linklocal/uniquelocal' }),
  // ---- realtime budgets and slow senders (issue 8) ----
  /** Guest sockets one address may hold on /live at once (members are never capped by address). */
  GUEST_CONNECTIONS_PER_ADDRESS: z.coerce.number().int().min(1).max(1_000_000).default(50),
  /** Multiplies every realtime event budget (domain/budget.ts): load harnesses raise it; it cannot go below 1. */
  SOCKET_BUDGET_SCALE: z.coerce.number().min(1).max(1_000_000).default(1),
  // ---- admission control (issue 10; realtime/admission.ts): a 10,000-member show stays far below these ----
  /** Socket events one process runs at once (arrived, not yet acked); beyond it an event is refused UNAVAILABLE at once. */
  ADMISSION_EVENTS_IN_FLIGHT: z.coerce.number().int().min(1).max(10_000_000).default(20_000),
  /** Events are refused while the event loop's worst delay in the last 250 ms passed this. */
  ADMISSION_LOOP_DELAY_MS: z.coerce.number().int().min(1).max(600_000).default(1_000),
  /** What a refused client is told to wait before trying again, at least (up to twice it, spread at random). */
  ADMISSION_RETRY_AFTER_MS: z.coerce.number().int().min(1).max(600_000).default(500),
  /** A request's headers must arrive within this (node's server.headersTimeout). */
  HTTP_HEADERS_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(10_000),
  /** The whole request (headers and body) within this (server.requestTimeout); at least the headers timeout. */
  HTTP_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(100).max(3_600_000).default(30_000),
  /** An idle keep-alive connection is closed after this (server.keepAliveTimeout). */
  HTTP_KEEP_ALIVE_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(5_000),
  // ---- outbound webhooks to the shop (issue 13; services/outbound-webhooks.ts) ----
  /** Where reward.redeemed, reward.rejected and tier.changed are POSTed; unset: none are sent (or stored). */
  OUTBOUND_WEBHOOK_URL: optionalString.pipe(z.url({ protocol: /^https?$/ }).optional()),
  /** Keys the HMAC-SHA256 of each body (X-FrontRow-Signature), as the shop's own webhooks are signed. */
  OUTBOUND_WEBHOOK_SECRET: optionalString.pipe(z.string().min(32, 'at least 32 characters').optional()),
  // ---- lottery draws (issue 12; services/lottery-draw.ts) ----
  /** drand: v2 draws mixing the seed with a drand round named when entries freeze; none: v1, commit-only (the operator must be trusted). */
  LOTTERY_BEACON: z.enum(['drand', 'none']).default('drand'),
  /** drand HTTP relays, tried in order; every round is verified against the chain's key whichever relay serves it. */
  LOTTERY_DRAND_URLS: z
    .string()
    .default('https://api.drand.sh,https://api2.drand.sh,https://drand.cloudflare.com')
    .transform((v) => v.split(',').map((u) => u.trim().replace(/\/+$/, '')).filter(Boolean))
    .pipe(z.array(z.url({ protocol: /^https?$/ })).min(1, 'at least one relay URL')),
  /** The drand chain's hash; quicknet by default. Another chain's info is fetched from the relays and checked against this hash. */
  LOTTERY_DRAND_CHAIN: z.string().regex(/^[0-9a-f]{64}$/, '64 lowercase hex characters').default(QUICKNET.hash),
  // ---- bounded Redis memory (issue 10) ----
  /** How long an ended show's hot state stays in Redis (its dashboard numbers, replies to late retries): 1 minute to 30 days. */
  SHOW_RETENTION_SECONDS: z.coerce.number().int().min(60).max(30 * 86_400).default(86_400),
  /** How often saved segments are evaluated for segment.changed (issue 15). */
  SEGMENT_WATCH_SECONDS: z.coerce.number().int().min(1).max(86_400).default(600),
});

function allowedOriginsError(value: string): string | null {
  try {
    parseAllowedOrigins(value);
    return null;
  } catch (err) {
    return (err as Error).message;
  }
}

function trustProxyError(value: string): string | null {
  try {
    compileTrustProxy(value);
    return null;
  } catch (err) {
    return (err as Error).message;
  }
}

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  publicUrl: string | undefined;
  /** ALLOWED_ORIGINS, canonical: origins besides this site's own that browsers may call from. */
  allowedOrigins: string[];
  redisUrl: string | undefined;
  redisPrefix: string;
  /** REDIS_COMMAND_TIMEOUT_MS: how long a Redis connection with commands waiting may stay silent (each command: 10 times that at most). */
  redisCommandTimeoutMs: number;
  mongodbUri: string | undefined;
  hostKey: string | undefined;
  jwtSecret: string | undefined;
  shopSsoSecret: string | undefined;
  /** SHOP_SSO_AUDIENCE; undefined: shop assertions must name the public URL. */
  shopSsoAudience: string | undefined;
  /** HMAC key the shop signs order webhooks with; unset: the webhook is refused. */
  webhookSecret: string | undefined;
  /** METRICS_TOKEN: who may read /metrics; unset: nobody (404). */
  metricsToken: string | undefined;
  memberTokenDays: number;
  logLevel: z.infer<typeof EnvSchema>['LOG_LEVEL'];
  passwordCost: number;
  /** Who may name the client address (server/client-address.ts); per-address limits count what it returns. */
  trustProxy: TrustProxy;
  /** Authentication throttles (domain/auth-throttle.ts). */
  authLimits: AuthLimits;
  /** The bounded password-hashing line (auth/hash-queue.ts). */
  passwordHashes: { inFlight: number; waiting: number };
  /** Guest sockets per address on /live (GUEST_CONNECTIONS_PER_ADDRESS). */
  guestConnectionsPerAddress: number;
  /** SHOW_RETENTION_SECONDS in ms: an ended show's hot state leaves Redis this long after the end. */
  showRetentionMs: number;
  /** SEGMENT_WATCH_SECONDS in ms: saved segments' membership is evaluated this often. */
  segmentWatchMs: number;
  /** SOCKET_BUDGET_SCALE: every realtime event budget times this. */
  socketBudgetScale: number;
  /** Admission control of socket events (realtime/admission.ts). */
  admission: AdmissionLimits;
  /** Slow senders: node's headersTimeout, requestTimeout and keepAliveTimeout, in ms. */
  http: { headersTimeoutMs: number; requestTimeoutMs: number; keepAliveTimeoutMs: number };
  /** null: no outbound webhooks. */
  outboundWebhook: { url: string; secret: string } | null;
  /** null: v1 draws (LOTTERY_BEACON=none). */
  lotteryBeacon: { relays: string[]; chainHash: string } | null;
  /** Which run mode the variables select (see ARCHITECTURE.md). */
  mode: 'embedded' | 'redis' | 'services';
}

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ConfigError(`invalid environment: ${issue.path.join('.')}: ${issue.message}`);
  }
  const e = parsed.data;
  if (e.HTTP_REQUEST_TIMEOUT_MS < e.HTTP_HEADERS_TIMEOUT_MS) {
    throw new ConfigError('invalid environment: HTTP_REQUEST_TIMEOUT_MS must be at least HTTP_HEADERS_TIMEOUT_MS');
  }
  if (Boolean(e.OUTBOUND_WEBHOOK_URL) !== Boolean(e.OUTBOUND_WEBHOOK_SECRET)) {
    throw new ConfigError('invalid environment: OUTBOUND_WEBHOOK_URL and OUTBOUND_WEBHOOK_SECRET go together (every delivery is signed)');
  }
  if (e.MONGODB_URI && !e.REDIS_URL) {
    throw new ConfigError('invalid environment: MONGODB_URI needs REDIS_URL too (services mode keeps hot state in Redis)');
  }
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: e.DATA_DIR,
    publicUrl: e.PUBLIC_URL,
    allowedOrigins: parseAllowedOrigins(e.ALLOWED_ORIGINS),
    redisUrl: e.REDIS_URL,
    redisPrefix: e.REDIS_PREFIX,
    redisCommandTimeoutMs: e.REDIS_COMMAND_TIMEOUT_MS,
    mongodbUri: e.MONGODB_URI,
    hostKey: e.HOST_KEY,
    jwtSecret: e.JWT_SECRET,
    shopSsoSecret: e.SHOP_SSO_SECRET,
    shopSsoAudience: e.SHOP_SSO_AUDIENCE,
    webhookSecret: e.WEBHOOK_SECRET,
    metricsToken: e.METRICS_TOKEN,
    memberTokenDays: e.MEMBER_TOKEN_DAYS,
    logLevel: e.LOG_LEVEL,
    passwordCost: e.PASSWORD_COST,
    trustProxy: compileTrustProxy(e.TRUST_PROXY),
    authLimits: {
      signupsPerAddressPerHour: e.SIGNUPS_PER_ADDRESS_PER_HOUR,
      failuresPerAccountAddress: e.AUTH_FAILURES_PER_ACCOUNT_ADDRESS,
      failuresPerAddress: e.AUTH_FAILURES_PER_ADDRESS,
    },
    passwordHashes: { inFlight: e.PASSWORD_HASHES_IN_FLIGHT, waiting: e.PASSWORD_HASH_QUEUE },
    guestConnectionsPerAddress: e.GUEST_CONNECTIONS_PER_ADDRESS,
    showRetentionMs: e.SHOW_RETENTION_SECONDS * 1000,
    segmentWatchMs: e.SEGMENT_WATCH_SECONDS * 1000,
    socketBudgetScale: e.SOCKET_BUDGET_SCALE,
    admission: { eventsInFlight: e.ADMISSION_EVENTS_IN_FLIGHT, loopDelayMs: e.ADMISSION_LOOP_DELAY_MS, retryAfterMs: e.ADMISSION_RETRY_AFTER_MS },
    http: { headersTimeoutMs: e.HTTP_HEADERS_TIMEOUT_MS, requestTimeoutMs: e.HTTP_REQUEST_TIMEOUT_MS, keepAliveTimeoutMs: e.HTTP_KEEP_ALIVE_TIMEOUT_MS },
    outboundWebhook: e.OUTBOUND_WEBHOOK_URL && e.OUTBOUND_WEBHOOK_SECRET ? { url: e.OUTBOUND_WEBHOOK_URL, secret: e.OUTBOUND_WEBHOOK_SECRET } : null,
    lotteryBeacon: e.LOTTERY_BEACON === 'none' ? null : { relays: e.LOTTERY_DRAND_URLS, chainHash: e.LOTTERY_DRAND_CHAIN },
    mode: e.MONGODB_URI ? 'services' : e.REDIS_URL ? 'redis' : 'embedded',
  };
}
