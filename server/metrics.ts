/**
 * What an operator's Prometheus scrapes at `/metrics` (issue 10): prom-client's
 * process metrics (CPU, memory, GC, event-loop delay) and Front Row's own —
 * connections per namespace, client events by kind and outcome with their
 * handling time, admission refusals, the embedded group commit's batch sizes
 * and commit times, Redis script round trips, HTTP requests by route,
 * readiness. One registry per app (tests run several apps in one process).
 * Served only when METRICS_TOKEN is set, to a bearer of it (http-app.ts).
 */
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

export class Metrics {
  readonly registry = new Registry();

  /** Every client→server socket event, by event name and outcome (`ok` or the error code). */
  readonly events = new Counter({
    name: 'frontrow_socket_events_total',
    help: 'Socket events handled, by event and outcome (ok or the error code)',
    labelNames: ['event', 'outcome'] as const,
    registers: [this.registry],
  });

  /** From the event's arrival to its ack: parse, budget, the work, the wait for storage. */
  readonly eventSeconds = new Histogram({
    name: 'frontrow_socket_event_seconds',
    help: 'Time from a socket event to its ack',
    labelNames: ['event'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [this.registry],
  });

  readonly commitBatch = new Histogram({
    name: 'frontrow_sqlite_commit_batch_size',
    help: 'Engine calls committed together by one group commit (embedded mode)',
    buckets: [1, 2, 4, 8, 16, 32, 64, 128, 256],
    registers: [this.registry],
  });

  readonly commitSeconds = new Histogram({
    name: 'frontrow_sqlite_commit_seconds',
    help: 'Time one group commit held the event loop: its calls, the COMMIT and its fsync',
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25],
    registers: [this.registry],
  });

  /** Every Lua script run on Redis, by script name: the round trip as the caller waits for it. */
  readonly redisSeconds = new Histogram({
    name: 'frontrow_redis_command_seconds',
    help: 'Time from sending a Redis script (by name) to its reply',
    labelNames: ['command'] as const,
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1],
    registers: [this.registry],
  });

  /** Every HTTP request, by express route pattern (not the raw URL: ids would make a series each), method and status. */
  readonly httpRequests = new Counter({
    name: 'frontrow_http_requests_total',
    help: 'HTTP requests answered, by route pattern, method and status',
    labelNames: ['route', 'method', 'status'] as const,
    registers: [this.registry],
  });

  readonly httpSeconds = new Histogram({
    name: 'frontrow_http_request_seconds',
    help: 'Time from an HTTP request to the end of its answer, by route pattern and method',
    labelNames: ['route', 'method'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [this.registry],
  });

  /** Socket events refused by admission control (realtime/admission.ts), by which bound was hit. */
  readonly admissionRefusals = new Counter({
    name: 'frontrow_admission_refusals_total',
    help: 'Socket events refused UNAVAILABLE (server.busy) before running, by the bound that was hit',
    labelNames: ['reason'] as const,
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'frontrow_', eventLoopMonitoringPrecision: 10 });
  }

  /** A gauge read when scraped (connections, readiness): `read` gives the value of each label set. */
  gauge(name: string, help: string, labelName: string, read: () => Record<string, number>): void {
    new Gauge({
      name,
      help,
      labelNames: [labelName],
      registers: [this.registry],
      collect() {
        for (const [label, value] of Object.entries(read())) this.set({ [labelName]: label }, value);
      },
    });
  }

  /** A gauge without labels, read when scraped. */
  reading(name: string, help: string, read: () => number): void {
    new Gauge({
      name,
      help,
      registers: [this.registry],
      collect() {
        this.set(read());
      },
    });
  }
}
