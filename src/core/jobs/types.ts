import type { FieldType, RefTable } from '../catalog/types';

export type {
  SyncMode,
  Confidentiality,
  JobFilters,
  MirrorConfig,
  ExportConfig,
  ExportFormat,
  ExportTarget,
  ScheduleEvery,
  Schedule,
  PersonalData,
  Removed,
  Reconcile,
  ArrayMode,
  FieldSpec,
  JobInput,
  Job,
  DashboardConfig,
  RetrySettings,
  AlertSettings,
  SplitSettings,
  ResumeCopy,
} from '../../shared/job';

/** One sheet column of a job. */
export interface Column {
  /** Record path (`owner@name` for a name looked up by id), or a system column starting with '$'. */
  path: string;
  header: string;
  type: FieldType;
  /** For `path@attr` columns: the table the ids are looked up in. */
  ref?: RefTable;
  /** Holds personal data (masked or hashed when the job says so). */
  pii?: boolean;
  /** For list fields: which element(s) this column shows (absent: all, joined). */
  pickList?: { kind: 'first' } | { kind: 'count' } | { kind: 'json' } | { kind: 'nth'; index: number };
  /** A number format other than the type's (format/display.ts). */
  format?: string;
  /** Link cells show these words and keep the address behind them ("Open in Lever"). */
  linkText?: string;
  /** Worked out at write time (catalog FieldDef.derive). */
  derive?: { kind: 'daysSince'; from: string };
  /** Filled by a step after the run (the resume links): the sync's own writes leave its cells as they are. */
  afterRun?: boolean;
}
