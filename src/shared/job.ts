/**
 * A sync job as the sidebar and the server exchange it: plain JSON. These types are the contract
 * between them; the core builds on them (src/core/jobs/types.ts re-exports them).
 */

/** The Lever objects a job can sync (src/core/catalog/objects.ts describes each). */
export type ObjectName =
  | 'opportunities'
  | 'deleted_opportunities'
  | 'applications'
  | 'stage_history'
  | 'interviews'
  | 'panels'
  | 'feedback'
  | 'notes'
  | 'forms'
  | 'offers'
  | 'resumes'
  | 'files'
  | 'referrals'
  | 'postings'
  | 'users'
  | 'stages'
  | 'archive_reasons'
  | 'sources'
  | 'tags'
  | 'requisitions'
  | 'requisition_fields'
  | 'feedback_templates'
  | 'form_templates';

/**
 * How a column's values are typed in the sheet: `date` is a moment (shown in the spreadsheet's
 * zone), `day` a calendar date without a time, `enum` one of Lever's fixed values shown in words.
 */
export type FieldType = 'id' | 'text' | 'enum' | 'number' | 'boolean' | 'date' | 'day' | 'list' | 'url' | 'json';

export type SyncMode = 'upsert' | 'append' | 'replace';
export type Confidentiality = 'non-confidential' | 'confidential' | 'all';

export interface JobFilters {
  /** true: only archived; false: only active; absent: both. */
  archived?: boolean;
  confidentiality?: Confidentiality;
  postingIds?: string[];
  stageIds?: string[];
  /** ISO date or date-time: only records created at or after it. */
  createdAfter?: string;
  /** Only records created before this time (ISO): with createdAfter, a time range. */
  createdBefore?: string;
  /**
   * Interviews and panels: only those starting between the run and this many days later, canceled
   * ones left out (replace mode, so those that have passed leave the tab).
   */
  upcomingDays?: number;
}

/** File formats an export can have. */
export type ExportFormat = 'csv' | 'csv.gz' | 'xlsx';

/** Where exports can go (each has an adapter in src/gas and its settings in src/core/export/config.ts). */
export type ExportTarget = 'drive' | 'azure' | 's3';

/**
 * The AWS regions an S3 copy may use: each has its `https://*.s3.<region>.amazonaws.com/` prefix
 * in the manifest's urlFetchWhitelist (a test keeps the two lists together).
 */
export const S3_REGIONS = [
  'us-east-1',
  'us-east-2',
  'us-west-1',
  'us-west-2',
  'ca-central-1',
  'ca-west-1',
  'mx-central-1',
  'sa-east-1',
  'eu-central-1',
  'eu-central-2',
  'eu-west-1',
  'eu-west-2',
  'eu-west-3',
  'eu-south-1',
  'eu-south-2',
  'eu-north-1',
  'il-central-1',
  'me-south-1',
  'me-central-1',
  'af-south-1',
  'ap-east-1',
  'ap-east-2',
  'ap-south-1',
  'ap-south-2',
  'ap-southeast-1',
  'ap-southeast-2',
  'ap-southeast-3',
  'ap-southeast-4',
  'ap-southeast-5',
  'ap-southeast-7',
  'ap-northeast-1',
  'ap-northeast-2',
  'ap-northeast-3',
];

/** One copy of the tab written after each successful run. */
export interface ExportConfig {
  to: ExportTarget;
  format: ExportFormat;
  /** One file kept up to date, or one file per run. */
  keep: 'latest' | 'history';
  /** History files older than this many days are removed. */
  retentionDays?: number;
  /**
   * Drive: a folder of this name the add-on makes inside its own (and finds again wherever the
   * user moves it); absent: the add-on's folder.
   */
  folder?: string;
  /** Azure: the container, `https://<account>.blob.core.windows.net/<container>` (its SAS token is a credential, kept apart). */
  containerUrl?: string;
  /** Object stores: a folder inside the container or bucket, e.g. `lever/` (ends with /). */
  prefix?: string;
  /** S3: the bucket's name (its access key is a credential, kept apart). */
  bucket?: string;
  /** S3: the bucket's region, e.g. eu-west-1 (signs every request). */
  region?: string;
  /** S3-compatible stores: the service's https address (path-style requests); absent for AWS. */
  endpoint?: string;
  /** S3: server-side encryption asked for on each object. */
  encryption?: 'AES256' | 'aws:kms';
  /**
   * Object stores: 'warehouse' writes Hive-style partitions a warehouse reads as they are
   * (`object=<object>/date=<day>/part-00000.csv.gz`, a schema file, manifests apart); absent: one
   * file named after the tab.
   */
  layout?: 'warehouse';
  /**
   * Object stores: the copy's path from a template, e.g. `{object}/{date}/{tab}-{run}.{ext}`
   * (export/path-template.ts); {run} or {time} make a file per run.
   */
  path?: string;
}

/** The single Drive copy of earlier versions: read as `exports: [{ to: 'drive', ... }]`. */
export interface MirrorConfig {
  format: ExportFormat;
  keep: 'latest' | 'history';
  retentionDays?: number;
}

export type ScheduleEvery = 'manual' | 'hour' | 'day' | 'week' | 'once';

export interface Schedule {
  every: ScheduleEvery;
  /** 0–23 in the spreadsheet's time zone (day, week). */
  hour?: number;
  /** 0 = Sunday … 6 = Saturday (week). */
  weekday?: number;
  /** ISO date-time (once). */
  at?: string;
}

/** What happens to personal-data fields: written as they are, left out, masked, or hashed (stable per spreadsheet). */
export type PersonalData = 'include' | 'exclude' | 'mask' | 'hash';
/** What upsert does with the row of a candidate deleted or anonymised in Lever. */
export type Removed = 'delete' | 'mark';

