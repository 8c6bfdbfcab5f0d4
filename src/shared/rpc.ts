/**
 * What the sidebar and the server exchange through google.script.run: plain JSON only (no Date
 * objects: google.script.run refuses them). Times are ms since the epoch.
 */
import type { FieldSpec, FieldType, Job, JobInput, Schedule } from './job';
import type { ErrorCode, RunCounts, RunStatus } from './run';

export type { FieldSpec, Job, JobInput, RunCounts, Schedule };

export type Environment = 'production' | 'sandbox';

export interface ConnectionInput {
  apiKey: string;
  environment: Environment;
}

export interface ConnectionInfo {
  connected: boolean;
  environment: Environment | null;
  /** The last 4 characters of the key, to recognise it; never the key itself. */
  keyHint: string | null;
}

export interface ConnectionTest {
  ok: boolean;
  message: string;
  /** Objects the key can read, and the ones it cannot. */
  readable: string[];
  forbidden: string[];
  /** True when confidential records are visible to this key. */
  confidentialAccess: boolean | null;
}

export interface RunView {
  status: RunStatus;
  startedAt: number;
  finishedAt: number;
  incremental: boolean;
  counts: RunCounts;
  error: { code: ErrorCode | string; message: string } | null;
}

export interface JobView {
  job: Job;
  lastRun: RunView | null;
  /** A run in progress (paused between executions). */
  running: { startedAt: number; phase: string; counts: RunCounts } | null;
  nextRunAt: number | null;
  /** Scheduled, but this version was saved by someone other than the schedule owner: it waits for their approval. */
  awaitingApproval: boolean;
}

/** Who runs this spreadsheet's scheduled jobs (with their trigger and their Lever key). */
export interface ScheduleInfo {
  /** The schedule owner's email, or null when nobody has scheduled anything yet. */
  owner: string | null;
  /** Whether that is the person looking at the sidebar. */
  mine: boolean;
  /** Whether any enabled job has a schedule. */
  scheduled: boolean;
}

/** One finding of "Check this spreadsheet". */
export interface CheckResult {
  name: string;
  ok: boolean;
  detail: string;
}

export interface CheckReport {
  ok: boolean;
  at: number;
  results: CheckResult[];
}

export interface SidebarState {
  connection: ConnectionInfo;
  schedule: ScheduleInfo;
  jobs: JobView[];
  timeZone: string;
  /** The spreadsheet's visible tabs, to pick a destination from. */
  tabs: string[];
  /** The objects on offer, with the job filters each takes. */
  objects: Array<{ name: string; label: string; filters: string[] }>;
}

export interface SliceProgress {
  jobId: string;
  done: boolean;
  status: RunStatus | 'running';
  phase: string;
  counts: RunCounts;
  /** Set when the run ended with an error. */
  error: { code: string; message: string } | null;
  startedAt: number;
}

export interface FieldInfo {
  path: string;
  label: string;
  type: FieldType;
  pii: boolean;
  default: boolean;
  example: string | number | boolean | null;
}

/** A preview cell: dates travel as ISO strings. */
export type PreviewCell = string | number | boolean | null;

export interface Preview {
  header: string[];
  rows: PreviewCell[][];
}

/** Choices for a job's filters, from the account. */
export interface FilterOptions {
  stages: Array<{ id: string; text: string }>;
  postings: Array<{ id: string; text: string }>;
}

export interface RunLogEntry {
  startedAt: string;
  finishedAt: string;
  job: string;
  status: string;
  kind: string;
  records: number;
  confidential: number;
  rowsAdded: number;
  rowsUpdated: number;
  rowsDeleted: number;
  requests: number;
  retries: number;
  rateLimited: number;
  seconds: number;
  error: string | null;
}

/** The server functions the sidebar may call (they are the bundle's entry points). */
export interface ServerApi {
  getSidebarState(): SidebarState;
  saveConnection(input: ConnectionInput): ConnectionInfo;
  testConnection(): ConnectionTest;
  saveJob(job: JobInput): Job;
  deleteJob(id: string): boolean;
  runJobSlice(id: string): SliceProgress;
  cancelRun(id: string): boolean;
  listFields(object: string): FieldInfo[];
  previewJob(job: JobInput): Preview;
  getRunLog(limit: number): RunLogEntry[];
  listFilterOptions(): FilterOptions;
  takeOverSchedule(): ScheduleInfo;
  checkSpreadsheet(): CheckReport;
  approveJob(id: string): Job;
}
