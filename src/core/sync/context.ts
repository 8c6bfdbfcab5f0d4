import type { Job } from '../jobs/types';
import type { LeverClient } from '../lever/client';
import type { CachePort, ClockPort, CryptoPort, WorkbookPort } from '../ports';
import type { CustomColumnStore } from './custom-columns';
import type { JobState } from './state';
import type { Zoner } from '../jobs/schedule';

/** What a run works with: the engine, the worker and the writers all take it from here. */
export interface SyncContext {
  client: LeverClient;
  clock: ClockPort;
  workbook: WorkbookPort;
  crypto: CryptoPort;
  /** Where reference tables (users, stages…) are kept between executions; null = no cache. */
  cache: CachePort | null;
  /** Clock time after which no new page is started. */
  deadline: number;
  /** Persists the state; called after every page so a killed execution loses nothing. */
  save: (state: JobState) => void;
  newRunId: () => string;
  /** The job's custom-field columns, kept between runs. */
  customColumns: CustomColumnStore;
  /** A partner job's custom-field columns (partners.ts), when this run writes other tabs too. */
  partnerColumns?: (job: Job) => CustomColumnStore;
  /** Per-spreadsheet secret for hashing personal data, so the same email hashes alike in every tab. */
  salt: string;
  /** The spreadsheet's time zone, for calendar days and the refreshed note. */
  zone?: Zoner;
}

/** The hidden tab a replace run builds the new rows in before they take the live tab's place. */
export function stagingName(sheetName: string): string {
  return `~staging ${sheetName}`.slice(0, 100);
}