/** How often a child object is re-read whole, catching edits Lever does not flag on the opportunity. */
export type Reconcile = 'never' | 'daily' | 'weekly';

/**
 * How a list field becomes cells: joined with ", " (default), its first element, the number of
 * elements, JSON text, numbered columns ("Interviewers 1", "Interviewers 2"…), or one row per element.
 */
export type ArrayMode = 'join' | 'first' | 'count' | 'json' | 'numbered' | 'explode';

export type FieldSpec = string | { path: string; column?: string; array?: ArrayMode; max?: number };

/** What the user (or the sidebar) sends: plain JSON. */
export interface JobInput {
  id?: string;
  createdAt?: number;
  name?: string;
  object?: string;
  fields?: FieldSpec[];
  mode?: string;
  incremental?: boolean;
  sheetName?: string;
  filters?: JobFilters;
  exports?: Array<Partial<ExportConfig>>;
  /** Earlier versions' single Drive copy; still accepted, turned into `exports`. */
  mirror?: MirrorConfig | null;
  schedule?: Schedule;
  reconcile?: Reconcile;
  personalData?: PersonalData;
  removed?: Removed;
  enabled?: boolean;
  savedBy?: string;
  dashboard?: DashboardConfig | null;
  retry?: Partial<RetrySettings>;
  maxRowsPerRun?: number | null;
  alerts?: Partial<AlertSettings> | null;
  hashChain?: boolean;
  splitBy?: SplitSettings['by'] | Partial<SplitSettings> | null;
  resumes?: Partial<ResumeCopy> | null;
}

/**
 * Candidates' latest resumes mirrored for screeners: where (a destination as a copy names it:
 * Drive, an Azure container or an S3 bucket, and a folder) and the largest file taken.
 */
export interface ResumeCopy {
  to: ExportTarget;
  /** Drive: a folder of the add-on's own to share with screeners (absent: the add-on's folder). */
  folder?: string;
  containerUrl?: string;
  bucket?: string;
  region?: string;
  endpoint?: string;
  encryption?: 'AES256' | 'aws:kms';
  prefix?: string;
  /** Files over this many megabytes are left out (1–25). */
  maxMb: number;
}

/** One tab or file per value, each with the job's columns, made after each run from the job's tab. */
export interface SplitSettings {
  by: 'posting' | 'team' | 'department' | 'location';
  /** Tabs (default), files (each copy per value instead of one), or both. */
  into: 'tabs' | 'files' | 'both';
}

/**
 * Who hears about a job and when. Mail goes to `to` (default: the schedule owner); the webhook is
 * the one the person whose runs send it saved (saveWebhook), signed with their secret.
 */
export interface AlertSettings {
  /** Addresses mailed (1–10); absent: the schedule owner. */
  to?: string[];
  /** Mail when the job works again after failing (default true). A failure always mails, at most once a day for the same error. */
  onRecovery: boolean;
  /** Mail when the tab's data is older than this many hours (1–720): no successful run since. */
  staleAfterHours?: number;
  /** A daily digest of the spreadsheet's runs: rows, files, failures (sent once a day to every job's recipients that asks for it). */
  digest: boolean;
  /** Also post each alert to the saved webhook (Slack-style JSON, HMAC-SHA256 signed). */
  webhook: boolean;
}

/** Webhook hosts the published add-on may post to (each in the manifest's urlFetchWhitelist). */
export const WEBHOOK_PREFIXES = ['https://hooks.slack.com/services/', 'https://chat.googleapis.com/v1/spaces/'];

/** How hard a job tries again after a passing error of Lever's or of a copy's destination. */
export interface RetrySettings {
  /** Tries in all, the first included (1–10). */
  maxAttempts: number;
  /** The longest wait between two tries, in seconds (1–120). */
  maxWaitSeconds: number;
}

/**
 * A dashboard job: an opportunities job whose tab holds what the dashboard needs, and a summary
 * tab of figures and native charts worked out from that tab after each successful run.
 */
export interface DashboardConfig {
  sheetName: string;
}

/** A validated job with every default filled in. */
export interface Job {
  id: string;
  name: string;
  object: ObjectName;
  fields: FieldSpec[];
  mode: SyncMode;
  incremental: boolean;
  sheetName: string;
  filters: JobFilters;
  exports: ExportConfig[];
  schedule: Schedule;
  /** Child objects only: a full re-read this often (edited feedback does not bump the opportunity). */
  reconcile: Reconcile;
  personalData: PersonalData;
  removed: Removed;
  enabled: boolean;
  /** A dashboard job's summary tab. */
  dashboard?: DashboardConfig;
  /** Set when the job departs from the default policy (6 tries, 30 s at most between them). */
  retry?: RetrySettings;
  /**
   * Rows a run writes at most: past it, at the end of the page that reached it, the run stops with
   * its checkpoint kept and goes on at the next scheduled run (100–5,000,000; absent: no limit).
   */
  maxRowsPerRun?: number;
  /** Set when the job departs from the default (mail the schedule owner on failure and recovery). */
  alerts?: AlertSettings;
  /**
   * Append only: a Row hash column chaining each row to the one above (SHA-256), checked at the
   * end of every run; the first row that does not follow is reported.
   */
  hashChain?: boolean;
  /** One tab or file per posting, team, department or location (app/split.ts). */
  splitBy?: SplitSettings;
  /** Candidates (opportunities jobs): each one's latest resume mirrored after a run (app/resumes.ts). */
  resumes?: ResumeCopy;
  /** When the job was first saved (ms); its schedule starts from here. */
  createdAt: number;
  /**
   * Who saved this version (set by the server). Scheduled runs use the schedule owner's key, so
   * they run a job only in a version the owner saved or approved.
   */
  savedBy: string;
}
