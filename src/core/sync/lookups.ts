import { listAll } from '../lever/paginator';
import { REF_TABLES } from '../catalog/refs';
import type { RefTable } from '../catalog/types';
import { pick } from '../flatten/flatten';
import type { LeverClient } from '../lever/client';
import type { CachePort } from '../ports';

/** CacheService keeps at most 6 hours; names rarely change faster, and a miss refreshes anyway. */
const TTL_SECONDS = 6 * 3600;
/** CacheService refuses values over 100 KB: larger tables are stored in chunks. */
const CHUNK_CHARS = 90_000;

type Table = Map<string, string[]>;

/**
 * Turns ids into names from the reference tables (users, stages, archive reasons, postings).
 * Each table is read whole once, cached for the next executions, and read again at most once per
 * execution when an id is missing (a user created since). Never one request per row.
 */
export class LookupResolver {
  private readonly tables = new Map<RefTable, Table>();
  private readonly refreshed = new Set<RefTable>();

  constructor(
    private readonly client: LeverClient,
    private readonly cache: CachePort | null,
  ) {}

  /** The attribute of the referenced record, or undefined if Lever does not know the id. */
  resolve(table: RefTable, id: string, attr: string): string | undefined {
    const attrs = Object.keys(REF_TABLES[table].attrs);
    const i = attrs.indexOf(attr);
    if (i < 0) return undefined;
    let row = this.table(table).get(id);
    if (!row && !this.refreshed.has(table)) row = this.refresh(table).get(id);
    return row?.[i] ?? undefined;
  }

  /** Every record of a table as [id, attribute values in REF_TABLES order]. */
  entries(table: RefTable): Array<[string, string[]]> {
    return [...this.table(table)];
  }

  private table(table: RefTable): Table {
    const known = this.tables.get(table);
    if (known) return known;
    const cached = this.fromCache(table);
    if (cached) {
      this.tables.set(table, cached);
      return cached;
    }
    return this.refresh(table);
  }

  private refresh(table: RefTable): Table {
    this.refreshed.add(table);
    const def = REF_TABLES[table];
    const attrs = Object.values(def.attrs);
    const out: Table = new Map();
    for (const r of listAll(this.client, def.path, def.paginated === false ? def.params : { ...def.params, limit: 100 })) {
      out.set(
        String(r.id),
        attrs.map((a) => String(pick(r, a) ?? '')),
      );
    }
    this.tables.set(table, out);
    this.toCache(table, out);
    return out;
  }

  private fromCache(table: RefTable): Table | null {
    if (!this.cache) return null;
    const head = this.cache.get(`lookup:${table}`);
    if (!head) return null;
    let json = '';
    for (let i = 0; i < Number(head); i++) {
      const part = this.cache.get(`lookup:${table}:${i}`);
      if (part === null) return null;
      json += part;
    }
    try {
      return new Map(JSON.parse(json) as Array<[string, string[]]>);
    } catch {
      return null;
    }
  }

  private toCache(table: RefTable, data: Table): void {
    if (!this.cache) return;
    const json = JSON.stringify([...data]);
    const parts = Math.ceil(json.length / CHUNK_CHARS) || 1;
    try {
      for (let i = 0; i < parts; i++)
        this.cache.put(`lookup:${table}:${i}`, json.slice(i * CHUNK_CHARS, (i + 1) * CHUNK_CHARS), TTL_SECONDS);
      this.cache.put(`lookup:${table}`, String(parts), TTL_SECONDS);
    } catch {
      // The cache is best effort; the next execution reads Lever again.
    }
  }
}
