/** `npm run playground`: try the sidebar in a browser, with no Google account. */
import { createLocalWorld } from './local-world';
import { SANDBOX_KEY } from '../sandbox/sandbox';
import { parseArgs } from './args';
import { startPlayground } from './playground-server';

const USAGE = 'Usage: npm run playground -- [--port 4020] [--seed 1] [--opportunities 400]';

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2), { port: 4020, seed: 1, opportunities: 400 }, USAGE);
  const world = createLocalWorld({ sandbox: { seed: args.seed, opportunities: args.opportunities } });
  const pg = await startPlayground(world, { port: args.port });
  console.log(`Lever Sync playground: ${pg.url}`);
  console.log(`Connect with environment "sandbox" and the API key ${SANDBOX_KEY}`);
  console.log('(a wrong key shows how errors look). Ctrl+C stops it.');
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
