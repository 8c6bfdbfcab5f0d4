import fc from 'fast-check';
import { interviewTally, scorecardTally } from '../../src/core/sync/tallies';

const form = (fields: unknown[], deletedAt: number | null = null) => ({ id: 'f', deletedAt, fields });

describe('tallies', () => {
  it('scorecards: each one’s mean rating, then the mean of those; unrated and deleted ones left out', () => {
    const tally = scorecardTally([
      form([
        { type: 'score-system', value: 'Hire' },
        { type: 'score', value: 4 },
        { type: 'scorecard', value: [{ score: 2 }, { score: null }] },
      ]),
      form([{ type: 'score', value: 1 }]),
      form([{ type: 'text', value: 'no rating here' }]),
      form([{ type: 'score', value: 4 }], 1700000000000),
    ]);
    expect(tally).toEqual({ scorecards: 2, scoreAverage: 2 });
    expect(scorecardTally([])).toEqual({ scorecards: 0, scoreAverage: null });
  });

  it('ratings outside 1–4 or not numbers are not ratings', () => {
    expect(
      scorecardTally([
        form([
          { type: 'score', value: '4' },
          { type: 'score', value: 9 },
          { type: 'scorecard', value: 'x' },
        ]),
      ]),
    ).toEqual({
      scorecards: 0,
      scoreAverage: null,
    });
  });

  it('property: the average lies between the lowest and highest rating, counted scorecards never exceed the live ones', () => {
    const rating = fc.option(fc.integer({ min: 1, max: 4 }), { nil: null });
    const forms = fc.array(
      fc.record({
        deleted: fc.boolean(),
        scores: fc.array(rating, { maxLength: 4 }),
        skills: fc.array(rating, { maxLength: 4 }),
      }),
      { maxLength: 12 },
    );
    fc.assert(
      fc.property(forms, (fs) => {
        const records = fs.map((f) =>
          form(
            [...f.scores.map((v) => ({ type: 'score', value: v })), { type: 'scorecard', value: f.skills.map((s) => ({ score: s })) }],
            f.deleted ? 1 : null,
          ),
        );
        const t = scorecardTally(records);
        const live = fs.filter((f) => !f.deleted);
        const all = live.flatMap((f) => [...f.scores, ...f.skills]).filter((v): v is number => v !== null);
        expect(t.scorecards).toBe(live.filter((f) => [...f.scores, ...f.skills].some((v) => v !== null)).length);
        if (all.length === 0) expect(t.scoreAverage).toBeNull();
        else {
          expect(t.scoreAverage as number).toBeGreaterThanOrEqual(Math.min(...all) - 0.005);
          expect(t.scoreAverage as number).toBeLessThanOrEqual(Math.max(...all) + 0.005);
        }
      }),
    );
  });

  it('interviews: canceled ones are not counted', () => {
    expect(interviewTally([{ canceledAt: null }, { canceledAt: 1 }, {}])).toEqual({ interviews: 2 });
  });
});
