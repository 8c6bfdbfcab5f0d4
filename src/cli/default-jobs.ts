import type { JobInput } from '../shared/rpc';

/** The jobs `npm start` creates (and the benchmark's five-job day): a typical recruiting team's set. */
export const DEFAULT_JOBS: JobInput[] = [
  { name: 'Pipeline', object: 'opportunities', mode: 'upsert', sheetName: 'Opportunities', schedule: { every: 'hour' } },
  { name: 'Applications', object: 'applications', mode: 'upsert', sheetName: 'Applications', schedule: { every: 'hour' } },
  { name: 'Interviews', object: 'interviews', mode: 'upsert', sheetName: 'Interviews', schedule: { every: 'hour' } },
  { name: 'Offers', object: 'offers', mode: 'upsert', sheetName: 'Offers', schedule: { every: 'hour' } },
  {
    name: 'Opportunity history (audit)',
    object: 'opportunities',
    mode: 'append',
    sheetName: 'Opportunity history',
    // Names a person reads (the stage, archive reason and owner by name), the id at the right.
    fields: ['name', 'stage@text', 'archived.reason@text', 'owner@name', 'updatedAt', 'id'],
    exports: [{ to: 'drive', format: 'csv.gz', keep: 'history', retentionDays: 30 }],
    schedule: { every: 'hour' },
  },
];
