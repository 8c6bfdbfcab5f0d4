import type { FieldSpec, JobInput } from '../jobs/types';
import { CATALOG } from './objects';
import type { TemplateName } from '../../shared/rpc';

export type { TemplateName };

/**
 * Ready-made jobs: each template is data, and makes an ordinary job the user can change like any
 * other. Tab and job names are the template's unless the caller gives others.
 */
export interface Template {
  title: string;
  /** One or two sentences for the gallery: what the tab holds and how often it is refreshed. */
  description: string;
  job: JobInput & { name: string; sheetName: string; object: string };
  /** Columns added when the caller asks for a score from Lever's scorecards (TemplateOptions.score). */
  scoreFields?: FieldSpec[];
}

const DAILY_6AM = { every: 'day', hour: 6 } as const;

export const TEMPLATES: Record<TemplateName, Template> = {
  // The product brief's sample schema, for BI tools: one row per application, refreshed whole.
  bi_feed: {
    title: 'Daily BI feed',
    description:
      'One row per application with candidate_id, full_name, email, applied_at, stage and source, rewritten in full every morning, and a CSV copy in Drive for BI tools to pick up. The score: a column of your own, or the scorecards’ average from Lever.',
    job: {
      name: 'Daily BI feed',
      sheetName: 'BI feed',
      object: 'applications',
      mode: 'replace',
      fields: [
        { path: 'opportunityId', column: 'candidate_id' },
        { path: 'name', column: 'full_name' },
        { path: 'email', column: 'email' },
        { path: 'createdAt', column: 'applied_at' },
        { path: 'candidate.stage@text', column: 'stage' },
        { path: 'candidate.sources', column: 'source', array: 'first' },
        { path: 'id', column: 'application_id' },
      ],
      schedule: DAILY_6AM,
      exports: [{ to: 'drive', format: 'csv', keep: 'latest' }],
    },
    // The brief's score: a column of the user's own by default (kept by key in replace mode too),
    // or the scorecards' average rating, which costs a request per candidate each morning.
    scoreFields: [
      { path: 'candidate.scoreAverage', column: 'score' },
      { path: 'candidate.scorecards', column: 'scorecards' },
    ],
  },
  applications_triage: {
    title: 'Applications triage',
    description:
      'Active applications with posting, source, stage, when they applied and a link to Lever, checked every hour. Add your own Decision and Notes columns anywhere: syncs never touch them.',
    job: {
      name: 'Applications triage',
      sheetName: 'Triage',
      object: 'applications',
      mode: 'upsert',
      filters: { archived: false },
      fields: [
        'name',
        'posting@text',
        'posting@team',
        'candidate.sources',
        'candidate.stage@text',
        'createdAt',
        'candidate.link',
        'id',
        'opportunityId',
      ],
      schedule: { every: 'hour' },
    },
  },
  interview_roster: {
    title: 'Interview roster',
    description:
      'Interviews in the next 14 days (canceled ones left out) with the candidate, posting, interviewers, start time in the spreadsheet’s zone and location, rewritten every morning, with an Excel copy.',
    job: {
      name: 'Interview roster',
      sheetName: 'Interview roster',
      object: 'interviews',
      mode: 'replace',
      filters: { upcomingDays: 14 },
      fields: [
        { path: 'date', column: 'Starts' },
        'candidate.name',
        'candidate.posting@text',
        'subject',
        'interviewers.name',
        'duration',
        'location',
        'stage@text',
        'candidate.link',
        'id',
        'opportunityId',
      ],
      schedule: DAILY_6AM,
      exports: [{ to: 'drive', format: 'xlsx', keep: 'latest' }],
    },
  },
  audit_trail: {
    title: 'Audit trail',
    description:
      'An append-only history of candidates: a new row each time the stage, owner or archive status changes, with a gzipped CSV kept per run for 90 days.',
    job: {
      name: 'Audit trail',
      sheetName: 'Audit trail',
      object: 'opportunities',
      mode: 'append',
      fields: ['name', 'stage@text', 'owner@name', 'archived.reason@text', 'archived.archivedAt', 'updatedAt', 'id'],
      schedule: { every: 'hour' },
      exports: [{ to: 'drive', format: 'csv.gz', keep: 'history', retentionDays: 90 }],
    },
  },
  offer_tracker: {
    title: 'Offer tracker',
    description:
      'Every offer with its candidate, posting, status, creator, approval and sending dates and the offer fields, refreshed daily, with an Excel copy.',
    job: {
      name: 'Offer tracker',
      sheetName: 'Offers',
      object: 'offers',
      mode: 'upsert',
      // The object's own defaults: names first, ids at the right.
      fields: [...CATALOG.offers.defaults],
      schedule: DAILY_6AM,
      exports: [{ to: 'drive', format: 'xlsx', keep: 'latest' }],
    },
  },
  stage_history: {
    title: 'Stage history',
    description: 'One row per stage each candidate entered, with when they left it and the minutes spent there, refreshed daily.',
    job: {
      name: 'Stage history',
      sheetName: 'Stage history',
      object: 'stage_history',
      mode: 'upsert',
      fields: [...CATALOG.stage_history.defaults],
      schedule: DAILY_6AM,
    },
  },
  hiring_dashboard: {
    title: 'Hiring dashboard',
    description:
      'A Dashboard tab with charts of active candidates per stage, applications per week by source, median days in each stage and offers sent and accepted per month, worked out every morning from a tab of your candidates, with an Excel copy.',
    job: {
      name: 'Hiring dashboard',
      sheetName: 'Dashboard data',
      object: 'opportunities',
      mode: 'upsert',
      // The job's columns are the dashboard's own (jobs/dashboard.ts); it reads offers per candidate.
      dashboard: { sheetName: 'Dashboard' },
      schedule: DAILY_6AM,
      exports: [{ to: 'drive', format: 'xlsx', keep: 'latest' }],
    },
  },
};

export const TEMPLATE_NAMES = Object.keys(TEMPLATES) as TemplateName[];
