import { BudgetSpentError, urlFetchQuotaError } from '../errors';
import type { ClockPort, HttpPort, HttpRequest, StorePort } from '../ports';
import { USER_KEYS } from '../store/schema';
import type { AccountKind } from '../../shared/rpc';

/**
 * Google's daily quotas per user, across all their spreadsheets (Quotas page, "URL Fetch calls"
 * and "Triggers total runtime"; ../shared/reference/apps-script.md §1.1).
 */
export const QUOTAS: Record<AccountKind, { urlFetch: number; triggerMs: number }> = {
  consumer: { urlFetch: 20_000, triggerMs: 90 * 60_000 },
  workspace: { urlFetch: 100_000, triggerMs: 6 * 3600_000 },
};

/** Lever Sync plans within this share of each quota: the rest is for the user's other scripts. */
export const QUOTA_SHARE = 0.9;

const HOUR = 3600_000;
/**
 * Hourly buckets summed: 25, so the sum covers every moment of the last 24 hours whatever the
 * minute (24 whole buckets would miss the part of the hour 24 hours ago).
 */
const WINDOW_HOURS = 25;
/** The ledger is written back after this many requests (an execution cut later loses at most these). */
const SAVE_EVERY = 100;

export function accountKind(store: StorePort): AccountKind {
  return store.get(USER_KEYS.account) === 'workspace' ? 'workspace' : 'consumer';
}

export interface Budget {
  urlFetch: number;
  triggerMs: number;
}

export function budgetOf(kind: AccountKind): Budget {
  return { urlFetch: Math.floor(QUOTAS[kind].urlFetch * QUOTA_SHARE), triggerMs: Math.floor(QUOTAS[kind].triggerMs * QUOTA_SHARE) };
}

type Buckets = Record<string, [fetch: number, triggerMs: number]>;

/**
 * What this user spent, per hour, over the last 24 hours: UrlFetch calls and trigger time. Google
 * says a quota resets 24 hours after the first request, others say at midnight Pacific; a rolling
 * 24-hour window under the budget keeps within the quota under either reading.
 */
export class QuotaLedger {
  private buckets: Buckets;
  private unsaved = 0;

  constructor(
    private readonly store: StorePort,
    private readonly clock: ClockPort,
  ) {
    this.buckets = this.read();
  }

  private read(): Buckets {
    try {
      const raw = JSON.parse(this.store.get(USER_KEYS.ledger) ?? 'null') as { hours?: Buckets; usedMs?: number; day?: number } | null;
      if (raw?.hours) return raw.hours;
      // The earlier ledger (trigger time per UTC day): counted as spent this hour, the safe side.
      if (raw && typeof raw.usedMs === 'number' && raw.day === Math.floor(this.clock.now() / (24 * HOUR)))
        return { [this.hour()]: [0, raw.usedMs] };
    } catch {
      // An unreadable ledger starts empty; Google's own quota error remains the backstop.
    }
    return {};
  }

  private hour(): number {
    return Math.floor(this.clock.now() / HOUR);
  }

  private sum(i: 0 | 1): number {
    const from = this.hour() - WINDOW_HOURS + 1;
    return Object.entries(this.buckets).reduce((n, [h, v]) => n + (Number(h) >= from ? v[i] : 0), 0);
  }

  /** UrlFetch calls in the last 24 hours. */
  fetches(): number {
    return this.sum(0);
  }

  /** Trigger time in the last 24 hours. */
  triggerMs(): number {
    return this.sum(1);
  }

  /** UrlFetch calls of each hour of the window, oldest first, this hour last. */
  recent(): number[] {
    const now = this.hour();
    return Array.from({ length: WINDOW_HOURS }, (_, i) => this.buckets[String(now - WINDOW_HOURS + 1 + i)]?.[0] ?? 0);
  }

  /** When the oldest spending in the window leaves it (what a paused job waits for). */
  freesAt(): number {
    const hours = Object.keys(this.buckets).map(Number);
    const from = this.hour() - WINDOW_HOURS + 1;
    const oldest = Math.min(...hours.filter((h) => h >= from), this.hour());
    return (oldest + WINDOW_HOURS) * HOUR;
  }

  add(fetches: number, triggerMs = 0): void {
    const h = String(this.hour());
    const [f, t] = this.buckets[h] ?? [0, 0];
    this.buckets[h] = [f + fetches, t + triggerMs];
    this.unsaved += fetches;
    if (this.unsaved >= SAVE_EVERY || triggerMs > 0) this.save();
  }

  /** Saves what was counted since the last save, if anything. */
  flush(): void {
    if (this.unsaved > 0) this.save();
  }

  save(): void {
    const from = this.hour() - WINDOW_HOURS + 1;
    for (const h of Object.keys(this.buckets)) if (Number(h) < from) delete this.buckets[h];
    this.store.set(USER_KEYS.ledger, JSON.stringify({ hours: this.buckets }));
    this.unsaved = 0;
  }
}

/** Below this many requests left in the day's budget, no job is started (one page and its fan-out). */
export const MIN_REQUESTS = 25;

/** When the day's requests free up again, if they are spent now (null while there are some left). */
export function spentUntil(ledger: QuotaLedger, budget: Budget): number | null {
  return ledger.fetches() > budget.urlFetch - MIN_REQUESTS ? ledger.freesAt() : null;
}

/**
 * UrlFetch that counts every call in the ledger and stops, before sending, once the day's budget
 * is spent: the run pauses at a request (before the write it would feed), never in a write.
 */
export function meteredHttp(http: HttpPort, ledger: QuotaLedger, budget: Budget): HttpPort {
  const spend = (n: number) => {
    if (ledger.fetches() + n > budget.urlFetch) {
      ledger.save();
      throw new BudgetSpentError(
        `Lever Sync has used today's share of your Google account's requests (${budget.urlFetch.toLocaleString('en-US')} a day, 90% of what Google allows). The sync pauses and goes on by itself after ${new Date(ledger.freesAt()).toISOString().slice(11, 16)} UTC; nothing is lost.`,
        ledger.freesAt(),
      );
    }
    ledger.add(n);
  };
  return {
    fetch(req: HttpRequest) {
      spend(1);
      return googleQuota(() => http.fetch(req));
    },
    fetchAll(reqs: HttpRequest[]) {
      spend(reqs.length);
      return googleQuota(() => http.fetchAll(reqs));
    },
  };
}

/** Google's own daily limit said as what it is, whoever was being called (Lever, a bucket, a webhook). */
function googleQuota<T>(call: () => T): T {
  try {
    return call();
  } catch (e) {
    throw urlFetchQuotaError(e) ?? e;
  }
}
