import {
  draftErrors,
  errorSlot,
  draftFromJob,
  groupFields,
  jobInput,
  moveField,
  newDraft,
  searchFields,
  toggleField,
  updateField,
} from '../../sidebar/logic/editor';
import {
  countsText,
  durationText,
  estimateRemaining,
  progressShare,
  progressWords,
  formatTime,
  isoToZonedInput,
  MODE_TEXT,
  scheduleText,
  zonedInputToIso,
} from '../../sidebar/logic/format';
import type { FieldInfo, Job } from '../../src/shared/rpc';
import { plain } from '../../sidebar/logic/rpc';
import { validateJob } from '../../src/core/jobs/validate';

const FIELDS: FieldInfo[] = [
  { path: 'id', label: 'Opportunity ID', type: 'id', pii: false, default: true, defaultPosition: 2, example: 'abc' },
  { path: 'name', label: 'Name', type: 'text', pii: true, default: true, defaultPosition: 0, example: 'Dana Okafor' },
  {
    path: 'archived.reason@text',
    label: 'Archive reason',
    type: 'text',
    pii: false,
    default: false,
    defaultPosition: null,
    example: 'Withdrew',
  },
  { path: 'tags', label: 'Tags', type: 'list', pii: false, default: true, defaultPosition: 1, example: 'Remote' },
  {
    path: '*custom',
    label: 'Custom fields (a column each)',
    type: 'json',
    pii: false,
    default: false,
    defaultPosition: null,
    example: null,
  },
];

