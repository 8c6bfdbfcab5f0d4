/**
 * Random scenarios and fault schedules for the differential fault suite: what a job is, what
 * happens in Lever and in the tab between runs, and what goes wrong during the faulty twin's runs.
 */
import fc from 'fast-check';
import type { FaultKind } from '../../src/sandbox/faults';

export type UserEdit = 'notes' | 'sort' | 'rename' | 'drag' | 'gap';

/** Everything that can go wrong during one round of the faulty twin. */
export interface FaultPlan {
  /** Lever: each fault hits `count` requests from the `after`-th request of the round on. */
  lever: Array<{ kind: FaultKind; after: number; count: number }>;
  /** Apps Script: the execution dies at these Sheets calls of the round (counted from 1). */
  killAt: number[];
  /** A Sheets call that throws, as Google's service does when it is having trouble. */
  sheetsFailAt: number[];
  /** The user sorts the rows while the run writes (at this checkpoint save), or never. */
  sortAtCheckpoint: number | null;
  driveFails: boolean;
  /** UrlFetch's daily quota runs out after this many more calls, or never. */
  quotaAfter: number | null;
  /** Another editor's execution holds the spreadsheet when the round starts. */
  contention: boolean;
  /** User property calls (the key, the schedule's registry and ledger) that throw. */
  propsFailAt: number[];
  /** The user's daily mail quota is spent (alerts cannot go out). */
  mailSpent: boolean;
  /** Candidates move in Lever while the run pages through them (at this checkpoint save), or not. */
  moveAtCheckpoint: number | null;
}

export interface Scenario {
  seed: number;
  opportunities: number;
  object: 'opportunities' | 'interviews' | 'postings';
  mode: 'upsert' | 'append' | 'replace';
  activeOnly: boolean;
  csv: boolean;
  /** Run from the sidebar (slice after slice) or by the hourly trigger (one execution an hour). */
  path: 'sidebar' | 'trigger';
  /** A second job of the same object on the same candidates (a roster tab): the trigger runs them as one fan-out. */
  partner: boolean;
  /** An interviews or postings job splits its tab by department (and, with a copy, its files too). */
  split: boolean;
  /** A candidates job (upsert or replace) mirrors resumes to a Drive folder, with its Resume column. */
  resumes: boolean;
  /** Whether Lever's 429s carry Retry-After (Lever documents none; both are handled). */
  retryAfter: boolean;
  /** The faulty twin's execution limit (Apps Script's is 6 minutes; shorter cuts slices mid-way). */
  executionLimitMs: number;
  /** Per round after the first: Lever activity (events) and the user's edits before the run. */
  rounds: Array<{ activity: number; edits: UserEdit[] }>;
  faults: FaultPlan[];
}

export const LEVER_FAULTS: FaultKind[] = [
  'status-429',
  'status-500',
  'status-502',
  'status-503',
  'truncated',
  'malformed',
  'reset',
  'invalid-token',
  'repeated-token',
  'missing-next',
  'echo-auth',
  'slow',
];

const faultPlan: fc.Arbitrary<FaultPlan> = fc.record({
  lever: fc.array(
    fc.record({
      kind: fc.constantFrom(...LEVER_FAULTS),
      // Most rounds of small scenarios make a handful of requests; fan-outs make hundreds.
      after: fc.oneof(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 120 })),
      count: fc.integer({ min: 1, max: 4 }),
    }),
    { maxLength: 4 },
  ),
  killAt: fc.array(fc.integer({ min: 1, max: 400 }), { maxLength: 3 }),
  sheetsFailAt: fc.array(fc.integer({ min: 1, max: 400 }), { maxLength: 2 }),
  sortAtCheckpoint: fc.option(fc.integer({ min: 1, max: 4 }), { nil: null }),
  driveFails: fc.boolean(),
  quotaAfter: fc.option(fc.integer({ min: 1, max: 80 }), { nil: null }),
  contention: fc.boolean(),
  propsFailAt: fc.array(fc.integer({ min: 1, max: 30 }), { maxLength: 2 }),
  mailSpent: fc.boolean(),
  moveAtCheckpoint: fc.option(fc.integer({ min: 1, max: 3 }), { nil: null }),
});

export const scenario: fc.Arbitrary<Scenario> = fc
  .record({
    seed: fc.integer({ min: 1, max: 10_000 }),
    opportunities: fc.integer({ min: 20, max: 140 }),
    object: fc.constantFrom<Scenario['object']>('opportunities', 'opportunities', 'interviews', 'postings'),
    mode: fc.constantFrom<Scenario['mode']>('upsert', 'upsert', 'append', 'replace'),
    activeOnly: fc.boolean(),
    csv: fc.boolean(),
    path: fc.constantFrom<Scenario['path']>('sidebar', 'sidebar', 'trigger'),
    partner: fc.boolean(),
    resumes: fc.boolean(),
    split: fc.boolean(),
    retryAfter: fc.boolean(),
    executionLimitMs: fc.constantFrom(360_000, 360_000, 30_000),
    rounds: fc.array(
      fc.record({
        activity: fc.integer({ min: 0, max: 40 }),
        edits: fc.uniqueArray(fc.constantFrom<UserEdit>('notes', 'sort', 'rename', 'drag', 'gap'), { maxLength: 3 }),
      }),
      { minLength: 1, maxLength: 2 },
    ),
    faults: fc.array(faultPlan, { minLength: 3, maxLength: 3 }),
  })
  // Append keeps a history with sync times: no CSV copy to compare there; notes stay out of replace
  // mode, which rebuilds the tab and so cannot keep a user's cells beside rows. Candidates moving
  // mid-run are compared where the end state does not depend on when the sync looked: not in an
  // append history (which records what it saw, when), not for interviews (Lever adds them without
  // touching the candidate, so a run that saw one early legitimately differs until the reconcile).
  .map((s) => ({
    ...s,
    faults: s.faults.map((f) => ({ ...f, moveAtCheckpoint: s.mode === 'append' || s.object === 'interviews' ? null : f.moveAtCheckpoint })),
    csv: s.csv && s.mode !== 'append',
    resumes: s.resumes && s.object === 'opportunities' && s.mode !== 'append',
    split: s.split && s.object !== 'opportunities' && !(s.partner && s.object === 'interviews' && s.mode === 'upsert'),
    partner: s.partner && s.object === 'interviews' && s.mode === 'upsert',
    // A partner shares its run only when the trigger starts both (the sidebar runs one job).
    path: s.partner && s.object === 'interviews' && s.mode === 'upsert' ? ('trigger' as const) : s.path,
    rounds: s.rounds.map((r) => ({ ...r, edits: s.mode === 'replace' ? r.edits.filter((e) => e !== 'notes') : r.edits })),
  }));

/** Scenarios with a partner job: two interviews tabs on the same candidates, one fan-out (partners.ts). */
export const partnerScenario: fc.Arbitrary<Scenario> = scenario.map((s) => ({
  ...s,
  object: 'interviews' as const,
  mode: 'upsert' as const,
  path: 'trigger' as const,
  partner: true,
  resumes: false,
  split: false,
  csv: s.csv,
  faults: s.faults.map((f) => ({ ...f, moveAtCheckpoint: null })),
}));
