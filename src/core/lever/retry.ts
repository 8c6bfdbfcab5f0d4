import { RetriableError } from '../errors';

/**
 * When and how long to wait before trying a request again. Defaults follow Lever's advice
 * (exponential backoff on 429 and 5xx) with full jitter so parallel runs do not retry in step.
 */
export interface RetryPolicy {
  /** Tries in all, the first one included. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** Returns a number in [0, 1). */
  random: () => number;
}

export const DEFAULT_RETRY: RetryPolicy = {
  maxAttempts: 6,
  baseDelayMs: 1000,
  maxDelayMs: 30000,
  random: Math.random,
};

/**
 * The wait before attempt `attempt + 1`, or null to give up. Reads top to bottom:
 * never retry what is not retriable (bugs, auth, bad requests); stop after maxAttempts;
 * a server-given wait wins and gets no jitter; otherwise exponential backoff with jitter.
 */
export function retryDelay(error: unknown, attempt: number, policy: RetryPolicy): number | null {
  if (!(error instanceof RetriableError)) return null;
  if (attempt >= policy.maxAttempts) return null;
  if (error.retryAfterMs !== undefined && error.retryAfterMs >= 0) return Math.min(error.retryAfterMs, policy.maxDelayMs);
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.round(ceiling / 2 + (ceiling / 2) * policy.random());
}

/** Reads a Retry-After header (seconds); a malformed one counts as absent. */
export function parseRetryAfter(value: string | undefined): number | undefined {
  if (value === undefined || !/^\s*\d+(\.\d+)?\s*$/.test(value)) return undefined;
  return Math.round(Number(value) * 1000);
}
