import type { Zoner } from '../jobs/schedule';
import type { CachePort, ClockPort, CryptoPort, FilesPort, HttpPort, LockPort, MailPort, StorePort, WorkbookPort } from '../ports';

/** Trigger management for the one time-driven dispatcher an add-on may have per user and document. */
export interface TriggerPort {
  /** Creates the hourly trigger for `handler` unless it exists; never creates a second one. */
  ensureHourly(handler: string): void;
  remove(handler: string): void;
  count(handler: string): number;
}

/** Everything the add-on needs from its platform, injected by src/gas (or a test, or the local host). */
export interface Platform {
  http: HttpPort;
  clock: ClockPort;
  /** Per user: the Lever key lives here and nowhere else. */
  userStore: StorePort;
  /** Per spreadsheet: jobs and their sync state. */
  docStore: StorePort;
  workbook: WorkbookPort;
  /** Drive folder for mirrors, opened on first use. */
  files: () => FilesPort;
  lock: LockPort;
  /** Per spreadsheet, best effort: reference tables for names. */
  cache: CachePort | null;
  triggers: TriggerPort;
  mail: MailPort;
  crypto: CryptoPort;
  zone: Zoner;
  userEmail: () => string;
  log: (message: string) => void;
  newId: () => string;
}

/** Execution budgets: Apps Script kills an execution at 6 minutes. */
export const BUDGET = {
  /**
   * A trigger run stops starting pages here. 3.5 minutes leaves time for the final save and log,
   * and keeps 24 hourly runs under a consumer account's 90 minutes of trigger time a day.
   */
  triggerMs: 3.5 * 60_000,
  /** A sidebar slice is short so the progress display moves. */
  sidebarMs: 40_000,
  lockWaitMs: 5_000,
};
