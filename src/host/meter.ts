import type { VirtualClock } from './clock';

/**
 * Tells the add-on's own time apart from Google's. Every global the bundle sees is wrapped: a call
 * into a service stops the add-on's stopwatch and starts it again on return, so what is left is
 * the time of the bundle's own code (flattening, diffing, building rows). With `charge`, that
 * time is also spent on the virtual clock, so the 6-minute limit and trigger minutes count it as
 * Google does (Quotas page: the limits are on an execution's run time, whatever it does).
 */
export class CpuMeter {
  /** The add-on's own milliseconds, over every execution metered so far. */
  addonMs = 0;
  charge = false;
  private depth = 0;
  private lastExit = 0;
  private readonly proxies = new WeakMap<object, object>();
  private readonly targets = new WeakMap<object, object>();

  constructor(private readonly clock: VirtualClock) {}

  /** Starts the add-on's stopwatch at the start of an execution. */
  begin(): void {
    this.depth = 0;
    this.lastExit = performance.now();
  }

  /** Stops it at the end; returns the execution's own milliseconds. */
  end(): number {
    const ms = this.depth === 0 ? performance.now() - this.lastExit : 0;
    this.addonMs += ms;
    this.depth = 0;
    return ms;
  }

  /** The globals of one execution, each wrapped. */
  wrapAll(globals: Record<string, unknown>): Record<string, unknown> {
    return Object.fromEntries(Object.entries(globals).map(([k, v]) => [k, this.wrap(v)]));
  }

  private enter(): void {
    if (this.depth++ > 0) return;
    const ms = performance.now() - this.lastExit;
    this.addonMs += ms;
    if (this.charge) this.clock.spend(Math.round(ms));
  }

  private exit(): void {
    if (--this.depth === 0) this.lastExit = performance.now();
  }

  private call(fn: (...a: unknown[]) => unknown, self: unknown, args: unknown[]): unknown {
    this.enter();
    try {
      return this.wrap(
        fn.apply(
          self,
          args.map((a) => this.unwrap(a)),
        ),
      );
    } finally {
      this.exit();
    }
  }

  private wrap(value: unknown): unknown {
    if (value === null || (typeof value !== 'object' && typeof value !== 'function')) return value;
    if (value instanceof Date || ArrayBuffer.isView(value)) return value;
    if (Array.isArray(value)) return value.map((v) => this.wrap(v));
    const known = this.proxies.get(value);
    if (known) return known;
    const proxy =
      typeof value === 'function'
        ? new Proxy(value, { apply: (fn, self, args) => this.call(fn as (...a: unknown[]) => unknown, self, args) })
        : new Proxy(value, {
            get: (target, prop) => {
              const v = Reflect.get(target, prop, target) as unknown;
              // A frozen property must come back as itself (a Proxy invariant).
              const d = Object.getOwnPropertyDescriptor(target, prop);
              if (d && !d.configurable && !d.writable) return v;
              if (typeof v !== 'function') return this.wrap(v);
              return (...args: unknown[]) => this.call(v as (...a: unknown[]) => unknown, target, args);
            },
          });
    this.proxies.set(value, proxy);
    this.targets.set(proxy, value);
    return proxy;
  }

  /** Host objects handed back to a service arrive as themselves (identity matters to the host). */
  private unwrap(value: unknown): unknown {
    if (value === null || typeof value !== 'object') return this.targets.get(value as object) ?? value;
    if (Array.isArray(value)) return value.map((v) => this.unwrap(v));
    return this.targets.get(value) ?? value;
  }
}
