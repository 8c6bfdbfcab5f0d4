import { Rng } from './random';

/**
 * Deterministic fault injection. Each rule applies to requests whose path matches, from request
 * number `from` (1-based, counted per sandbox) for `count` requests, or with a seeded probability.
 */
export type FaultKind =
  | 'status-429'
  | 'status-500'
  | 'status-502'
  | 'status-503'
  | 'slow'
  | 'truncated'
  | 'malformed'
  | 'reset'
  | 'invalid-token'
  /** A page that says more follow and names the token it was read with (a page that does not advance). */
  | 'repeated-token'
  /** A page that says more follow but gives no token to read them with. */
  | 'missing-next'
  /** A 400 whose body echoes the request's Authorization header and key (seen from misbehaving proxies). */
  | 'echo-auth';

export interface FaultRule {
  kind: FaultKind;
  /** Substring of the path the rule applies to (all paths when absent). */
  path?: string;
  from?: number;
  count?: number;
  probability?: number;
  /** Added latency for 'slow', in ms. */
  delayMs?: number;
}

export class Faults {
  private rules: FaultRule[] = [];
  private rng: Rng;

  constructor(seed: number) {
    this.rng = new Rng(seed ^ 0x5bd1e995);
  }

  set(rules: FaultRule[]): void {
    this.rules = [...rules];
  }

  add(rule: FaultRule): void {
    this.rules.push(rule);
  }

  clear(): void {
    this.rules = [];
  }

  /** The faults that hit request number `n` on `path`. */
  pick(n: number, path: string): FaultRule[] {
    return this.rules.filter((r) => {
      if (r.path && !path.includes(r.path)) return false;
      if (r.from !== undefined && n < r.from) return false;
      if (r.from !== undefined && r.count !== undefined && n >= r.from + r.count) return false;
      if (r.probability !== undefined) return this.rng.chance(r.probability);
      return true;
    });
  }
}
