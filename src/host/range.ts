import { EmuRichText, MAX_CELL_CHARS, outputValue, parseInput } from './cells';
import type { EmuSheet } from './spreadsheet';

/** A block of cells: values in and out as SpreadsheetApp parses and returns them, each call charged. */
export class EmuRange {
  constructor(
    readonly sheet: EmuSheet,
    readonly row: number,
    readonly col: number,
    readonly numRows: number,
    readonly numCols: number,
  ) {}

  getValues(): Array<Array<string | number | boolean | Date>> {
    this.sheet.book.charge('Range.getValues', 30 + this.numRows * this.numCols * 0.005);
    return Array.from({ length: this.numRows }, (_, r) =>
      Array.from({ length: this.numCols }, (_, c) => outputValue(this.sheet.rows[this.row - 1 + r]?.[this.col - 1 + c] ?? null)),
    );
  }

  setValues(values: unknown[][]): EmuRange {
    this.sheet.book.charge('Range.setValues', 60 + this.numRows * this.numCols * 0.01);
    if (!Array.isArray(values) || values.length !== this.numRows) {
      throw new Error(
        `The number of rows in the data does not match the number of rows in the range. The data has ${values?.length} but the range has ${this.numRows}.`,
      );
    }
    const parsed = values.map((r) => {
      if (!Array.isArray(r) || r.length !== this.numCols) {
        throw new Error(
          `The number of columns in the data does not match the number of columns in the range. The data has ${r?.length} but the range has ${this.numCols}.`,
        );
      }
      return r.map(parseInput);
    });
    parsed.forEach((r, i) => {
      const rowIdx = this.row - 1 + i;
      const row = (this.sheet.rows[rowIdx] ??= []);
      const links = (this.sheet.links[rowIdx] ??= []);
      r.forEach((v, j) => {
        row[this.col - 1 + j] = v;
        links[this.col - 1 + j] = null; // a plain value replaces any link
      });
    });
    return this;
  }

  setRichTextValues(values: EmuRichText[][]): EmuRange {
    this.sheet.book.charge('Range.setRichTextValues', 60 + this.numRows * this.numCols * 0.02);
    if (values.length !== this.numRows || values.some((r) => r.length !== this.numCols))
      throw new Error('The number of rows or columns in the data does not match the range.');
    values.forEach((r, i) =>
      r.forEach((rt, j) => {
        if (rt.text.length > MAX_CELL_CHARS)
          throw new Error(`Your input contains more than the maximum of ${MAX_CELL_CHARS} characters in a single cell.`);
        (this.sheet.rows[this.row - 1 + i] ??= [])[this.col - 1 + j] = rt.text === '' ? null : rt.text;
        (this.sheet.links[this.row - 1 + i] ??= [])[this.col - 1 + j] = rt.link;
      }),
    );
    return this;
  }

  getRichTextValues(): EmuRichText[][] {
    this.sheet.book.charge('Range.getRichTextValues', 30 + this.numRows * this.numCols * 0.01);
    return Array.from({ length: this.numRows }, (_, r) =>
      Array.from({ length: this.numCols }, (_, c) => {
        const v = outputValue(this.sheet.rows[this.row - 1 + r]?.[this.col - 1 + c] ?? null);
        return new EmuRichText(
          v instanceof Date ? v.toISOString() : String(v),
          this.sheet.links[this.row - 1 + r]?.[this.col - 1 + c] ?? null,
        );
      }),
    );
  }

  setValue(value: unknown): EmuRange {
    return this.setValues([[value]]);
  }

  getValue(): string | number | boolean | Date {
    return this.getValues()[0][0];
  }

  setNumberFormat(format: string): EmuRange {
    this.sheet.book.charge('Range.setNumberFormat', 20);
    for (let c = this.col; c < this.col + this.numCols; c++) this.sheet.formats.set(c, format);
    return this;
  }

  getNumRows(): number {
    return this.numRows;
  }
  getNumColumns(): number {
    return this.numCols;
  }
}
