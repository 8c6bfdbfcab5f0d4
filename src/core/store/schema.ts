/**
 * Everything the add-on stores, in one place: which store, which key, what it holds, how big it
 * may grow, and how older stored shapes are read. No other module spells a storage key.
 *
 * Stores (see src/core/app/platform.ts):
 * - user: the user's properties, per user across spreadsheets. 9 KB a value, 500 KB in all.
 * - document: the spreadsheet's own developer metadata. 30,000 characters for the spreadsheet.
 * - job: a job's tab's developer metadata (the document store until the tab exists). 30,000 each.
 */

import { migrateStoredExports } from '../export/config';

/** Bumped when a stored shape changes; readers migrate older shapes (migrateStoredJob). */
export const SCHEMA_VERSION = 2;

/**
 * A stored job as today's code reads it. Version 1 kept one Drive copy as `mirror`; version 2
 * keeps a list of `exports`. Jobs are rewritten in the new shape the next time they are saved.
 */
export function migrateStoredJob(raw: Record<string, unknown>): void {
  migrateStoredExports(raw);
}

/** Apps Script refuses a property value over 9 KB of UTF-8; job values are held to the same size. */
export const VALUE_MAX_BYTES = 9 * 1024;

/**
 * The spreadsheet keeps its jobs in developer metadata, at most 30,000 characters for the whole
 * spreadsheet; what is left is room for the schedule owner, the lease and jobs' state before
 * their tab exists.
 */
export const JOBS_MAX_CHARS = 24_000;

/** The user's properties. */
export const USER_KEYS = {
  /** The Lever API key: here and nowhere else. */
  apiKey: 'lever.apiKey',
  /** 'production' or 'sandbox'. */
  environment: 'lever.environment',
  /** What Lever last said of the key: accepted or refused, and what it may not read. */
  keyStatus: 'lever.keyStatus',
  /** Spreadsheets whose schedule this user owns, served by their one trigger. */
  registry: 'schedule.registry',
  /** UrlFetch calls and trigger time per hour over the last day, across spreadsheets (quota.ts). */
  ledger: 'schedule.ledger',
  /** 'consumer' or 'workspace': which of Google's daily quotas apply. */
  account: 'quota.account',
  /** When the re-authorization notice was last mailed (at most daily). */
  reauthMailedAt: 'reauth.lastMailAt',
  /** Written and removed at once by "Check this spreadsheet". */
  probe: 'check.probe',
  /** A destination's secret (an Azure container's SAS token), per container: here and nowhere else. */
  destinationSecret: (target: string) => `destination.secret:${target}`,
  /** The webhook alerts post to, and the secret they are signed with ({url, secret}): here and nowhere else. */
  webhook: 'alerts.webhook',
} as const;

/** The spreadsheet's store. */
export const DOCUMENT_KEYS = {
  /** One JSON value per job. */
  jobPrefix: 'job:',
  job: (id: string) => `job:${id}`,
  /** The secret for hashing personal data: the same email hashes alike in every tab. */
  salt: 'privacy.salt',
  /** Whose trigger and key run the scheduled jobs. */
  owner: 'schedule.owner',
  /** Set once a job has synced: its tab going missing later is worth saying. */
  synced: (jobId: string) => `synced:${jobId}`,
  /** What the last hourly run could see of the document services. */
  triggerSeen: 'trigger.seen',
  probe: 'check.probe',
  /** About how many candidates the Lever account has, sampled for the plan ({count, at}). */
  estimate: 'plan.estimate',
  /** Alerts sent by the trigger (app/alerts.ts): stale alerts per job, the digest's day. */
  alerts: 'alerts.ledger',
  /** A daily sample of cells and bytes stored per copy, two weeks of them (app/usage.ts): the projections. */
  usage: 'usage.samples',
} as const;

/** A job's own store (its tab). */
export const JOB_KEYS = {
  state: (jobId: string) => `state:${jobId}`,
  columns: (jobId: string) => `columns:${jobId}`,
  /** A dashboard's charts on its summary tab: chart key → chart id, so each is updated in place. */
  charts: (jobId: string) => `charts:${jobId}`,
  /** The last failure mailed for the job ({key, at}): the same one is mailed at most once a day. */
  failureMailed: (jobId: string) => `alerted:${jobId}`,
  /** A broken hash chain mailed ({key: the row, at}): at most once a day while it stays the same. */
  tamperMailed: (jobId: string) => `alerted-chain:${jobId}`,
  /** A split job's value tabs as its last run wrote them (app/split.ts): a value gone has its tab emptied. */
  splits: (jobId: string) => `splits:${jobId}`,
  /** Where the resume copy's rotating look at mirrored candidates goes on from (app/resumes.ts). */
  resumeCursor: (jobId: string) => `resumes:${jobId}`,
  /** Left on a tab once a job wrote it, and kept when the job goes: the tab is the add-on's to reuse. */
  written: 'tab.written',
} as const;

/** The user's cache (best effort: whatever is here may be gone at the next read). */
export const CACHE_KEYS = {
  probe: 'check.probe',
  /** The request pacer's bucket, per Lever key (by a hash of it, never the key itself). */
  pacer: (keyHash: string) => `pacer:${keyHash}`,
} as const;

/** Developer metadata keys carry this prefix, so the add-on's entries are told from others'. */
export const METADATA_PREFIX = 'leverSync:';
/** The run lease: on the spreadsheet itself, read fresh on every call. */
export const LEASE_KEY = `${METADATA_PREFIX}lease`;

/**
 * Key of the tag on each of a job's columns (value: the column's field path). Outside
 * METADATA_PREFIX on purpose: a spreadsheet's metadata finder also returns column metadata, and
 * the stores read every `leverSync:` key as one of theirs.
 */
export const COLUMN_TAG_KEY = 'leverSyncColumn';
