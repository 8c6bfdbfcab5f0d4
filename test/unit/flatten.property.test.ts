import fc from 'fast-check';
import { leafPaths, pick, type FlatValue } from '../../src/core/flatten/flatten';
import { explode } from '../../src/core/sync/rows';

/** JSON-like records as Lever sends them: nested objects, arrays of scalars and of objects, nulls. */
const key = fc.constantFrom('id', 'name', 'type', 'value', 'text', 'createdAt', 'fields', 'phones', 'archived', 'score', 'a', 'b');
const scalar = fc.oneof(fc.string(), fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(), fc.constant(null));
const { record } = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    scalar,
    fc.array(scalar, { maxLength: 4 }),
    tie('record'),
    fc.array(tie('record'), { maxLength: 3 }),
  ),
  record: fc.dictionary(key, tie('value'), { maxKeys: 5 }),
}));

/** Every scalar in a value, in order. */
function scalars(v: unknown): unknown[] {
  if (Array.isArray(v)) return v.flatMap(scalars);
  if (v !== null && typeof v === 'object') return Object.values(v).flatMap(scalars);
  return [v];
}

function flatScalars(v: FlatValue | undefined): unknown[] {
  if (v === undefined) return [];
  if (Array.isArray(v)) return v.flatMap(flatScalars);
  return [v];
}

describe('flattening (property-based)', () => {
  it('loses no value: the leaf paths of a record pick up every scalar it holds', () => {
    fc.assert(
      fc.property(record, (rec) => {
        const picked = [...leafPaths(rec)].flatMap((p) => flatScalars(pick(rec, p)));
        const expected = scalars(rec);
        // Every scalar comes back (as a multiset). Where one key holds an object in one element and
        // a scalar list in another, the object also comes back whole, as JSON text, and a null on the
        // way to a deeper key reads as null for that key too: extras, not losses.
        const left = new Map<string, number>();
        for (const x of picked) left.set(JSON.stringify(x), (left.get(JSON.stringify(x)) ?? 0) + 1);
        for (const x of expected) {
          const k = JSON.stringify(x);
          expect(left.get(k) ?? 0).toBeGreaterThan(0);
          left.set(k, (left.get(k) as number) - 1);
        }
        const extras = [...left.entries()].filter(([, n]) => n > 0).map(([k]) => k);
        const isJsonStructure = (k: string) => {
          const v = JSON.parse(k);
          return typeof v === 'string' && /^[{[]/.test(v) && typeof JSON.parse(v) === 'object';
        };
        expect(extras.filter((k) => k !== 'null' && !isJsonStructure(k))).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('column paths are stable (same record, same paths in the same order) and unique', () => {
    fc.assert(
      fc.property(record, (rec) => {
        const a = [...leafPaths(rec)];
        const b = [...leafPaths(JSON.parse(JSON.stringify(rec)))];
        expect(a).toEqual(b);
        expect(new Set(a).size).toBe(a.length);
      }),
      { numRuns: 300 },
    );
  });

  it('an omitted key gives undefined, a present null gives null', () => {
    fc.assert(
      fc.property(key, (k) => {
        expect(pick({}, k)).toBeUndefined();
        expect(pick({ [k]: null }, k)).toBeNull();
      }),
    );
  });

  it('crossing an array collects the element values in order', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ type: fc.option(fc.string()), value: fc.string() })), (phones) => {
        expect(pick({ phones }, 'phones.value')).toEqual(phones.map((p) => p.value));
      }),
    );
  });
});

describe('explode and join (property-based)', () => {
  const item = fc.record({ v: fc.oneof(fc.string(), fc.integer(), fc.constant(null)), w: fc.option(fc.string()) });
  const rec = fc.record({
    id: fc.uuid(),
    name: fc.string(),
    items: fc.array(item, { maxLength: 6 }),
    tags: fc.array(fc.string(), { maxLength: 4 }),
  });

  it('exploding a list then joining the rows back gives the list again, in order, with every other field intact', () => {
    fc.assert(
      fc.property(rec, (r) => {
        const rows = explode(r, 'items.v', r.id);
        expect(rows.map((x) => x.rowKey)).toEqual(r.items.length ? r.items.map((_, i) => `${r.id}#${i}`) : [`${r.id}#0`]);
        const joined = rows.flatMap((x) => pick(x.record, 'items.v') as FlatValue[]);
        expect(joined).toEqual(pick(r, 'items.v'));
        for (const x of rows) {
          expect(pick(x.record, 'name')).toBe(r.name);
          expect(pick(x.record, 'tags')).toEqual(r.tags);
          // Sibling paths of the same list stay aligned with their element.
          expect((x.record.items as unknown[]).length).toBeLessThanOrEqual(1);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('exploding a list of scalars gives one row per scalar', () => {
    fc.assert(
      fc.property(rec, (r) => {
        const rows = explode(r, 'tags', r.id);
        expect(rows.flatMap((x) => x.record.tags as string[])).toEqual(r.tags);
      }),
    );
  });
});
