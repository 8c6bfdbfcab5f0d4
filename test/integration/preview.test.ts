/**
 * A preview is what a run writes: for every object, each previewed row is a row the sync wrote,
 * cell for cell, under the same header (one source, one row builder).
 */
import { OBJECT_NAMES } from '../../src/core/catalog/objects';
import type { Preview } from '../../src/shared/rpc';
import { connectedWorld, runToEnd, saveJob } from '../helpers/world';

const cell = (v: unknown): string => (v === null || v === '' ? '' : v instanceof Date ? v.toISOString() : String(v));

describe('preview = sync rows', () => {
  const world = connectedWorld({ sandbox: { seed: 5, opportunities: 40 } });

  it.each(OBJECT_NAMES)('%s', (object) => {
    const job = saveJob(world, { object, sheetName: `T ${object}` });
    expect(runToEnd(world, job).pop()!.status).toBe('ok');
    const preview = world.host.call<Preview>('previewJob', job);
    const [header, ...rows] = world.host.spreadsheet.tab(job.sheetName)!.snapshot();
    expect(preview.header).toEqual(header);
    const written = new Set(rows.map((r) => JSON.stringify(r.map(cell))));
    const missing = preview.rows.map((r) => JSON.stringify(r.map(cell))).filter((r) => !written.has(r));
    expect(missing).toEqual([]);
    if (rows.length > 0) expect(preview.rows.length).toBeGreaterThan(0);
  });
});
