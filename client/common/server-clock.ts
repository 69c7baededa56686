/**
 * Countdowns run on server time: the offset between this device's clock and
 * the server's is measured once per connection (the best of a few round
 * trips to GET /api/time) and added to Date.now().
 */
export interface ServerTimeSample {
  sentAt: number;
  receivedAt: number;
  serverNow: number;
}

/** Offset from the sample with the shortest round trip (its midpoint is the best estimate). Pure. */
export function offsetFrom(samples: ServerTimeSample[]): number {
  if (samples.length === 0) return 0;
  const best = samples.reduce((a, b) => (b.receivedAt - b.sentAt < a.receivedAt - a.sentAt ? b : a));
  return best.serverNow - (best.sentAt + best.receivedAt) / 2;
}

export async function measureServerOffset(rounds = 3): Promise<number> {
  return (await sampleServerOffset(rounds)) ?? 0;
}

/** As measureServerOffset, but null when no round trip came back (the caller keeps the offset it had). */
export async function sampleServerOffset(rounds = 3): Promise<number | null> {
  const samples: ServerTimeSample[] = [];
  for (let i = 0; i < rounds; i++) {
    const sentAt = Date.now();
    try {
      const res = await fetch('/api/time', { cache: 'no-store' });
      const { now } = (await res.json()) as { now: number };
      samples.push({ sentAt, receivedAt: Date.now(), serverNow: now });
    } catch {
      // a lost sample only makes the estimate rougher
    }
  }
  return samples.length === 0 ? null : offsetFrom(samples);
}
