/** A clock tests move by hand, so credited watch time is exact, not "about 15 s". */
export class TestClock {
  constructor(public now = Date.parse('2026-11-23T04:00:00Z')) {}
  readonly read = () => this.now;
  advance(ms: number): number {
    this.now += ms;
    return this.now;
  }
}
