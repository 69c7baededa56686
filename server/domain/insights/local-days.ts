/**
 * Local calendar days as numbers (issue 15): day n is the local date n days
 * after 1970-01-01, so days are compared and subtracted as integers instead
 * of formatted per entry — the insights' facts hold millions of entries and
 * Intl formatting costs microseconds each. The instant each day begins is
 * time.ts localMidnight, computed once per day and kept, so dayKey and this
 * class agree on every instant.
 */
import { DAY_MS, localMidnight } from '../time.ts';

export class LocalDays {
  private readonly starts = new Map<number, number>();

  constructor(readonly timeZone: string) {}

  /** Day number of a 'YYYY-MM-DD' date. */
  static numberOf(day: string): number {
    return Date.parse(`${day}T00:00:00Z`) / DAY_MS;
  }

  /** 'YYYY-MM-DD' of a day number. */
  static keyOf(n: number): string {
    return new Date(n * DAY_MS).toISOString().slice(0, 10);
  }

  /** The instant local day `n` begins. */
  start(n: number): number {
    let at = this.starts.get(n);
    if (at === undefined) {
      at = localMidnight(LocalDays.keyOf(n), this.timeZone);
      this.starts.set(n, at);
    }
    return at;
  }

  /** The local day holding `at`: within a day of its UTC date, since zones are less than a day from UTC. */
  of(at: number): number {
    let n = Math.floor(at / DAY_MS);
    while (this.start(n) > at) n--;
    while (this.start(n + 1) <= at) n++;
    return n;
  }

  /**
   * A number that steps up at every UTC midnight and every local midnight:
   * the UTC day plus the local day. Points bucketed by it can be summed up to
   * any local midnight and from any UTC midnight exactly — what the KPIs' tier
   * window reads (from a UTC day, up to the end of a local interval).
   */
  segmentOf(at: number): number {
    return Math.floor(at / DAY_MS) + this.of(at);
  }
}
