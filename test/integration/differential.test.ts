/**
 * The differential fault suite: random scenarios under random fault schedules end equal to the
 * same scenarios without faults (see test/helpers/differential.ts). `npm test` plays a fixed seed;
 * `npm run soak` plays many more with a fresh seed, printed so a failure can be replayed with
 * DIFF_SEED=<seed>.
 */
import fc from 'fast-check';
import { playScenario, type Outcome } from '../helpers/differential';
import { partnerScenario, scenario } from '../helpers/scenarios';

const runs = Number(process.env.DIFF_RUNS ?? 25);
const seed = process.env.DIFF_SEED === 'random' ? Date.now() % 2 ** 31 : Number(process.env.DIFF_SEED ?? 20261130);

describe('differential faults: a run under faults ends equal to a fault-free run', () => {
  it(`${runs} scenarios (seed ${seed})`, () => {
    const total: Outcome = { faults: 0, attempts: 0, lost: 0, duplicated: 0, misplacedNotes: 0, badResumes: 0, leaks: [] };
    fc.assert(
      fc.property(scenario, (s) => {
        const o = playScenario(s);
        expect(o).toMatchObject({ lost: 0, duplicated: 0, misplacedNotes: 0, badResumes: 0, leaks: [] });
        total.faults += o.faults;
        total.attempts += o.attempts;
      }),
      { seed, numRuns: runs, endOnFailure: true },
    );
    if (process.env.DIFF_REPORT)
      console.log(
        `scenarios ${runs}, seed ${seed}: faults injected ${total.faults}, executions ${total.attempts}, rows lost 0, rows duplicated 0, notes misplaced 0, keys leaked 0`,
      );
  });

  it(`${Math.ceil(runs / 3)} scenarios of two jobs sharing one fan-out (seed ${seed})`, () => {
    fc.assert(
      fc.property(partnerScenario, (s) => {
        expect(playScenario(s)).toMatchObject({ lost: 0, duplicated: 0, misplacedNotes: 0, badResumes: 0, leaks: [] });
      }),
      { seed, numRuns: Math.ceil(runs / 3), endOnFailure: true },
    );
  });
});
