import type { Zoner } from '../jobs/schedule';
import type { ExportTarget } from '../jobs/types';
import type { CachePort, ClockPort, CryptoPort, Destination, HttpPort, LockPort, MailPort, StorePort, WorkbookPort } from '../ports';

/**
 * The user's installable triggers of this script, across all their documents (at most 20 per
 * user per script; an add-on's time trigger runs at most hourly).
 */
export interface TriggerPort {
  /** Creates the hourly trigger for `handler` unless this user has one already (from any document). */
  ensureHourly(handler: string): void;
  remove(handler: string): void;
  count(handler: string): number;
}

/** A value read straight from the document each time (never from a copy made earlier in the execution). */
export interface LeasePort {
  read(): string | null;
  write(value: string | null): void;
}

/**
 * What the add-on needs that belongs to the user running it, whatever document (if any) the
 * execution has: a time-driven trigger may have none.
 */
export interface UserPlatform {
  http: HttpPort;
  clock: ClockPort;
  /** Per user, across documents: the Lever key, the schedule registry, the trigger-time ledger. */
  userStore: StorePort;
  /** Per user, best effort: Lever reference tables for names. */
  cache: CachePort | null;
  triggers: TriggerPort;
  mail: MailPort;
  crypto: CryptoPort;
  /** The running user's address ('' when Google does not give it). */
  userEmail: () => string;
  log: (message: string) => void;
  newId: () => string;
  /** What the user granted: whether re-authorization is due, and the granted scopes when Google says. */
  authorization(): { required: boolean; scopes: string[] | null };
  /** A spreadsheet this user registered for scheduled runs, opened by id; null when gone or no longer shared. */
  openDocument(id: string): Platform | null;
}

/** Everything the add-on needs to work on one spreadsheet, as the running user. */
export interface Platform extends UserPlatform {
  documentId: string;
  documentName: string;
  /**
   * Per spreadsheet, shared by its editors and reachable by id: jobs, their sync state, the
   * schedule owner. Kept in the document itself (developer metadata), so a trigger that opens
   * the spreadsheet by id sees what the sidebar saved.
   */
  docStore: StorePort;
  /**
   * One job's own data (sync state, custom-field columns), kept with the job's tab once it
   * exists: a tab the user deletes takes it along.
   */
  jobStore(sheetName: string): StorePort;
  /** The run lease: who is syncing this spreadsheet right now. */
  lease: LeasePort;
  workbook: WorkbookPort;
  /** Where exports of this spreadsheet go in Drive: the add-on's folder, or a named folder of its own (opened on first use). */
  destination(to: Extract<ExportTarget, 'drive'>, folder?: string): Destination;
  /** The document lock, when the execution has one (the sidebar does; a time trigger may not). */
  lock: LockPort | null;
  zone: Zoner;
}

/** What a time-trigger execution found of the document services (Google does not document it). */
export interface TriggerView {
  at: number;
  activeSpreadsheet: boolean;
  documentProperties: boolean;
  documentCache: boolean;
  documentLock: boolean;
}

/** Execution budgets: Apps Script kills an execution at 6 minutes. */
export const BUDGET = {
  /**
   * A trigger run stops starting pages here. 3.5 minutes leaves time for the final save and log,
   * and keeps 24 hourly runs under a consumer account's 90 minutes of trigger time a day.
   */
  triggerMs: { consumer: 3.5 * 60_000, workspace: 5 * 60_000 },
  /** A sidebar slice is short so the progress display moves. */
  sidebarMs: 40_000,
  lockWaitMs: 5_000,
};
