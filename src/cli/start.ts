/**
 * `npm start`: the whole product on this machine. The shipped bundle runs in the local Apps Script
 * host against the Lever sandbox: default jobs are created and run to completion, a few hours of
 * recruiting activity are simulated with the hourly trigger in between, and the result is written
 * to out/workbook.xlsx and out/drive/.
 */
import { mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createLocalWorld } from './local-world';
import { SANDBOX_KEY } from '../sandbox/sandbox';
import type { Job, SliceProgress } from '../shared/rpc';
import { parseArgs } from './args';
import { Progress, table } from './report';
import { writeWorkbook } from './xlsx';
import { DEFAULT_JOBS } from './default-jobs';
import { decodeRpcError } from '../shared/errors';
import { startCloudCopies } from './cloud-copies';

const USAGE = `Usage: npm start -- [--opportunities N] [--seed N] [--hours N] [--out DIR] [--lever-env sandbox|production]
                 [--s3 local|<bucket>@<region>] [--azure local|<container address>]
  With LEVER_API_KEY set, the same jobs run against that real Lever account (no activity is simulated).
  --s3 / --azure: the Pipeline job also copies its tab there; local starts the emulators (s3rver with
  signature checks, Azurite); a real bucket needs AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, a real
  container AZURE_SAS.`;

// eslint-disable-next-line max-lines-per-function -- the demo's script, one step after another as the README tells it
async function main(): Promise<void> {
  const args = parseArgs(
    process.argv.slice(2),
    { opportunities: 1500, seed: 1, hours: 4, out: 'out', leverEnv: 'sandbox', s3: '', azure: '' },
    USAGE,
  );
  const realKey = process.env.LEVER_API_KEY;
  if (args.leverEnv !== 'sandbox' && args.leverEnv !== 'production')
    throw new Error(`--lever-env must be sandbox or production.\n${USAGE}`);
  const out = resolve(args.out);
  rmSync(join(out, 'drive'), { recursive: true, force: true });
  mkdirSync(join(out, 'drive'), { recursive: true });
  const cloud = await startCloudCopies({ s3: args.s3, azure: args.azure }, USAGE);
  const world = createLocalWorld({
    loopback: cloud.loopback,
    sandbox: { seed: args.seed, opportunities: args.opportunities },
    driveDir: join(out, 'drive'),
    realLever: !!realKey,
    start: realKey ? Date.now() : undefined,
  });
  const { host, sandbox, clock } = world;
  const started = clock.now();
  console.log(
    realKey
      ? `Using your Lever account (${args.leverEnv}).`
      : `Lever sandbox: seed ${args.seed}, ${args.opportunities} opportunities, key ${SANDBOX_KEY}.`,
  );
  // Saving the key asks Lever what it may read (a refused key is not stored): no second check.
  try {
    const input = realKey ? { apiKey: realKey, environment: args.leverEnv } : { apiKey: SANDBOX_KEY, environment: 'sandbox' };
    console.log(host.call<{ message: string }>('saveConnection', input).message);
  } catch (e) {
    console.error(decodeRpcError((e as Error).message).message);
    process.exit(1);
  }

  cloud.saveSecrets(host);
  // The cloud copies ride on the first job (Pipeline), beside whatever it already had.
  const jobs = DEFAULT_JOBS.map((j, i) =>
    host.call<Job>('saveJob', i === 0 && cloud.exports.length ? { ...j, exports: cloud.exports } : j),
  );
  const progress = new Progress();
  for (const job of jobs) {
    // What the sidebar's "Run now" does: short slices until done.
    for (;;) {
      const p = host.call<SliceProgress>('runJobSlice', job.id);
      progress.show(
        `${job.name}: ${p.counts.records} records, ${p.counts.rowsAdded + p.counts.rowsUpdated} rows written, ${p.counts.requests} requests`,
      );
      if (p.done) {
        progress.done(`${job.name}: ${p.status}${p.error ? ` (${p.error.message})` : ''}, ${p.counts.records} records`);
        break;
      }
    }
  }

  if (!realKey && args.hours > 0) {
    console.log(`Simulating ${args.hours} h of recruiting activity, with the hourly trigger after each hour…`);
    host.runHours(args.hours, () => {
      const activity = sandbox.activity.simulate(clock.now() - 3600_000, clock.now());
      progress.show(
        `Activity: +${activity.created} candidates, ${activity.advanced} stage moves, ${activity.archived} archived, ${activity.deleted} deleted`,
      );
    });
    const t = sandbox.activity.totals;
    progress.done(
      `Activity: ${t.created} new candidates, ${t.advanced} stage moves, ${t.archived} archived, ${t.notes} notes, ${t.feedback} feedback, ${t.interviews} interviews, ${t.offers} offers, ${t.deleted} deleted, ${t.anonymized} anonymised`,
    );
  }

  const state = host.call<{
    jobs: Array<{ job: Job; lastRun: { status: string; counts: Record<string, number>; error: { message: string } | null } | null }>;
  }>('getSidebarState');
  console.log('\nJobs after the last run:');
  console.log(
    table(
      ['Job', 'Tab', 'Mode', 'Rows in tab', 'Last run', 'Records', 'Added', 'Updated', 'Deleted', 'Requests', '429s'],
      state.jobs.map(({ job, lastRun }) => [
        job.name,
        job.sheetName,
        job.mode,
        String(Math.max(0, (host.spreadsheet.tab(job.sheetName)?.lastRow() ?? 1) - 1)),
        lastRun?.status ?? 'never',
        ...['records', 'rowsAdded', 'rowsUpdated', 'rowsDeleted', 'requests', 'rateLimited'].map((k) => String(lastRun?.counts[k] ?? 0)),
      ]),
    ),
  );
  const formulas = host.spreadsheet.sheets.reduce((n, s) => n + s.formulas().length, 0);
  console.log(
    `\nTrigger executions: ${host.executions}; Lever requests: ${sandbox.requestCount}; formulas in the sheet: ${formulas}; virtual time: ${((clock.now() - started) / 3600_000).toFixed(2)} h.`,
  );
  await writeWorkbook(host.spreadsheet, join(out, 'workbook.xlsx'));
  console.log(`Wrote ${join(out, 'workbook.xlsx')} and ${host.drive.liveFiles().length} file(s) under ${join(out, 'drive')}.`);
  const stored = await cloud.report();
  if (stored.length) console.log(`In the emulated cloud stores:\n  ${stored.join('\n  ')}`);
  await cloud.stop();
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
