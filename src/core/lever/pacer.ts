import type { ClockPort } from '../ports';

/** What a pacer knew when an execution ended: the next one starts from it, not from a full bucket. */
export interface PacerState {
  tokens: number;
  at: number;
}

/**
 * A token bucket that keeps requests under Lever's per-key limit (10 req/s, burst 20) instead of
 * bouncing off it: 9.5 requests a second, batches of up to 10. Parallel batches take one token
 * per request before they are sent. Its state outlives the execution (`state()`), so a fresh
 * execution right after another does not open with a burst Lever's bucket has no room for.
 */
export class Pacer {
  private tokens: number;
  private last: number;
  /** Total ms spent waiting for tokens. */
  waitedMs = 0;

  constructor(
    private readonly clock: ClockPort,
    readonly ratePerSecond = 9.5,
    readonly burst = 10,
    from: PacerState | null = null,
  ) {
    const valid = from && Number.isFinite(from.tokens) && Number.isFinite(from.at) && from.at <= clock.now();
    this.tokens = valid ? Math.max(0, Math.min(burst, from.tokens)) : burst;
    this.last = valid ? from.at : clock.now();
  }

  /** The bucket as it is now, to hand to the next execution. */
  state(): PacerState {
    this.refill();
    return { tokens: this.tokens, at: this.last };
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