describe('sidebar: editor logic', () => {
  it('a new draft takes the default fields; a saved job round-trips through the draft unchanged', () => {
    const d = newDraft('opportunities', FIELDS);
    // In the order the catalog gives its defaults: names first, the id at the right.
    expect(d.fields.map((f) => f.path)).toEqual(['name', 'tags', 'id']);
    const job = validateJob(
      {
        object: 'opportunities',
        sheetName: 'P',
        fields: ['id', { path: 'tags', column: 'Labels', array: 'first' }],
        filters: { archived: false, confidentiality: 'all', stageIds: ['offer'], postingIds: ['p1'], createdAfter: '2026-01-01' },
        schedule: { every: 'day', hour: 7 },
        mirror: { format: 'csv.gz', keep: 'latest' },
      },
      Date.UTC(2026, 10, 1),
      'j1',
    ) as Job;
    const back = validateJob(jobInput(draftFromJob(job), job), Date.UTC(2026, 10, 1), 'other');
    expect(back).toEqual(job);
  });

  it('an Azure copy and a retry policy go back and forth through the form unchanged', () => {
    const job = validateJob(
      {
        object: 'opportunities',
        sheetName: 'P',
        exports: [{ to: 'azure', containerUrl: 'https://acct.blob.core.windows.net/lever', prefix: 'daily/', format: 'csv.gz' }],
        retry: { maxAttempts: 3, maxWaitSeconds: 10 },
      },
      Date.UTC(2026, 10, 1),
      'j2',
    ) as Job;
    const draft = draftFromJob(job);
    expect([draft.copyTo, draft.containerUrl, draft.prefix, draft.retryAttempts, draft.retryWait]).toEqual([
      'azure',
      'https://acct.blob.core.windows.net/lever',
      'daily/',
      '3',
      '10',
    ]);
    expect(validateJob(jobInput(draft, job), Date.UTC(2026, 10, 1), 'other')).toEqual(job);
    // Back to Drive: the container goes; emptied retries mean the default.
    const drive = jobInput({ ...draft, copyTo: 'drive', retryAttempts: '', retryWait: '' }, job);
    expect([drive.exports, drive.retry]).toEqual([[{ to: 'drive', format: 'csv.gz', keep: 'latest' }], undefined]);
    expect(draftErrors({ ...draft, retryAttempts: '11' }).other).toMatch(/^Retries: tries from 1 to 10/);
  });

  it('an S3 copy and a row limit go back and forth through the form unchanged', () => {
    const job = validateJob(
      {
        object: 'opportunities',
        sheetName: 'P',
        exports: [
          {
            to: 's3',
            bucket: 'acme-lever',
            region: 'eu-west-1',
            prefix: 'daily/',
            encryption: 'aws:kms',
            format: 'csv.gz',
            layout: 'warehouse',
          },
        ],
        maxRowsPerRun: 2500,
      },
      Date.UTC(2026, 10, 1),
      'j3',
    ) as Job;
    const draft = draftFromJob(job);
    expect([draft.warehouse, draft.copyTo, draft.bucket, draft.region, draft.prefix, draft.encryption, draft.maxRows]).toEqual([
      true,
      's3',
      'acme-lever',
      'eu-west-1',
      'daily/',
      'aws:kms',
      '2500',
    ]);
    expect(validateJob(jobInput(draft, job), Date.UTC(2026, 10, 1), 'other')).toEqual(job);
    // To Azure: the bucket's settings go with it; an emptied limit means none.
    const azure = jobInput(
      { ...draft, copyTo: 'azure', containerUrl: 'https://acct.blob.core.windows.net/x', maxRows: '', warehouse: false },
      job,
    );
    expect([azure.exports, azure.maxRowsPerRun]).toEqual([
      [{ to: 'azure', format: 'csv.gz', keep: 'latest', containerUrl: 'https://acct.blob.core.windows.net/x', prefix: 'daily/' }],
      undefined,
    ]);
    expect(draftErrors({ ...draft, maxRows: '99' }).other).toMatch(/^Rows per run: a whole number from 100/);
  });

  it('a hash-chained append job and its alerts go back and forth through the form unchanged', () => {
    const job = validateJob(
      {
        object: 'interviews',
        sheetName: 'A',
        mode: 'append',
        hashChain: true,
        splitBy: { by: 'department', into: 'both' },
        schedule: { every: 'hour' },
        alerts: { to: ['a@b.example'], onRecovery: false, staleAfterHours: 5, digest: true, webhook: true },
      },
      Date.UTC(2026, 10, 1),
      'j4',
    ) as Job;
    const draft = draftFromJob(job);
    expect([draft.splitBy, draft.splitInto]).toEqual(['department', 'both']);
    expect(job.fields).toContain('candidate.posting@department');
    expect([draft.hashChain, draft.alertTo, draft.alertRecovery, draft.staleHours, draft.digest, draft.alertWebhook]).toEqual([
      true,
      'a@b.example',
      false,
      '5',
      true,
      true,
    ]);
    expect(validateJob(jobInput(draft, job), Date.UTC(2026, 10, 1), 'other')).toEqual(job);
    // Upsert has no chain: the box's value is not sent.
    expect(jobInput({ ...draft, mode: 'upsert' }, job).hashChain).toBeUndefined();
  });

  it('a copy named by a path template goes back and forth through the form unchanged', () => {
    const job = validateJob(
      {
        object: 'stages',
        sheetName: 'S',
        exports: [{ to: 'azure', containerUrl: 'https://acct.blob.core.windows.net/runs', path: '{object}/{date}/{tab}-{run}.{ext}' }],
      },
      Date.UTC(2026, 10, 1),
      'j5',
    ) as Job;
    const draft = draftFromJob(job);
    expect(draft.path).toBe('{object}/{date}/{tab}-{run}.{ext}');
    expect(validateJob(jobInput(draft, job), Date.UTC(2026, 10, 1), 'other')).toEqual(job);
    // The warehouse layout makes its own paths: the template is not sent with it.
    expect(jobInput({ ...draft, warehouse: true }, job).exports![0]).not.toHaveProperty('path');
  });

  it('resumes beside the copy, in a Drive folder, or set elsewhere go back and forth through the form unchanged', () => {
    const at = Date.UTC(2026, 10, 1);
    const copy = { to: 's3', bucket: 'acme-lever', region: 'eu-west-1' } as const;
    const beside = validateJob(
      { object: 'opportunities', sheetName: 'C', exports: [copy], resumes: { ...copy, prefix: 'cv/', maxMb: 5 } },
      at,
      'j6',
    ) as Job;
    const draft = draftFromJob(beside);
    expect([draft.resumesTo, draft.resumesFolder, draft.resumesMaxMb]).toEqual(['copy', 'cv/', '5']);
    expect(draftErrors(draft)).toEqual({});
    expect(validateJob(jobInput(draft, beside), at, 'other')).toEqual(beside);
    // A Drive folder of the add-on's, for the resumes and for the copy.
    const drive = validateJob(
      {
        object: 'opportunities',
        sheetName: 'C',
        exports: [{ to: 'drive', folder: 'Copies' }],
        resumes: { to: 'drive', folder: 'Screening' },
      },
      at,
      'j7',
    ) as Job;
    const d2 = draftFromJob(drive);
    expect([d2.driveFolder, d2.resumesTo, d2.resumesFolder, d2.resumesMaxMb]).toEqual(['Copies', 'drive', 'Screening', '']);
    expect(validateJob(jobInput(d2, drive), at, 'other')).toEqual(drive);
    // Saved elsewhere through the API: the form keeps it as it is.
    const elsewhere = validateJob(
      { object: 'opportunities', sheetName: 'C', exports: [copy], resumes: { to: 's3', bucket: 'screening', region: 'us-east-1' } },
      at,
      'j8',
    ) as Job;
    expect(draftFromJob(elsewhere).resumesTo).toBe('kept');
    expect(validateJob(jobInput(draftFromJob(elsewhere), elsewhere), at, 'other')).toEqual(elsewhere);
    // Beside a copy that went to Drive: said before saving, never dropped quietly.
    expect(draftErrors({ ...draft, copyTo: 'drive' }).other).toMatch(/^Resumes beside the copy need a copy to S3 or Azure/);
    expect(draftErrors({ ...draft, resumesMaxMb: '30' }).other).toMatch(/^Largest resume: a whole number of megabytes from 1 to 25/);
    // Another object has no resumes.
    expect(jobInput({ ...draft, object: 'users' }, beside).resumes).toBeNull();
  });

  it('checks the form before asking the server', () => {
    const d = newDraft('opportunities', FIELDS);
    expect(draftErrors(d)).toEqual({ sheetName: 'Choose a tab name: the rows go to that tab.' });
    expect([errorSlot('fields[2].column'), errorSlot('schedule.at'), errorSlot('sheetName'), errorSlot('filters.stageIds')]).toEqual([
      'fields',
      'schedule',
      'sheetName',
      'other',
    ]);
    expect(draftErrors({ ...d, sheetName: 'a/b', fields: [] })).toEqual({
      sheetName: 'A tab name cannot hold [ ] * ? : \\ /.',
      fields: 'Choose at least one field.',
    });
    expect(draftErrors({ ...d, sheetName: 'ok', schedule: { every: 'once' } })).toEqual({
      schedule: 'Pick the date and time to run once.',
    });
  });

  it('adds, removes, moves, renames fields without touching the input draft', () => {
    const d = newDraft('opportunities', FIELDS);
    const frozen = JSON.stringify(d);
    const added = toggleField(d, 'archived.reason@text');
    // Added before the id at the right.
    expect(added.fields.map((f) => f.path)).toEqual(['name', 'tags', 'archived.reason@text', 'id']);
    expect(toggleField(added, 'name').fields.map((f) => f.path)).toEqual(['tags', 'archived.reason@text', 'id']);
    expect(moveField(d, 0, -1)).toBe(d);
    expect(moveField(d, 0, 1).fields.map((f) => f.path)).toEqual(['tags', 'name', 'id']);
    expect(updateField(d, 1, { column: 'Labels', array: 'count' }).fields[1]).toEqual({ path: 'tags', column: 'Labels', array: 'count' });
    expect(JSON.stringify(d)).toBe(frozen);
  });

  it('groups fields by record part and searches label, path and example', () => {
    expect(groupFields(FIELDS).map((g) => [g.group, g.fields.length])).toEqual([
      ['Main', 3],
      ['Archived', 1],
      ['Custom fields', 1],
    ]);
    expect(searchFields(FIELDS, 'okafor').map((f) => f.path)).toEqual(['name']);
    expect(searchFields(FIELDS, 'archive with').map((f) => f.path)).toEqual(['archived.reason@text']);
    expect(searchFields(FIELDS, '  ')).toHaveLength(FIELDS.length);
  });
});

