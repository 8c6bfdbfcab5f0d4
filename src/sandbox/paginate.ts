import type { Rec } from './types';

/** A sort key: compared element by element; records are ordered by it, then by id. */
export type SortKey = Array<string | number>;

export interface PageRequest {
  limit: number;
  offset: string | undefined;
  /** Identifies the query (filters and sort), so a token cannot be reused with another one. */
  fingerprint: string;
}

export class InvalidToken extends Error {}

function compare(a: SortKey, b: SortKey): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i];
    const y = b[i];
    if (x === y) continue;
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    return x < y ? -1 : 1;
  }
  return 0;
}

/**
 * Keyset pagination as Lever does it: the `next` token is the URL-encoded JSON sort key of the
 * first record of the next page, so a page starts *at* that key. Records that move while a client
 * pages can be skipped or seen twice, as in the real API. Issued tokens remember their query.
 */
export class Paginator {
  private issued = new Map<string, { fingerprint: string; at: number }>();

  /**
   * `ttlMs`: how long a token stays valid. Lever documents no expiry and its opportunity tokens
   * are sort keys, but a client must not rely on that: a token may stop working between runs.
   */
  constructor(
    private readonly clock: () => number = () => 0,
    private readonly ttlMs = Infinity,
  ) {}

  page(records: Rec[], keyOf: (r: Rec) => SortKey, req: PageRequest): { data: Rec[]; hasNext: boolean; next?: string } {
    const sorted = records.map((r) => ({ r, k: keyOf(r) })).sort((a, b) => compare(a.k, b.k));
    let start = 0;
    if (req.offset !== undefined) {
      const key = this.decode(req.offset, req.fingerprint);
      start = sorted.findIndex((e) => compare(e.k, key) >= 0);
      if (start < 0) start = sorted.length;
    }
    const slice = sorted.slice(start, start + req.limit);
    const following = sorted[start + req.limit];
    if (!following) return { data: slice.map((e) => e.r), hasNext: false };
    const token = encodeURIComponent(JSON.stringify(following.k));
    this.issued.set(token, { fingerprint: req.fingerprint, at: this.clock() });
    return { data: slice.map((e) => e.r), hasNext: true, next: token };
  }

  private decode(token: string, fingerprint: string): SortKey {
    const owner = this.issued.get(token) ?? this.issued.get(encodeURIComponent(token));
    if (owner !== undefined && owner.fingerprint !== fingerprint)
      throw new InvalidToken('Invalid offset token: Offset token is invalid for sort');
    if (owner !== undefined && this.clock() - owner.at > this.ttlMs)
      throw new InvalidToken('Invalid offset token: Offset token has expired');
    let parsed: unknown;
    try {
      parsed = JSON.parse(decodeURIComponent(token));
    } catch {
      throw new InvalidToken('Invalid offset token: could not be parsed');
    }
    if (!Array.isArray(parsed) || parsed.length === 0) throw new InvalidToken('Invalid offset token: could not be parsed');
    return parsed as SortKey;
  }
}
