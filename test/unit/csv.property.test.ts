import fc from 'fast-check';
import { parse } from 'csv-parse/sync';
import { csvField, toCsv } from '../../src/core/format/csv';
import type { CellValue } from '../../src/core/ports';

const text = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme' }),
  fc.constantFrom('=1+1', '+1 555', '-2', '@SUM(A1)', '\tx', '\rx', 'a,b', 'a"b', 'line\nbreak', ' lead', 'trail ', '"', ''),
);
const cell: fc.Arbitrary<CellValue> = fc.oneof(
  text,
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.date({ noInvalidDate: true, min: new Date(0), max: new Date(4102444800000) }),
);

/** What a reader gets back for a cell, given the spreadsheet-safe prefix. */
function expected(v: CellValue, safe: boolean): string {
  if (v === null) return '';
  if (v instanceof Date) return v.toISOString();
  if (typeof v !== 'string') return String(v);
  return safe && /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
}

describe('CSV (property-based)', () => {
  it.each([true, false])('round-trips through an RFC 4180 parser (spreadsheetSafe=%s): same rows, same columns, same text', (safe) => {
    fc.assert(
      fc.property(fc.array(fc.array(cell, { minLength: 3, maxLength: 3 }), { maxLength: 20 }), (rows) => {
        const csv = toCsv(['a', 'b', 'c'], rows, { spreadsheetSafe: safe });
        const back = parse(csv, { relax_quotes: false, skip_empty_lines: false }) as string[][];
        expect(back).toEqual([['a', 'b', 'c'], ...rows.map((r) => r.map((v) => expected(v, safe)))]);
      }),
      { numRuns: 300 },
    );
  });

  it('no field ever starts with a formula character in spreadsheet-safe mode', () => {
    fc.assert(
      fc.property(text, (s) => {
        const field = csvField(s, { spreadsheetSafe: true });
        const unquoted = field.startsWith('"') ? field.slice(1) : field;
        expect(/^[=+\-@\t\r]/.test(unquoted)).toBe(false);
      }),
      { numRuns: 500 },
    );
  });

  it('a field never breaks its row: newlines and commas only appear inside quotes', () => {
    fc.assert(
      fc.property(text, (s) => {
        const field = csvField(s, { spreadsheetSafe: false });
        if (/[\n\r,"]/.test(s)) expect(field.startsWith('"') && field.endsWith('"')).toBe(true);
      }),
    );
  });
});
