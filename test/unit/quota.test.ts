import fc from 'fast-check';
import { finishTime, jobCost } from '../../src/core/app/plan';
import { CHECKS_PER_RUN } from '../../src/core/app/resumes';
import { validateJob } from '../../src/core/jobs/validate';
import { emptyState } from '../../src/core/sync/state';
import { QuotaLedger, budgetOf, meteredHttp } from '../../src/core/app/quota';
import { BudgetSpentError } from '../../src/core/errors';
import { FakeClock, FakeHttp, MemoryStore, json } from '../helpers/fakes';

const HOUR = 3600_000;

describe('the quota ledger', () => {
  it('counts per hour across executions and forgets what is more than a day old', () => {
    const store = new MemoryStore();
    const clock = new FakeClock(100 * HOUR + 10 * 60_000);
    new QuotaLedger(store, clock).add(150);
    clock.t += 23 * HOUR + 45 * 60_000;
    const next = new QuotaLedger(store, clock); // another execution reads what the first saved
    expect(next.fetches()).toBe(150); // 23 h 45 min later: still inside the last 24 hours
    next.add(20, 60_000);
    clock.t += 2 * HOUR;
    expect(new QuotaLedger(store, clock).fetches()).toBe(20);
    expect(new QuotaLedger(store, clock).triggerMs()).toBe(60_000);
  });

  it('reads the earlier per-day trigger ledger as time spent this hour', () => {
    const store = new MemoryStore();
    const clock = new FakeClock(100 * HOUR);
    store.set('schedule.ledger', JSON.stringify({ day: Math.floor(clock.t / (24 * HOUR)), usedMs: 42_000 }));
    expect(new QuotaLedger(store, clock).triggerMs()).toBe(42_000);
  });

  it('refuses the request that would pass the budget before sending it, and says when it frees', () => {
    const store = new MemoryStore();
    const clock = new FakeClock(100 * HOUR);
    const ledger = new QuotaLedger(store, clock);
    ledger.add(budgetOf('consumer').urlFetch - 2);
    const http = new FakeHttp(() => json(200, {}));
    const metered = meteredHttp(http, ledger, budgetOf('consumer'));
    metered.fetch({ url: 'https://x/1', headers: {} });
    expect(() => metered.fetchAll([1, 2].map((n) => ({ url: `https://x/${n}`, headers: {} })))).toThrow(BudgetSpentError);
    expect(http.requests).toHaveLength(1);
    try {
      metered.fetch({ url: 'https://x/3', headers: {} });
      metered.fetch({ url: 'https://x/4', headers: {} });
    } catch (e) {
      expect((e as BudgetSpentError).resumeAt).toBe(125 * HOUR);
      expect((e as Error).message).toMatch(/18,000 a day.*nothing is lost/);
    }
    expect(http.requests).toHaveLength(2);
    expect(new QuotaLedger(store, clock).fetches()).toBe(18_000); // saved when it stopped
  });

  it('whatever is spent hour by hour through the meter, no 24 hours hold more than the budget (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 600 }), fc.integer({ min: 0, max: 59 })), { maxLength: 40 }), (hours) => {
        const store = new MemoryStore();
        const clock = new FakeClock(0);
        const at: number[] = [];
        for (const [wanted, minute] of hours) {
          clock.t = Math.floor(clock.t / HOUR + 1) * HOUR + minute * 60_000;
          const ledger = new QuotaLedger(store, clock); // one execution
          const metered = meteredHttp(new FakeHttp(() => json(200, {})), ledger, { urlFetch: 1500, triggerMs: 1 });
          for (let i = 0; i < wanted; i++) {
            try {
              metered.fetch({ url: 'https://x', headers: {} });
              at.push(clock.t + i);
            } catch {
              break;
            }
          }
          ledger.flush(); // as every entry point does at its end
        }
        for (let i = 0, j = 0; i < at.length; i++) {
          while (at[j] <= at[i] - 24 * HOUR) j++;
          expect(i - j + 1).toBeLessThanOrEqual(1500);
        }
      }),
      { numRuns: 40 },
    );
  });
});

describe('the plan of the first syncs', () => {
  const quiet = Array.from({ length: 25 }, () => 0);
  const run = 3.5 * 60_000;

  it('a backlog one run can do ends within the hour; a big one takes days at the daily share', () => {
    const now = 10 * HOUR + 5 * 60_000;
    expect(finishTime(now, 500, 0, 18_000, run, quiet)! - now).toBeLessThan(HOUR);
    const days = (finishTime(now, 40_000, 400, 18_000, run, quiet)! - now) / (24 * HOUR);
    expect(days).toBeGreaterThan(2);
    expect(days).toBeLessThan(3);
    expect(finishTime(now, 10_000_000, 0, 18_000, run, quiet)).toBeNull();
  });

  it('takes longer for more requests and for a fuller ledger (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 60_000 }),
        fc.integer({ min: 1, max: 20_000 }),
        fc.integer({ min: 0, max: 17_000 }),
        (a, more, used) => {
          const full = [...quiet.slice(1), used];
          const t = (backlog: number, recent: number[]) => finishTime(0, backlog, 0, 18_000, run, recent)!;
          expect(t(a + more, quiet)).toBeGreaterThanOrEqual(t(a, quiet));
          expect(t(a, full)).toBeGreaterThanOrEqual(t(a, quiet));
        },
      ),
      { numRuns: 100 },
    );
  });
});

describe('the quota plan counts the resume copy', () => {
  it('adds a run’s share of looks per scheduled run', () => {
    const base = { object: 'opportunities', sheetName: 'C', schedule: { every: 'hour' } } as const;
    const plain = validateJob(base, 0, 'a');
    const withResumes = validateJob({ ...base, resumes: { to: 'drive' } }, 0, 'b');
    const cost = (job: typeof plain, candidates: number) => jobCost(job, emptyState(), candidates).perDay;
    expect(cost(withResumes, 1000) - cost(plain, 1000)).toBe(24 * CHECKS_PER_RUN);
    expect(cost(withResumes, 10) - cost(plain, 10)).toBe(24 * 10);
  });
});
