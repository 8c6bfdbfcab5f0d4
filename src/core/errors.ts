/**
 * The one error tree. Each class says what the engine should do with it:
 * - RetriableError: try the same request again after a pause (429, 5xx, network, truncated body).
 * - FatalError: stop the run; the user must change something (key, permission, config, limits).
 * - SkippableError: skip this item and go on (a child that vanished between list and fetch).
 * Every message is meant for a hiring manager and never contains the API key (see redact()).
 */
import type { ErrorCode } from '../shared/run';
import { secretForms } from './util/secrets';

export type { ErrorCode };

export abstract class SyncError extends Error {
  abstract readonly code: ErrorCode;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message);
    this.name = new.target.name;
    if (options && 'cause' in options) (this as { cause?: unknown }).cause = options.cause;
  }
}

export abstract class RetriableError extends SyncError {
  /** Server-given wait in ms (Retry-After), when there was one. */
  retryAfterMs?: number;
}

export class RateLimitedError extends RetriableError {
  readonly code = 'RATE_LIMITED' as const;
}
export class LeverUnavailableError extends RetriableError {
  readonly code = 'LEVER_UNAVAILABLE' as const;
}
export class NetworkError extends RetriableError {
  readonly code = 'NETWORK' as const;
}
export class MalformedResponseError extends RetriableError {
  readonly code = 'MALFORMED_RESPONSE' as const;
}

/** Google's own service failing for a moment (Sheets, Drive, properties): the run resumes later. */
export class GoogleUnavailableError extends RetriableError {
  readonly code = 'GOOGLE_UNAVAILABLE' as const;
}

export abstract class FatalError extends SyncError {}

/** A daily quota of the user's Google account is used up: retrying before it resets only fails again. */
export class QuotaError extends FatalError {
  readonly code = 'QUOTA' as const;
}

/**
 * Apps Script's own daily limit on UrlFetch calls (quotas page: "URL Fetch calls") said as what it
 * is, whoever was being called; null for any other failure.
 */
export function urlFetchQuotaError(e: unknown): QuotaError | null {
  if (!/Service invoked too many times for one day: urlfetch/i.test(e instanceof Error ? e.message : String(e))) return null;
  return new QuotaError(
    'Your Google account has made as many requests to other services today as Google allows (20,000 on a personal account, 100,000 on Workspace). Lever Sync pauses; runs go on where they stopped once Google resets the count, within a day. Nothing is lost.',
    { cause: e },
  );
}

/**
 * A call the manifest's urlFetchWhitelist (or the domain's admin) does not let the script make,
 * said as what to change; null for any other failure. Google's exact wording is not documented:
 * the match is on its gist.
 */
export function notAllowedError(e: unknown, url: string): ConfigError | null {
  if (!/not (permitted|allowed)|urlFetchWhitelist|allowlist/i.test(e instanceof Error ? e.message : String(e))) return null;
  const origin = url.split('/').slice(0, 3).join('/');
  return new ConfigError(
    'exports',
    `Apps Script does not let this add-on call ${origin}: a copy of the add-on deployed for you can add "${origin}/" to urlFetchWhitelist in appsscript.json (README, Copies to Azure and S3).`,
  );
}

/**
 * Lever Sync's own share of the day's UrlFetch calls is spent: a planned pause, not a failure (no
 * alert); the run keeps its checkpoint and goes on at `resumeAt`.
 */
export class BudgetSpentError extends QuotaError {
  constructor(
    message: string,
    readonly resumeAt: number,
  ) {
    super(message);
  }
}
export class AuthError extends FatalError {
  readonly code = 'AUTH' as const;
}
export class PermissionError extends FatalError {
  readonly code = 'PERMISSION' as const;
}
export class BadRequestError extends FatalError {
  readonly code = 'BAD_REQUEST' as const;
}
export class SheetLimitError extends FatalError {
  readonly code = 'SHEET_LIMIT' as const;

  /** Google's 10M-cell cap, hit before anything was written. */
  static cells(tab: string, extraRows: number, total: number): SheetLimitError {
    return new SheetLimitError(
      `Writing ${extraRows} more rows to "${tab}" would bring the spreadsheet to ${total.toLocaleString('en-US')} cells, over Google's limit of 10,000,000. Nothing was written. Remove unused tabs, rows or columns, choose fewer fields, or send this job to another spreadsheet.`,
    );
  }
}
/** A copy that does not read back as written (size or checksum): the next run writes it again. */
export class IntegrityError extends FatalError {
  readonly code = 'INTEGRITY' as const;
}
export class BusyError extends FatalError {
  readonly code = 'BUSY' as const;
}

/** A bad job or connection setting; `field` is the path of the offending setting. */
export class ConfigError extends FatalError {
  readonly code = 'CONFIG' as const;
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
  }
}

/** The tab's layout does not allow a safe write (its key column is gone); the user must fix the tab. */
export class TabLayoutError extends FatalError {
  readonly code = 'CONFIG' as const;
}

export class SkippableError extends SyncError {
  readonly code = 'NOT_FOUND' as const;
}

/** Wraps anything that is not a SyncError: a bug, never retried. */
export class InternalError extends SyncError {
  readonly code = 'INTERNAL' as const;
}

/**
 * How Apps Script services say they failed for a moment (public reports of each wording: "Service
 * Spreadsheets failed while accessing document with id …", "Service Spreadsheets timed out…",
 * "Service error: Spreadsheets", "We're sorry, a server error occurred. Please wait a bit and try again.";
 * advanced services: "GoogleJsonResponseException: API call to drive.files.create failed with error: Internal Error").
 */
const GOOGLE_TRANSIENT =
  /Service \w+ (failed|timed out)|Service error|server error occurred|Service unavailable|API call to [\w.]+ failed with error: (Internal Error|Backend Error)/i;

export function asSyncError(e: unknown): SyncError {
  if (e instanceof SyncError) return e;
  const message = e instanceof Error ? e.message : String(e);
  if (GOOGLE_TRANSIENT.test(message)) {
    return new GoogleUnavailableError(
      `Google did not answer in time (${message.replace(/^Exception: /, '').slice(0, 200)}). Nothing was lost: the run goes on from its last checkpoint next time.`,
      { cause: e },
    );
  }
  return new InternalError(`Unexpected error: ${message}`, { cause: e });
}

/** Removes every secret, in every form it can take (secretForms), from a text before it is logged or shown. */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of secrets) {
    if (!s || s.length < 4) continue;
    for (const form of secretForms(s)) out = out.split(form).join('[redacted]');
  }
  return out;
}