describe('sidebar: formatting', () => {
  it('times and schedules in the spreadsheet time zone', () => {
    expect(formatTime(Date.UTC(2026, 10, 28, 14, 5), 'Europe/Lisbon')).toBe('Nov 28, 14:05');
    expect(formatTime(Date.UTC(2026, 10, 28, 14, 5), 'America/New_York')).toBe('Nov 28, 09:05');
    expect(formatTime(null, 'UTC')).toBe('—');
    expect(formatTime(Date.UTC(2026, 10, 28, 14, 5), 'Not/AZone')).toBe('Nov 28, 14:05 UTC');
    expect(scheduleText({ every: 'week', hour: 9, weekday: 5 }, 'Europe/Lisbon')).toBe('Weekly on Friday at 09:00 (Europe/Lisbon)');
    expect(scheduleText({ every: 'manual' }, 'UTC')).toBe('Manual only');
  });

  it('a one-off time is typed in the spreadsheet’s zone, whatever the browser’s', () => {
    expect(zonedInputToIso('2026-12-01T09:00', 'America/New_York')).toBe('2026-12-01T14:00:00.000Z');
    expect(zonedInputToIso('2026-07-01T09:00', 'Europe/Lisbon')).toBe('2026-07-01T08:00:00.000Z');
    expect(zonedInputToIso('2026-03-29T03:30', 'Europe/Lisbon')).toBe('2026-03-29T02:30:00.000Z');
    expect(isoToZonedInput('2026-12-01T14:00:00.000Z', 'America/New_York')).toBe('2026-12-01T09:00');
    expect(isoToZonedInput(zonedInputToIso('2026-11-28T23:45', 'Asia/Kolkata'), 'Asia/Kolkata')).toBe('2026-11-28T23:45');
    expect(zonedInputToIso('', 'UTC')).toBe('');
  });

  it('modes in one sentence each; counts and time left', () => {
    expect(Object.values(MODE_TEXT).every((t) => t.split('.').filter(Boolean).length === 1)).toBe(true);
    expect(countsText({ records: 5, rowsAdded: 2, rowsUpdated: 3, rowsDeleted: 0 })).toBe('5 records · +2 added · 3 updated · 0 removed');
    // 2 done in 10 s, 8 left: 40 s.
    expect(estimateRemaining(10_000, 2, 8)).toBe(40_000);
    expect(estimateRemaining(10_000, 0, 8)).toBeNull();
    expect(estimateRemaining(10_000, 2, null)).toBeNull();
    expect(estimateRemaining(10_000, 2, 0)).toBeNull();
    expect(durationText(40_000)).toBe('about 40 s left');
    expect(durationText(600_000)).toBe('about 10 min left');
  });

  it('says how far a run is in a person’s words, with a bar share only when there is a total', () => {
    const base = { phase: 'records' as const, listedNoun: 'candidates', childNoun: null, listed: 1200, total: 5000, incremental: false };
    expect(progressWords(base)).toBe('Reading candidates: 1,200 of about 5,000');
    expect(progressShare(base)).toBeCloseTo(0.24);
    const fanOut = { ...base, childNoun: 'interviews', listed: 340 };
    expect(progressWords(fanOut)).toBe('Fetching interviews for 340 of about 5,000 candidates');
    // No total (first run of a list with nothing to go on): counted, no invented share.
    expect(progressWords({ ...base, total: null })).toBe('Reading candidates: 1,200 so far');
    expect(progressShare({ ...base, total: null })).toBeNull();
    // A total that proved too small is not shown as "7,000 of about 5,000", and the bar stops short of full.
    expect(progressWords({ ...base, listed: 7000 })).toBe('Reading candidates: 7,000 so far');
    expect(progressShare({ ...base, listed: 7000 })).toBeLessThan(1);
    expect(progressWords({ ...base, incremental: true, total: null })).toBe('Reading candidates changed since the last run: 1,200 so far');
    expect(progressWords({ ...base, phase: 'deletions' })).toBe('Looking for candidates removed in Lever');
  });

  it('shows a setting’s error without its internal path', () => {
    expect(plain('fields[2].column: two columns are named "Name"; rename one.', 'fields[2].column')).toBe(
      'Two columns are named "Name"; rename one.',
    );
    expect(plain('Lever did not accept the API key.', undefined)).toBe('Lever did not accept the API key.');
    expect(plain('sheetName: x', 'schedule')).toBe('sheetName: x');
  });
});
