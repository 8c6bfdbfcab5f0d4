/** `npm run sandbox -- --port 4010 --seed 1 --opportunities 5000`: the Lever sandbox over HTTP on loopback. */
import { LIMITED_KEY, LeverSandbox, SANDBOX_KEY } from '../sandbox/sandbox';
import { serveSandbox } from '../sandbox/server';
import { parseArgs } from './args';

const USAGE = 'Usage: npm run sandbox -- [--port 4010] [--seed 1] [--opportunities 5000] [--activity-per-hour 0]';

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2), { port: 4010, seed: 1, opportunities: 5000, activityPerHour: 0 }, USAGE);
  const sandbox = new LeverSandbox({ seed: args.seed, opportunities: args.opportunities });
  const running = await serveSandbox(sandbox, args.port);
  console.log(`Lever sandbox listening at ${running.baseUrl}`);
  console.log(`API key (full access):        ${SANDBOX_KEY}`);
  console.log(`API key (no confidential, no offers): ${LIMITED_KEY}`);
  console.log(`Try: curl -u ${SANDBOX_KEY}: '${running.baseUrl}/opportunities?limit=2'`);
  if (args.activityPerHour > 0) {
    // Real time: simulate activity every minute at the requested hourly rate.
    let last = Date.now();
    setInterval(() => {
      const now = Date.now();
      sandbox.activity.simulate(last, now, Math.max(1, Math.round(args.activityPerHour / 60)));
      last = now;
    }, 60_000);
  }
  const stop = () => void running.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
