import fc from 'fast-check';
import { nextReconcile, reconcileShares, shareOf } from '../../src/core/sync/reconcile';
import { emptyState, newCheckpoint } from '../../src/core/sync/state';
import { validateJob } from '../../src/core/jobs/validate';

const NOW = Date.UTC(2026, 10, 30);
const job = (every: 'hour' | 'day', reconcile: 'daily' | 'weekly') =>
  validateJob({ object: 'interviews', sheetName: 'I', schedule: every === 'day' ? { every, hour: 6 } : { every }, reconcile }, NOW, 'j');

describe('reconcile shares', () => {
  it('as many shares as runs in a reconcile period; none for lists, manual schedules or append histories', () => {
    expect(reconcileShares(job('hour', 'weekly'))).toBe(168);
    expect(reconcileShares(job('hour', 'daily'))).toBe(24);
    expect(reconcileShares(job('day', 'weekly'))).toBe(7);
    expect(reconcileShares(validateJob({ object: 'opportunities', sheetName: 'O' }, NOW, 'j'))).toBe(0);
    expect(reconcileShares(validateJob({ object: 'interviews', sheetName: 'I' }, NOW, 'j'))).toBe(0);
    // Tally columns count lists Lever does not flag on the candidate: re-read like children.
    const tallied = validateJob(
      { object: 'opportunities', sheetName: 'O', fields: ['name', 'tally.interviews'], schedule: { every: 'hour' } },
      NOW,
      'j',
    );
    expect([tallied.reconcile, reconcileShares(tallied)]).toEqual(['weekly', 168]);
  });

  it('a cycle of shares covers every creation time up to its start exactly once (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: NOW - 1 }), fc.integer({ min: 1, max: 3 * 365 * 86_400_000 }), (from, age) => {
        const j = job('hour', 'daily');
        const full = { ...newCheckpoint('r', from + age, null), createdMin: from };
        let state = { ...emptyState(), createdMin: from, reconcile: nextReconcile(j, emptyState(), full) };
        const cuts: Array<{ from: number | null; to: number }> = [];
        for (let k = 0; k < 24; k++) {
          const share = shareOf(j, state)!;
          cuts.push(share);
          const run = { ...newCheckpoint(`r${k}`, from + age + (k + 1) * 3_600_000, 1), share };
          state = { ...state, reconcile: nextReconcile(j, state, run) };
        }
        expect(cuts[0].from).toBeNull();
        expect(cuts[23].to).toBe(from + age);
        for (let k = 1; k < 24; k++) expect(cuts[k].from).toBe(cuts[k - 1].to + 1);
        expect(state.reconcile!.next).toBe(0); // a new cycle begins
        expect(state.reconcile!.upTo).toBe(from + age + 24 * 3_600_000);
      }),
      { numRuns: 200 },
    );
  });
});
