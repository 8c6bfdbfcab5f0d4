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
    /** Made from A1 notation naming whole columns ('C:C'): the only ranges that take metadata here. */
    readonly wholeColumns = false,
  ) {}

  /**
   * Range.addDeveloperMetadata: Google takes metadata on a whole row or column only and refuses
   * other ranges ("Adding developer metadata to arbitrary ranges is not currently supported").
   * Whether a bounded range that happens to span every row counts is not documented: the stricter
   * reading is taken, so only an unbounded 'C:C' range is accepted.
   */
  addDeveloperMetadata(key: string, value?: string, visibility?: 'DOCUMENT' | 'PROJECT'): EmuRange {
    if (!this.wholeColumns || this.numCols !== 1) {
      this.sheet.book.charge('Range.addDeveloperMetadata', 0);
      throw new Error(
        'Exception: Adding developer metadata to arbitrary ranges is not currently supported. Developer metadata may only be added to the top-level spreadsheet, an individual sheet, or an entire row or column.',
      );
    }
    this.sheet.columnMetadata.at(this.col).add(key, value, visibility);
    return this;
  }

  getColumn(): number {
    return this.col;
  }
  getRow(): number {
    return this.row;
  }

  getValues(): Array<Array<string | number | boolean | Date>> {
    this.sheet.book.charge('Range.getValues', 30 + this.numRows * this.numCols * 0.005);
    this.sheet.book.cells.read += this.numRows * this.numCols;
    return Array.from({ length: this.numRows }, (_, r) =>
      Array.from({ length: this.numCols }, (_, c) => outputValue(this.sheet.rows[this.row - 1 + r]?.[this.col - 1 + c] ?? null)),
    );
  }

  setValues(values: unknown[][]): EmuRange {
    this.sheet.book.charge('Range.setValues', 60 + this.numRows * this.numCols * 0.01);
    this.sheet.book.cells.written += this.numRows * this.numCols;
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
    this.sheet.book.cells.written += this.numRows * this.numCols;
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
    this.sheet.book.cells.read += this.numRows * this.numCols;
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

  /** Formats these cells only (styles.ts: rows inserted later come unformatted). */
  setNumberFormat(format: string): EmuRange {
    this.sheet.book.charge('Range.setNumberFormat', 20 + this.numRows * this.numCols * 0.002);
    if (typeof format !== 'string') throw new Error('Invalid number format pattern.');
    this.each((r, c) => this.sheet.styles.set(r, c, { format }));
    return this;
  }

  getNumberFormats(): string[][] {
    this.sheet.book.charge('Range.getNumberFormats', 20 + this.numRows * this.numCols * 0.002);
    return this.grid((r, c) => this.sheet.styles.get(r, c).format ?? 'General');
  }

  /** 'bold', 'normal' or null (normal), as Range.setFontWeight takes. */
  setFontWeight(weight: 'bold' | 'normal' | null): EmuRange {
    this.sheet.book.charge('Range.setFontWeight', 20 + this.numRows * this.numCols * 0.002);
    if (weight !== null && weight !== 'bold' && weight !== 'normal') throw new Error(`Invalid font weight: ${String(weight)}`);
    this.each((r, c) => this.sheet.styles.set(r, c, { bold: weight === 'bold' }));
    return this;
  }

  getFontWeights(): string[][] {
    this.sheet.book.charge('Range.getFontWeights', 20);
    return this.grid((r, c) => (this.sheet.styles.get(r, c).bold ? 'bold' : 'normal'));
  }

  /** Range.setNote: the same note on every cell of the range; '' or null removes it. */
  setNote(note: string | null): EmuRange {
    this.sheet.book.charge('Range.setNote', 30);
    this.each((r, c) => this.sheet.styles.set(r, c, { note: note ? String(note) : undefined }));
    return this;
  }

  getNote(): string {
    this.sheet.book.charge('Range.getNote', 20);
    return this.sheet.styles.get(this.row, this.col).note ?? '';
  }

  /** Range.createFilter: a filter over this range; the sheet must not have one yet. */
  createFilter() {
    this.sheet.book.charge('Range.createFilter', 60);
    return this.sheet.addFilter({ row: this.row, col: this.col, numRows: this.numRows, numCols: this.numCols });
  }

  getFilter() {
    this.sheet.book.charge('Range.getFilter', 10);
    const f = this.sheet.filter;
    const r = f?.range;
    const overlaps =
      r &&
      r.row < this.row + this.numRows &&
      this.row < r.row + r.numRows &&
      r.col < this.col + this.numCols &&
      this.col < r.col + r.numCols;
    return overlaps ? f : null;
  }

  getLastRow(): number {
    return this.row + this.numRows - 1;
  }
  getLastColumn(): number {
    return this.col + this.numCols - 1;
  }

  private each(act: (row: number, col: number) => void): void {
    for (let r = this.row; r < this.row + this.numRows; r++) for (let c = this.col; c < this.col + this.numCols; c++) act(r, c);
  }

  private grid<T>(at: (row: number, col: number) => T): T[][] {
    return Array.from({ length: this.numRows }, (_, i) => Array.from({ length: this.numCols }, (_, j) => at(this.row + i, this.col + j)));
  }

  getNumRows(): number {
    return this.numRows;
  }
  getNumColumns(): number {
    return this.numCols;
  }
}
