import { BusyError } from '../errors';
import { BUDGET, type Platform } from './platform';

/**
 * Who is working on a spreadsheet right now. The document lock cannot be relied on alone: a time
 * trigger may run without the document, and then has no document lock. So every execution that
 * changes jobs, state or tabs also holds a lease written in the document itself.
 *
 * Taking it follows Fischer's protocol: read it free, write our claim, wait longer than a write
 * can take, read again; only if the claim is still ours do we go on. Two executions that both
 * saw it free both write, and after the wait only the later claim stands. A claim left by an
 * execution that was killed expires after the longest an execution can live.
 */

interface Lease {
  holder: string;
  until: number;
}

/** Longer than one metadata write can take, so a competing claim is visible after it. */
export const SETTLE_MS = 1_500;
/** An execution lives at most 6 minutes: a claim older than that is from a killed one. */
const LEASE_MS = 6.5 * 60_000;

function parse(raw: string | null): Lease | null {
  if (!raw) return null;
  try {
    const l = JSON.parse(raw) as Lease;
    return typeof l.holder === 'string' && typeof l.until === 'number' ? l : null;
  } catch {
    return null;
  }
}

function tryLease(p: Platform, holder: string): boolean {
  const now = p.clock.now();
  const current = parse(p.lease.read());
  if (current && current.holder !== holder && current.until > now) return false;
  p.lease.write(JSON.stringify({ holder, until: now + LEASE_MS }));
  p.workbook.flush();
  p.clock.sleep(SETTLE_MS);
  return parse(p.lease.read())?.holder === holder;
}

function releaseLease(p: Platform, holder: string): void {
  if (parse(p.lease.read())?.holder === holder) p.lease.write(null);
}

const BUSY = 'Another sync is running in this spreadsheet right now. Try again in a minute.';

/**
 * Runs `work` holding the document lock (when the execution has one) and the lease; releases
 * both whatever happens. Throws BusyError when another execution holds either.
 */
export function withDocumentLock<T>(p: Platform, work: () => T): T {
  if (p.lock && !p.lock.tryLock(BUDGET.lockWaitMs)) throw new BusyError(BUSY);
  const holder = p.newId();
  let leased = false;
  try {
    leased = tryLease(p, holder);
    if (!leased) throw new BusyError(BUSY);
    // What was read before the lease may be stale: read the document's store afresh.
    p.docStore.reload?.();
    return work();
  } finally {
    p.workbook.flush();
    if (leased) releaseLease(p, holder);
    p.lock?.release();
  }
}
