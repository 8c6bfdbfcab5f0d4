/**
 * What the sidebar and the server exchange through google.script.run: plain JSON only (no Date
 * objects: google.script.run refuses them). Times are ms since the epoch.
 */
import type { ExportConfig, FieldSpec, FieldType, Job, JobInput, Schedule } from './job';
import type { ErrorCode, RunCounts, RunStatus } from './run';

export type { ExportConfig, FieldSpec, Job, JobInput, RunCounts, Schedule };

export type Environment = 'production' | 'sandbox';

export interface ConnectionInput {
  apiKey: string;
  environment: Environment;
}

export interface ConnectionInfo {
  /** A key is saved (it may since have been refused: see status). */
  connected: boolean;
  /** 'rejected': Lever refused the saved key at the last run or check. */
  status: 'connected' | 'rejected' | 'not connected';
  /** Objects the key may not read (as a person names them), from the last check. */
  cannotRead: string[];
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
  running: { startedAt: number; phase: string; counts: RunCounts; progress: RunProgress } | null;
  /** The day's Lever requests are spent: runs wait until `until` (the hourly trigger goes on then). */
  pausedUntil?: number | null;
  /** The run in progress stopped at the job's maxRowsPerRun: what the Sync log says of it. */
  held?: string | null;
  nextRunAt: number | null;
  /** Scheduled, but this version was saved by someone other than the schedule owner: it waits for their approval. */
  awaitingApproval: boolean;
  /** The job whose run in progress also writes this job's tab (one fan-out for both), by name. */
  runsWith?: string | null;
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

/** Which of Google's daily quotas the user's account has (personal Gmail, or Google Workspace). */
export type AccountKind = 'consumer' | 'workspace';

export interface ObjectInfo {
  name: string;
  label: string;
  filters: string[];
  perCandidate: boolean;
  tallies: string[];
}

export interface SidebarState {
  connection: ConnectionInfo;
  schedule: ScheduleInfo;
  jobs: JobView[];
  timeZone: string;
  /** The spreadsheet's visible tabs, to pick a destination from. */
  tabs: string[];
  /** The objects on offer, with the job filters each takes. */
  /**
   * `perCandidate`: read per candidate (interviews, notes…), so a rotating re-read applies;
   * `tallies`: columns counted over lists read per candidate, to which it applies too.
   */
  objects: ObjectInfo[];
}

/** How this spreadsheet's scheduled jobs fit in the user's daily quotas (the quota planner). */
export interface QuotaPlan {
  account: AccountKind;
  /** Lever Sync's share: 90% of Google's daily UrlFetch calls and trigger time. */
  budget: { requestsPerDay: number; triggerMinutesPerDay: number };
  /** Spent over the last 24 hours by this user, across spreadsheets. */
  used: { requests: number; triggerMinutes: number };
  candidates: { count: number; source: 'tab' | 'sample' | 'unknown' };
  jobs: Array<{ jobId: string; name: string; firstSync: number; perDay: number }>;
  /** Requests the first (or unfinished) full runs still need. */
  backlog: number;
  /** Requests a day once every job is synced. */
  perDay: number;
  /** When the backlog should be done (null: more than two months away). */
  doneAt: number | null;
  /** For a person: "First sync: about 2 days (…), then about 800 Lever requests a day (…)". */
  summary: string;
}

/**
 * How far a run is, for words like "Fetching interviews for 340 of about 5,000 candidates".
 * Lever gives no totals: `total` is the last full run's count, or the account's candidates as
 * sampled for the quota plan, or the tab's rows; null when there is nothing to go on.
 */
export interface RunProgress {
  phase: 'records' | 'share' | 'deletions' | 'finish';
  /** What is listed, as a person says it ("candidates", "postings"). */
  listedNoun: string;
  /** What is fetched for each listed record ("interviews"), or null for a list read as it is. */
  childNoun: string | null;
  /** Listed records gone through so far. */
  listed: number;
  total: number | null;
  /** Only records changed since the last run are read: there is no total to compare with. */
  incremental: boolean;
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
  /** The day's request budget is spent: the run goes on by itself after `until`. */
  paused: { until: number; message: string } | null;
  /** The run wrote the job's maxRowsPerRun and waits, checkpoint kept, for the next scheduled run (or Run now): why, in words. */
  held?: string | null;
  progress: RunProgress | null;
}

export interface FieldInfo {
  path: string;
  label: string;
  type: FieldType;
  pii: boolean;
  default: boolean;
  /** Where a new job puts it among the default columns (names first, ids at the right); null when not a default. */
  defaultPosition: number | null;
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
  /** `detail`: team and location, which tell apart postings of the same title. */
  postings: Array<{ id: string; text: string; detail?: string }>;
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

/** The ready-made jobs (src/core/catalog/templates.ts). */
export type TemplateName =
  'bi_feed' | 'applications_triage' | 'interview_roster' | 'audit_trail' | 'offer_tracker' | 'stage_history' | 'hiring_dashboard';

/**
 * A destination's secret: an Azure container's SAS token (the part after "?"), or an S3 bucket's
 * access key (the bucket named as its copy names it: bucket, region, endpoint).
 */
export type DestinationSecretInput =
  | { to: 'azure'; containerUrl: string; sas: string }
  | { to: 'azure'; containerUrl: string; accountKey: string }
  | { to: 's3'; bucket: string; region?: string; endpoint?: string; accessKeyId: string; secretAccessKey: string };

/** What saving a secret answers: the address it is kept for (the secret itself never comes back). */
export interface DestinationSecretSaved {
  address: string;
  saved: true;
}

/** What the add-on uses: the user's quotas (across spreadsheets), this spreadsheet's room, per job. */
export interface UsageReport {
  account: {
    kind: 'consumer' | 'workspace';
    /** UrlFetch calls in the last 24 hours (every spreadsheet of this user), and Google's daily quota. */
    requests24h: number;
    requestLimit: number;
    triggerMinutes24h: number;
    triggerMinuteLimit: number;
  };
  spreadsheet: {
    cells: number;
    cellLimit: number;
    /** Cells added a day over the samples kept (null until two days apart), and the days left at that pace. */
    growthPerDay: number | null;
    fullInDays: number | null;
  };
  jobs: JobUsage[];
}

export interface JobUsage {
  jobId: string;
  name: string;
  /** Lever requests of the job's runs (the Sync log), the last 24 hours and 7 days. */
  requestsToday: number;
  requests7d: number;
  /** requestsToday against Google's daily UrlFetch quota (0–1). */
  quotaShare: number;
  runMinutes7d: number;
  /** Cells of the job's tab (its grid). */
  cells: number;
  copies: CopyUsage[];
}

export interface CopyUsage {
  to: string;
  where: string;
  files: number;
  bytes: number;
  growthPerDay: number | null;
  /** Why the destination could not be listed (no saved secret, not reachable…). */
  error: string | null;
}

/** The webhook alerts post to (Slack or Google Chat) and the secret their signature uses. */
export interface WebhookInput {
  url: string;
  secret: string;
}

export interface DestinationTest {
  ok: boolean;
  message: string;
}

/** `live`: a check of the sidebar's Live switch; it goes to the Sync log only when it added or removed rows, or failed. */
export interface RunOptions {
  live?: boolean;
}

/** A template as the gallery shows it. */
export interface TemplateInfo {
  name: TemplateName;
  title: string;
  description: string;
  object: string;
  /** The template offers a score from Lever's scorecards (TemplateOptions.score). */
  scoreChoice?: boolean;
}

/** What a caller may change of a template's job; the rest is the template's. */
export interface TemplateOptions {
  name?: string;
  sheetName?: string;
  /** Interview roster: how many days ahead (14 by default). */
  days?: number;
  /**
   * Daily BI feed: `own` (default) leaves the score to a column you or a screening tool fill,
   * kept across syncs; `scorecards` adds the candidate's average scorecard rating and the count.
   */
  score?: 'own' | 'scorecards';
}

/** The server functions the sidebar may call (they are the bundle's entry points). */
export interface ServerApi {
  getSidebarState(): SidebarState;
  saveConnection(input: ConnectionInput): ConnectionInfo & { message: string };
  disconnect(): ConnectionInfo;
  /** Brings the job's tab (or, with `{dashboard: true}`, its dashboard's) into view; returns the tab's name. */
  openTab(id: string, options?: { dashboard?: boolean }): string;
  listTemplates(): TemplateInfo[];
  /** Saves a new job made from a template; the tab's name gets " (2)"… when another job has it. */
  saveJobFromTemplate(name: string, options?: TemplateOptions): Job;
  testConnection(): ConnectionTest;
  saveJob(job: JobInput): Job;
  deleteJob(id: string): boolean;
  runJobSlice(id: string, options?: RunOptions): SliceProgress;
  saveDestinationSecret(input: DestinationSecretInput): DestinationSecretSaved;
  testDestination(exp: ExportConfig): DestinationTest;
  saveWebhook(input: WebhookInput): { host: string; saved: true };
  testWebhook(): DestinationTest;
  getUsage(): UsageReport;
  cancelRun(id: string): boolean;
  listFields(object: string): FieldInfo[];
  previewJob(job: JobInput): Preview;
  getRunLog(limit: number): RunLogEntry[];
  listFilterOptions(): FilterOptions;
  takeOverSchedule(): ScheduleInfo;
  checkSpreadsheet(): CheckReport;
  approveJob(id: string): Job;
  getQuotaPlan(): QuotaPlan;
  setAccountKind(kind: AccountKind): QuotaPlan;
}
