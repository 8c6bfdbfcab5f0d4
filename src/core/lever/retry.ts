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

/** Says, on a passing error tried as often as the policy allows, that the tries are spent. */
export function triesSpent(error: unknown, attempt: number, policy: RetryPolicy): void {
  if (!(error instanceof RetriableError) || attempt < policy.maxAttempts || error.message.includes('Gave up after')) return;
  error.message += ` Gave up after ${attempt} tries, waiting up to ${policy.maxDelayMs / 1000} s between them (the job's retry policy); the next run goes on from where this one stopped.`;
}

/** Reads a Retry-After header (seconds); a malformed one counts as absent. */
export function parseRetryAfter(value: string | undefined): number | undefined {
  if (value === undefined || !/^\s*\d+(\.\d+)?\s*$/.test(value)) return undefined;
  return Math.round(Number(value) * 1000);
}

/** The policy a job asks for: its tries and longest wait, the default's backoff and jitter. */
export function jobRetryPolicy(settings: { maxAttempts: number; maxWaitSeconds: number } | undefined): RetryPolicy {
  return settings ? { ...DEFAULT_RETRY, maxAttempts: settings.maxAttempts, maxDelayMs: settings.maxWaitSeconds * 1000 } : DEFAULT_RETRY;
}

/** Runs `work`, trying again after passing errors as the policy says (a copy's destination). */
export function retrying<T>(work: () => T, policy: RetryPolicy, sleep: (ms: number) => void): T {
  for (let attempt = 1; ; attempt++) {
    try {
      return work();
    } catch (e) {
      const delay = retryDelay(e, attempt, policy);
      if (delay === null) {
        triesSpent(e, attempt, policy);
        throw e;
      }
      sleep(delay);
    }
  }
}
