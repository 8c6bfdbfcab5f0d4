/** What the server reports about runs and errors: part of the sidebar ↔ server contract. */

/** What kind of failure an error is; the sidebar decides on codes, never on message text. */
export type ErrorCode =
  | 'RATE_LIMITED'
  | 'LEVER_UNAVAILABLE'
  | 'GOOGLE_UNAVAILABLE'
  | 'NETWORK'
  | 'MALFORMED_RESPONSE'
  | 'AUTH'
  | 'PERMISSION'
  | 'BAD_REQUEST'
  | 'NOT_FOUND'
  | 'CONFIG'
  | 'SHEET_LIMIT'
  | 'INTEGRITY'
  | 'BUSY'
  | 'QUOTA'
  | 'INTERNAL';

export interface RunCounts {
  records: number;
  /** Confidential records seen (only listed when the job asks and the key may see them). */
  confidential: number;
  rowsAdded: number;
  rowsUpdated: number;
  rowsDeleted: number;
  pages: number;
  requests: number;
  retries: number;
  rateLimited: number;
}

/**
 * 'cancelled': stopped from the sidebar; what it wrote stays, the next run starts over.
 * 'partial': a part of a run that stopped at the job's maxRowsPerRun (a Sync log line only; the
 * run goes on from its checkpoint at the next scheduled run).
 */
export type RunStatus = 'ok' | 'failed' | 'cancelled' | 'partial';
