/** The key in any form (as is, Basic auth, base64 at any alignment) never surfaces, even when echoed. */
import { SANDBOX_KEY } from '../../src/sandbox/sandbox';
import type { SliceProgress } from '../../src/shared/rpc';
import { connectedWorld, documentStore, rpcErrorOf, saveJob } from '../helpers/world';

function forms(key: string): string[] {
  const basic = Buffer.from(`${key}:`).toString('base64');
  const cores = [0, 1, 2].map((a) => {
    const enc = Buffer.from('\0'.repeat(a) + key)
      .toString('base64')
      .replace(/=+$/, '');
    return enc.slice(Math.ceil((a * 4) / 3), enc.length - 3);
  });
  return [key, basic, basic.replace(/=+$/, ''), ...cores];
}

describe('a key echoed back by a failing server', () => {
  it('reaches no sheet, log, mail, property or sidebar error in any form', () => {
    const world = connectedWorld({ sandbox: { seed: 1, opportunities: 20 } });
    const job = saveJob(world, { object: 'opportunities', sheetName: 'P', schedule: { every: 'hour' } });
    world.sandbox.injectFaults([{ kind: 'echo-auth', from: 1, count: 100_000 }]);
    const sidebarError = rpcErrorOf(() => {
      const res = world.host.call<SliceProgress>('runJobSlice', job.id);
      if (res.error) throw new Error(res.error.message);
    });
    world.host.runHours(3);
    const outputs = [
      JSON.stringify(sidebarError),
      ...world.host.spreadsheet.sheets.map((s) => JSON.stringify(s.snapshot())),
      JSON.stringify(world.host.outbox),
      world.host.logs.join('\n'),
      JSON.stringify([...documentStore(world)]),
      JSON.stringify(world.host.call('getRunLog', 50)),
      JSON.stringify(world.host.call('getSidebarState')),
    ].join('\n');
    expect(world.host.outbox.length).toBeGreaterThan(0);
    expect(outputs).toMatch(/Authorization: \[redacted\]|\[redacted\]/);
    for (const form of forms(SANDBOX_KEY)) expect({ form, found: outputs.includes(form) }).toEqual({ form, found: false });
  });
});
