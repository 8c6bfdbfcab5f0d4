import type { VirtualClock } from './clock';

export const CACHE_VALUE_MAX = 100 * 1024;
export const CACHE_KEY_MAX = 250;
export const CACHE_TTL_MAX_SECONDS = 21_600;
export const CACHE_ITEMS_MAX = 1000;

/** CacheService: 250-character keys, 100 KB values, at most 6 hours, about 1,000 items. */
export class EmuCache {
  readonly items = new Map<string, { value: string; expires: number }>();

  constructor(private readonly clock: VirtualClock) {}

  get(key: string): string | null {
    this.clock.spend(5);
    const item = this.items.get(key);
    if (!item || item.expires <= this.clock.now()) return null;
    return item.value;
  }

  put(key: string, value: string, ttlSeconds = 600): void {
    this.clock.spend(10);
    if (key.length > CACHE_KEY_MAX) throw new Error('Argument too large: key');
    if (value.length > CACHE_VALUE_MAX) throw new Error('Argument too large: value');
    this.items.set(key, { value, expires: this.clock.now() + Math.min(ttlSeconds, CACHE_TTL_MAX_SECONDS) * 1000 });
    // Over the item cap, the entries nearest to expiry go first.
    if (this.items.size > CACHE_ITEMS_MAX) {
      const oldest = [...this.items.entries()].sort((a, b) => a[1].expires - b[1].expires)[0][0];
      this.items.delete(oldest);
    }
  }

  remove(key: string): void {
    this.items.delete(key);
  }
}
