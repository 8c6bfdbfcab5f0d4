import type { VirtualClock } from './clock';

export const PROPERTY_VALUE_MAX = 9 * 1024;
export const PROPERTY_STORE_MAX = 500 * 1024;
/** Reads and writes per user per day on a consumer account. */
export const PROPERTY_CALLS_PER_DAY = 50_000;

/** Property limits are bytes of UTF-8 (quotas page: "9 KB / val", "500 KB / property store"), not UTF-16 characters. */
export function utf8Bytes(s: string): number {
  return Buffer.byteLength(s, 'utf8');
}

/**
 * Property reads and writes a user made today, whichever store (user, document, script) and
 * document: the quota is per user (quotas page, "Properties read/write: 50,000 / day").
 */
export class PropertyQuota {
  private day = -1;
  private today = 0;

  charge(now: number): void {
    const day = Math.floor(now / 86_400_000);
    if (day !== this.day) {
      this.day = day;
      this.today = 0;
    }
    if (++this.today > PROPERTY_CALLS_PER_DAY) throw new Error('Service invoked too many times for one day: properties.');
  }
}

/** One property store with Apps Script's limits: 9 KB a value, 500 KB a store (keys included). */
export class EmuProperties {
  readonly map = new Map<string, string>();
  reads = 0;
  writes = 0;
  /** The quota of the user whose execution is running (set by the host for each execution). */
  quota = new PropertyQuota();

  constructor(
    private readonly clock: VirtualClock,
    readonly label: string,
  ) {}

  private spend(): void {
    this.clock.spend(15);
    this.quota.charge(this.clock.now());
  }

  private size(): number {
    let n = 0;
    for (const [k, v] of this.map) n += utf8Bytes(k) + utf8Bytes(v);
    return n;
  }

  getProperty(key: string): string | null {
    this.spend();
    this.reads++;
    return this.map.get(key) ?? null;
  }
  getProperties(): Record<string, string> {
    this.spend();
    this.reads++;
    return Object.fromEntries(this.map);
  }
  getKeys(): string[] {
    this.spend();
    this.reads++;
    return [...this.map.keys()];
  }
  setProperty(key: string, value: string): EmuProperties {
    this.spend();
    this.writes++;
    const v = String(value);
    if (utf8Bytes(v) > PROPERTY_VALUE_MAX) throw new Error('Argument too large: value');
    const before = this.map.get(key);
    this.map.set(key, v);
    if (this.size() > PROPERTY_STORE_MAX) {
      if (before === undefined) this.map.delete(key);
      else this.map.set(key, before);
      throw new Error('You have exceeded the property storage quota. Please remove some properties and try again.');
    }
    return this;
  }
  setProperties(props: Record<string, string>): EmuProperties {
    for (const [k, v] of Object.entries(props)) this.setProperty(k, v);
    return this;
  }
  deleteProperty(key: string): EmuProperties {
    this.spend();
    this.writes++;
    this.map.delete(key);
    return this;
  }
  deleteAllProperties(): EmuProperties {
    this.spend();
    this.map.clear();
    return this;
  }
}
