import { ConfigError } from '../../src/core/errors';
import { validateJob } from '../../src/core/jobs/validate';
import { jobColumns } from '../../src/core/jobs/columns';

const NOW = Date.UTC(2026, 10, 28);
const base = { object: 'opportunities', sheetName: 'Pipeline' };

describe('job validation', () => {
  it.each([
    [
      'minimal: defaults filled',
      base,
      { mode: 'upsert', incremental: true, schedule: { every: 'manual' }, enabled: true, exports: [], filters: {} },
    ],
    [
      'renamed columns',
      { ...base, fields: ['id', { path: 'name', column: 'Candidate' }] },
      { fields: ['id', { path: 'name', column: 'Candidate' }] },
    ],
    ['replace is never incremental', { ...base, mode: 'replace', incremental: true }, { mode: 'replace', incremental: false }],
    ['daily default hour', { ...base, schedule: { every: 'day' } }, { schedule: { every: 'day', hour: 6 } }],
    ['weekly', { ...base, schedule: { every: 'week', hour: 9, weekday: 5 } }, { schedule: { every: 'week', hour: 9, weekday: 5 } }],
    [
      'once in the future',
      { ...base, schedule: { every: 'once', at: '2026-12-01T09:00:00Z' } },
      { schedule: { every: 'once', at: '2026-12-01T09:00:00Z' } },
    ],
    [
      'the older mirror setting, read as a Drive export',
      { ...base, mirror: { format: 'csv.gz' } },
      { exports: [{ to: 'drive', format: 'csv.gz', keep: 'latest' }] },
    ],
    [
      'exports defaults',
      { ...base, exports: [{ format: 'xlsx' }, { to: 'drive', keep: 'history', retentionDays: 7 }] },
      {
        exports: [
          { to: 'drive', format: 'xlsx', keep: 'latest' },
          { to: 'drive', format: 'csv', keep: 'history', retentionDays: 7 },
        ],
      },
    ],
    [
      'filters',
      { ...base, filters: { archived: false, confidentiality: 'all', stageIds: ['offer'], createdAfter: '2026-01-01' } },
      { filters: { archived: false, confidentiality: 'all', stageIds: ['offer'], createdAfter: '2026-01-01' } },
    ],
  ])('VALID %s', (_name, input, expected) => {
    const frozen = JSON.parse(JSON.stringify(input));
    expect(validateJob(input, NOW, 'job1')).toMatchObject({ id: 'job1', ...expected });
    expect(input).toEqual(frozen); // input not mutated
  });

  it.each([
    ['not an object', 'x', 'job'],
    ['unknown key', { ...base, colour: 'red' }, 'colour'],
    ['unknown object', { ...base, object: 'candidates' }, 'object'],
    ['missing sheet', { object: 'opportunities' }, 'sheetName'],
    ['bad sheet name', { ...base, sheetName: 'a/b' }, 'sheetName'],
    ['reserved sheet name', { ...base, sheetName: 'Sync log' }, 'sheetName'],
    ['empty fields', { ...base, fields: [] }, 'fields'],
    ['unknown field', { ...base, fields: ['id', 'nope'] }, 'fields[1]'],
    [
      'duplicate column',
      {
        ...base,
        fields: [
          { path: 'id', column: 'X' },
          { path: 'name', column: 'X' },
        ],
      },
      'fields[1].column',
    ],
    ['bad mode', { ...base, mode: 'merge' }, 'mode'],
    ['bad incremental', { ...base, incremental: 'yes' }, 'incremental'],
    ['bad archived', { ...base, filters: { archived: 'yes' } }, 'filters.archived'],
    ['bad confidentiality', { ...base, filters: { confidentiality: 'secret' } }, 'filters.confidentiality'],
    ['bad createdAfter', { ...base, filters: { createdAfter: 'yesterday' } }, 'filters.createdAfter'],
    ['bad mirror format', { ...base, mirror: { format: 'xls' } }, 'mirror.format'],
    ['bad retention', { ...base, mirror: { format: 'csv', retentionDays: 0 } }, 'mirror.retentionDays'],
    ['unknown destination', { ...base, exports: [{ to: 'ftp' }] }, 'exports[0].to'],
    ['unknown export setting', { ...base, exports: [{ to: 'drive', bucket: 'x' }] }, 'exports[0].bucket'],
    ['two exports of the same file', { ...base, exports: [{ format: 'csv' }, { format: 'csv' }] }, 'exports[1]'],
    ['exports and mirror both', { ...base, exports: [], mirror: { format: 'csv' } }, 'exports'],
    ['exports not a list', { ...base, exports: { format: 'csv' } }, 'exports'],
    ['bad every', { ...base, schedule: { every: 'minute' } }, 'schedule.every'],
    ['hour 24', { ...base, schedule: { every: 'day', hour: 24 } }, 'schedule.hour'],
    ['fractional hour', { ...base, schedule: { every: 'day', hour: 6.5 } }, 'schedule.hour'],
    ['weekday 7', { ...base, schedule: { every: 'week', weekday: 7 } }, 'schedule.weekday'],
    ['hour on hourly', { ...base, schedule: { every: 'hour', hour: 3 } }, 'schedule.hour'],
    ['once without at', { ...base, schedule: { every: 'once' } }, 'schedule.at'],
    ['once in the past', { ...base, schedule: { every: 'once', at: '2025-01-01' } }, 'schedule.at'],
  ])('INVALID %s → error on %s', (_name, input, field) => {
    try {
      validateJob(input, NOW, 'job1');
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      expect((e as ConfigError).field).toBe(field);
      expect((e as ConfigError).message.length).toBeGreaterThan(field.length + 10);
      return;
    }
    throw new Error('expected a ConfigError');
  });

  it('columns: ids a job left out come at the right, children carry the opportunity id, append adds history columns', () => {
    expect(jobColumns(validateJob({ ...base, fields: ['name'] }, NOW, 'j')).map((c) => c.header)).toEqual(['Name', 'Opportunity ID']);
    expect(jobColumns(validateJob({ object: 'offers', sheetName: 'O', fields: ['status'] }, NOW, 'j')).map((c) => c.path)).toEqual([
      'status',
      'id',
      'opportunityId',
    ]);
    expect(jobColumns(validateJob({ ...base, mode: 'append', fields: ['id'] }, NOW, 'j')).map((c) => c.header)).toEqual([
      'Opportunity ID',
      'Synced at',
      'Change',
      'Version',
    ]);
  });
});

