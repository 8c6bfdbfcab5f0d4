/** Cell values as Sheets stores them, and how it reads what setValues is given. */

/** What a cell holds. A formula is kept as such, so tests can prove none was ever written. */
export type EmuValue = string | number | boolean | Date | { formula: string } | null;

export const MAX_CELLS = 10_000_000;
export const MAX_CELL_CHARS = 50_000;

const NUMERIC = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * How Sheets reads a string given to setValues: a leading apostrophe forces text (and is not
 * stored); '=' starts a formula; numbers and TRUE/FALSE are converted; the rest stays text.
 */
export function parseInput(v: unknown): EmuValue {
  if (v === null || v === undefined || v === '') return null;
  if (typeof v === 'number' || typeof v === 'boolean') return v;
  if (Object.prototype.toString.call(v) === '[object Date]') return new Date((v as Date).getTime());
  if (typeof v !== 'string') return String(v);
  if (v.length > MAX_CELL_CHARS)
    throw new Error(`Your input contains more than the maximum of ${MAX_CELL_CHARS} characters in a single cell.`);
  if (v.startsWith("'")) return v.slice(1);
  if (v.startsWith('=')) return { formula: v };
  if (NUMERIC.test(v.trim())) return Number(v.trim());
  if (/^(true|false)$/i.test(v.trim())) return v.trim().toLowerCase() === 'true';
  return v;
}

export function outputValue(v: EmuValue): string | number | boolean | Date {
  if (v === null) return '';
  if (typeof v === 'object' && !(v instanceof Date) && 'formula' in v) return '#FORMULA';
  if (v instanceof Date) return new Date(v.getTime());
  return v;
}

/** SpreadsheetApp.newRichTextValue(): text with an optional link; always text, never a formula. */
export class EmuRichText {
  constructor(
    readonly text: string,
    readonly link: string | null,
  ) {}
  getText(): string {
    return this.text;
  }
  getLinkUrl(): string | null {
    return this.link;
  }
}

export function newRichTextValue() {
  let text = '';
  let link: string | null = null;
  const builder = {
    setText: (t: string) => ((text = t), builder),
    setLinkUrl: (u: string | null) => ((link = u), builder),
    build: () => new EmuRichText(text, link),
  };
  return builder;
}
