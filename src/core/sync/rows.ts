import { fitCell, toCell } from '../format/cell';
import { CUSTOM_PREFIX } from '../catalog/custom';
import { splitRef } from '../catalog/refs';
import type { RefTable } from '../catalog/types';
import { pick, type FlatValue } from '../flatten/flatten';
import type { Column, Job } from '../jobs/types';
import type { CellValue, CryptoPort } from '../ports';

export type LeverRecord = Record<string, unknown>;

/** Looks an id up in a reference table (users, stages…): the attribute, or undefined when unknown. */
export type Resolve = (table: RefTable, id: string, attr: string) => string | undefined;

/** What turns a record into cells beyond its own fields: names, protection, custom fields. */
export interface RowContext {
  resolve?: Resolve;
  protect?: Protect;
  /** The record's custom field values by field id. */
  custom?: (record: LeverRecord) => Map<string, FlatValue>;
}

/**
 * A record's cells in column order; system columns ('$…') are left null for the caller.
 * `owner@name` columns show the name of the referenced record, or the id when Lever does not know it;
 * `*custom:<id>` columns show one custom field.
 */
export function recordRow(record: LeverRecord, columns: Column[], ctx: RowContext = {}): CellValue[] {
  const { resolve, protect } = ctx;
  let custom: Map<string, FlatValue> | undefined;
  return columns.map((c) => {
    // System columns are the caller's; derived ones are worked out at write time (row-builder.ts).
    if (c.path.startsWith('$') || c.derive) return null;
    let value: FlatValue | undefined;
    if (c.path.startsWith(CUSTOM_PREFIX))
      value = (custom ??= ctx.custom?.(record) ?? new Map()).get(c.path.slice(CUSTOM_PREFIX.length)) ?? null;
    else value = c.ref && resolve ? lookedUp(record, c, c.ref, resolve) : pick(record, c.path);
    if (c.pii && protect) value = protectValue(value, protect);
    return fitCell(toCell(c.pickList ? pickFromList(value, c.pickList) : value, c.type, c.path));
  });
}

/** Replaces a personal value by a mask or a hash; empties stay empty so "has an email" still shows. */
export type Protect = (value: string) => string;

/** Masking, or hashing with the spreadsheet's secret so the same value hashes alike in every tab. */
export function protector(mode: Job['personalData'], crypto: CryptoPort, salt: string): Protect | undefined {
  if (mode === 'mask') return () => '•••';
  if (mode === 'hash') return (v) => `h:${crypto.hmacSha256Hex(salt, v).slice(0, 16)}`;
  return undefined;
}

function protectValue(value: FlatValue | undefined, protect: Protect): FlatValue | undefined {
  if (value === undefined || value === null || value === '') return value;
  if (Array.isArray(value)) return value.map((v) => protectValue(v, protect) as FlatValue);
  return protect(String(value));
}

/** One element, the count, or JSON of a list value (a single value counts as a list of one). */
function pickFromList(value: FlatValue | undefined, how: NonNullable<Column['pickList']>): FlatValue | undefined {
  const list = value === undefined || value === null ? [] : Array.isArray(value) ? value : [value];
  switch (how.kind) {
    case 'first':
      return list[0] ?? null;
    case 'nth':
      return list[how.index] ?? null;
    case 'count':
      return list.length;
    case 'json':
      return value === undefined ? undefined : JSON.stringify(list);
  }
}

/**
 * One record per element of the first list on `path` (the others keep all their elements): the
 * row key is the record's key plus the position. An empty list still gives one row.
 */
export function explode(record: LeverRecord, path: string, key: string): Array<{ record: LeverRecord; rowKey: string }> {
  const parts = path.split('.');
  for (let depth = 1; depth <= parts.length; depth++) {
    const at = parts.slice(0, depth);
    const value = pick(record, at.join('.'));
    if (!Array.isArray(value)) continue;
    const raw = at.reduce<unknown>((v, k) => (v as LeverRecord | null)?.[k], record);
    if (!Array.isArray(raw) || raw.length === 0) return [{ record, rowKey: `${key}#0` }];
    return raw.map((el, i) => ({ record: setAt(record, at, [el]), rowKey: `${key}#${i}` }));
  }
  return [{ record, rowKey: `${key}#0` }];
}

function setAt(record: LeverRecord, path: string[], value: unknown): LeverRecord {
  const [head, ...rest] = path;
  if (rest.length === 0) return { ...record, [head]: value };
  return { ...record, [head]: setAt((record[head] as LeverRecord) ?? {}, rest, value) };
}

function lookedUp(record: LeverRecord, col: Column, table: RefTable, resolve: Resolve): FlatValue | undefined {
  const { base, attr } = splitRef(col.path);
  const ids = pick(record, base);
  const name = (id: FlatValue): FlatValue => (id === null || id === '' ? null : (resolve(table, String(id), attr as string) ?? String(id)));
  if (ids === undefined || ids === null) return ids;
  return Array.isArray(ids) ? ids.map(name) : name(ids);
}

/**
 * The version of a record for append mode: its version field when Lever keeps one, otherwise a
 * hash of the written cells, so an unchanged record is never appended twice.
 */
export function recordVersion(record: LeverRecord, row: CellValue[], versionField?: string): string {
  const v = versionField ? record[versionField] : undefined;
  if (typeof v === 'number') return String(v);
  return `h${fnv1a(JSON.stringify(row))}`;
}

/** 53-bit FNV-1a: fast, stable and good enough to tell versions of one record apart. */
export function fnv1a(s: string): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x050c5d1f;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x01000193) + (h1 >>> 7);
  }
  return ((h2 >>> 0) % 0x200000).toString(36) + (h1 >>> 0).toString(36);
}

/** Normalises an id read back from a sheet (it may come back with the text apostrophe). */
export function cellKey(v: CellValue): string {
  if (v === null || v === undefined) return '';
  const s = String(v);
  return s.startsWith("'") ? s.slice(1) : s;
}

/** A row as a table writes it: its key (and parent), its cells in job column order. */
export interface TableRow {
  key: string;
  parent?: string;
  values: CellValue[];
  /**
   * The cells before display (enums in Lever's words, days as Lever's instant): what append mode
   * hashes, so showing values better never makes an unchanged record look new.
   */
  source?: CellValue[];
}
