import { EmuCache } from './cache';
import type { VirtualClock } from './clock';
import { EmuDrive } from './drive';
import { EmuProperties, PropertyQuota } from './properties';
import type { EmuSpreadsheet } from './workbook';
import { EmuUrlFetch, type Transport } from './urlfetch';
import type { ScopeChecker } from './scopes';

const DAY = 24 * 3600_000;

/**
 * Daily quotas are per user, across every document and script execution of that user (quotas
 * page: "quotas are per user"; the 2026-11-30 audit in ../shared/reference/apps-script.md).
 * Consumer figures; Google says they reset 24 h after the first request: the UTC day is used.
 */
export const TRIGGER_MS_PER_DAY = 90 * 60_000;

/** One Google account using the add-on: its own properties, cache, Drive, lock, quotas. */
export class EmuUser {
  readonly props: EmuProperties;
  readonly cache: EmuCache;
  readonly drive: EmuDrive;
  readonly urlFetch: EmuUrlFetch;
  readonly propertyQuota = new PropertyQuota();
  lockHeld = false;
  private triggerDay = -1;
  /** Trigger runtime spent today (virtual ms), against triggerMsPerDay. */
  triggerMsToday = 0;
  /** The day's trigger runtime: a consumer account's unless made a Workspace one (useWorkspaceQuotas). */
  triggerMsPerDay = TRIGGER_MS_PER_DAY;

  constructor(
    readonly email: string,
    clock: VirtualClock,
    transports: Array<{ prefix: string; transport: Transport }>,
    allowlist: string[],
    scopes: ScopeChecker,
    driveDir: string | null,
  ) {
    this.props = new EmuProperties(clock, `user ${email}`);
    this.props.quota = this.propertyQuota;
    this.cache = new EmuCache(clock);
    this.drive = new EmuDrive(clock, driveDir);
    this.urlFetch = new EmuUrlFetch(clock, transports, allowlist, scopes);
  }

  /** Google Workspace quotas (Quotas page): 100,000 UrlFetch calls and 6 hours of trigger time a day. */
  useWorkspaceQuotas(): void {
    this.urlFetch.dailyQuota = 100_000;
    this.triggerMsPerDay = 6 * 3600_000;
  }

  /** Trigger time left today; the day's count starts again at UTC midnight. */
  triggerMsLeft(now: number): number {
    const day = Math.floor(now / DAY);
    if (day !== this.triggerDay) {
      this.triggerDay = day;
      this.triggerMsToday = 0;
    }
    return this.triggerMsPerDay - this.triggerMsToday;
  }
}

/** One spreadsheet with what Apps Script keeps per document: properties, cache, lock. */
export class EmuDocument {
  readonly props: EmuProperties;
  readonly cache: EmuCache;
  lockHeld = false;

  constructor(
    readonly spreadsheet: EmuSpreadsheet,
    clock: VirtualClock,
  ) {
    this.props = new EmuProperties(clock, `document ${spreadsheet.id}`);
    this.cache = new EmuCache(clock);
  }
}