describe('job validation per object', () => {
  it('a saved job validates again unchanged (the sidebar sends it back when editing)', () => {
    for (const object of ['opportunities', 'interviews', 'users', 'stage_history']) {
      const job = validateJob({ object, sheetName: 'T' }, NOW, 'j');
      expect(validateJob(JSON.parse(JSON.stringify(job)), NOW, 'other')).toEqual(job);
    }
  });

  it('filters and reconciliation only where they apply', () => {
    expect(() => validateJob({ object: 'users', sheetName: 'U', filters: { archived: true } }, NOW, 'j')).toThrow(
      /filters.archived: does not apply to users \(it takes no filters\)/,
    );
    expect(() => validateJob({ object: 'postings', sheetName: 'P', filters: { stageIds: ['x'] } }, NOW, 'j')).toThrow(
      /it takes confidentiality/,
    );
    expect(() => validateJob({ object: 'users', sheetName: 'U', reconcile: 'daily' }, NOW, 'j')).toThrow(
      /reconcile: applies only to objects read per opportunity/,
    );
    expect(validateJob({ object: 'feedback', sheetName: 'F' }, NOW, 'j').reconcile).toBe('weekly');
    expect(validateJob({ object: 'feedback', sheetName: 'F', reconcile: 'daily' }, NOW, 'j').reconcile).toBe('daily');
  });

  describe('dashboard jobs', () => {
    const v = (job: object) => () => validateJob({ object: 'opportunities', sheetName: 'Data', ...job }, Date.UTC(2026, 11, 1), 'j');
    it('takes the dashboard’s own columns when none are named, and checks those that are', () => {
      const job = v({ dashboard: { sheetName: 'Dashboard' } })();
      expect(job.dashboard).toEqual({ sheetName: 'Dashboard' });
      expect(job.fields).toContain('tally.offerSentAt');
      expect(v({ dashboard: { sheetName: 'Dashboard' }, fields: ['name', 'stage'] })).toThrow(
        'fields: a dashboard is worked out from archived.archivedAt, sources, createdAt, stageChanges.toStageId, stageChanges.updatedAt, tally.offerSentAt, tally.offerAcceptedAt: add them to the fields, or leave fields out.',
      );
    });
    it('says what to fix: object, mode, tab name', () => {
      expect(v({ object: 'interviews', dashboard: { sheetName: 'D' } })).toThrow(
        'dashboard: is worked out from candidates: set the object to opportunities (not "interviews").',
      );
      expect(v({ mode: 'append', dashboard: { sheetName: 'D' } })).toThrow('dashboard: needs mode "upsert"');
      expect(v({ dashboard: { sheetName: 'data' } })).toThrow('dashboard.sheetName: must differ from the tab of the candidates');
      expect(v({ dashboard: { sheetName: 'Sync log' } })).toThrow('dashboard.sheetName: "Sync log" is kept for the run log');
      expect(v({ dashboard: { sheetName: 'D', colour: 'red' } })).toThrow('dashboard.colour');
    });
  });
});
