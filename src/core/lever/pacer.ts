import type { ClockPort } from '../ports';

/**
 * A token bucket that keeps one run's requests under Lever's per-key limit (10 req/s, burst 20)
 * instead of bouncing off it. Parallel batches take one token per request before they are sent.
 */
export class Pacer {
  private tokens: number;
  private last: number;
  /** Total ms spent waiting for tokens. */
  waitedMs = 0;

  constructor(
    private readonly clock: ClockPort,
    readonly ratePerSecond = 8,
    readonly burst = 10,
  ) {
    this.tokens = burst;
    this.last = clock.now();
  }

  /** Blocks until `n` requests may go out (n is capped at the burst size). */
  take(n = 1): void {
    const need = Math.min(n, this.burst);
    this.refill();
    if (this.tokens < need) {
      const wait = Math.ceil(((need - this.tokens) / this.ratePerSecond) * 1000);
      this.clock.sleep(wait);
      this.waitedMs += wait;
      this.refill();
    }
    this.tokens = Math.max(0, this.tokens - need);
  }

  /** Empties the bucket after a 429: the server says we are over, whatever we counted. */
  drain(): void {
    this.tokens = 0;
    this.last = this.clock.now();
  }

  private refill(): void {
    const now = this.clock.now();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.ratePerSecond);
    this.last = now;
  }
}
