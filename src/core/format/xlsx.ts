import type { Zoner } from '../jobs/schedule';
import type { CellValue } from '../ports';
import { isDate } from './cell';

/** The parts of an .xlsx file (Office Open XML), to be zipped by the platform. */
export interface ZipEntry {
  name: string;
  content: string;
}

/** Excel refuses longer text in a cell. */
export const XLSX_CELL_MAX_CHARS = 32_767;
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);

/** XML text: escaped, and without the control characters XML 1.0 cannot carry. */
// XML 1.0 cannot hold these control characters at all: they are dropped.
// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;

function xmlText(s: string): string {
  return s.replace(NOT_XML, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** A1-style column letters: 1 → A, 27 → AA. */
export function columnLetters(n: number): string {
  let s = '';
  for (let c = n; c > 0; c = Math.floor((c - 1) / 26)) s = String.fromCharCode(65 + ((c - 1) % 26)) + s;
  return s;
}

/** How the copy looks, as the tab does: each column's number format and width, dates in the sheet's zone. */
export interface XlsxLooks {
  /** Per column: a number format ('yyyy-mm-dd hh:mm'…) or null for the general one. */
  formats: Array<string | null>;
  /** Per column, in pixels (Excel counts characters: about 7 pixels each). */
  widths: number[];
  /** The spreadsheet's zone: dates show the wall-clock time the tab shows. */
  zone?: Zoner;
}

const PX_PER_CHAR = 7;
/** Style 0 is the default, 1 the bold header, 2 a date-time in the default format; numFmt styles follow. */
const FIRST_FORMAT_STYLE = 3;

/** An instant as Excel's serial day, at the zone's wall-clock time (UTC without a zone). */
function serial(d: Date, zone: Zoner | undefined): number {
  let ms = d.getTime();
  if (zone) {
    const p = zone(ms);
    ms = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute) + (((ms % 60_000) + 60_000) % 60_000);
  }
  return (ms - EXCEL_EPOCH) / 86_400_000;
}

/**
 * One cell. Text is an inline string, so nothing in it is ever read as a formula; dates are
 * Excel serial days in the sheet's zone; numbers and booleans keep their type. `style` is the
 * column's number format style (0: none).
 */
function cellXml(ref: string, v: CellValue, style: number, zone: Zoner | undefined): string {
  if (v === null || v === undefined || v === '') return '';
  const s = style > 0 ? ` s="${style}"` : '';
  if (isDate(v)) return `<c r="${ref}" s="${style || 2}"><v>${serial(v, zone)}</v></c>`;
  if (typeof v === 'number') return Number.isFinite(v) ? `<c r="${ref}"${s}><v>${v}</v></c>` : '';
  if (typeof v === 'boolean') return `<c r="${ref}" t="b"><v>${v ? 1 : 0}</v></c>`;
  const text = v.length > XLSX_CELL_MAX_CHARS ? `${v.slice(0, XLSX_CELL_MAX_CHARS - 12)} …[cut]` : v;
  return `<c r="${ref}" t="inlineStr"${style === 1 ? ' s="1"' : ''}><is><t xml:space="preserve">${xmlText(text)}</t></is></c>`;
}

/** The distinct number formats of every sheet's columns, each with its style index. */
function formatStyles(sheets: XlsxSheet[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const sheet of sheets) for (const f of sheet.looks?.formats ?? []) if (f && !out.has(f)) out.set(f, FIRST_FORMAT_STYLE + out.size);
  return out;
}

function stylesXml(formats: Map<string, number>): string {
  const numFmts = ['yyyy-mm-dd hh:mm', ...formats.keys()]
    .map((code, i) => `<numFmt numFmtId="${164 + i}" formatCode="${xmlText(code)}"/>`)
    .join('');
  const xf = (numFmt: number, font: number) =>
    `<xf numFmtId="${numFmt}" fontId="${font}" fillId="0" borderId="0" xfId="0"${numFmt ? ' applyNumberFormat="1"' : ''}${font ? ' applyFont="1"' : ''}/>`;
  const xfs = [xf(0, 0), xf(0, 1), xf(164, 0), ...[...formats.keys()].map((_, i) => xf(165 + i, 0))];
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
    `<numFmts count="${formats.size + 1}">${numFmts}</numFmts>` +
    '<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>' +
    '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
    `<cellXfs count="${xfs.length}">${xfs.join('')}</cellXfs></styleSheet>`
  );
}

/** One worksheet of a workbook. */
export interface XlsxSheet {
  name: string;
  header: string[];
  rows: CellValue[][];
  looks?: XlsxLooks;
  /** A filter over the data (a tab's copy); a dashboard's tables side by side have none. */
  filter?: boolean;
}

/** The worksheet: a bold frozen header, the columns' widths and formats, a filter over the data. */
function sheetXml({ header, rows, looks, filter: filtered = true }: XlsxSheet, styles: Map<string, number>): string {
  const colStyle = header.map((_, j) => styles.get(looks?.formats[j] ?? '') ?? 0);
  const head = `<row r="1">${header.map((v, j) => cellXml(`${columnLetters(j + 1)}1`, v, 1, undefined)).join('')}</row>`;
  const body = rows
    .map(
      (r, i) =>
        `<row r="${i + 2}">${r.map((v, j) => cellXml(`${columnLetters(j + 1)}${i + 2}`, v, colStyle[j], looks?.zone)).join('')}</row>`,
    )
    .join('');
  const cols = looks?.widths.length
    ? `<cols>${looks.widths.map((w, j) => `<col min="${j + 1}" max="${j + 1}" width="${(w / PX_PER_CHAR).toFixed(2)}" customWidth="1"/>`).join('')}</cols>`
    : '';
  const filter = filtered && header.length ? `<autoFilter ref="A1:${columnLetters(header.length)}${rows.length + 1}"/>` : '';
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
    '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>' +
    `${cols}<sheetData>${head}${body}</sheetData>${filter}</worksheet>`
  );
}

/** A workbook with one worksheet holding `header` and `rows`, looking as the tab does. */
export function xlsxEntries(sheetName: string, header: string[], rows: CellValue[][], looks?: XlsxLooks): ZipEntry[] {
  return xlsxWorkbook([{ name: sheetName, header, rows, looks }]);
}

/** Excel's sheet names: at most 31 characters, none of []*?:\/, unique without regard to case. */
function sheetNames(sheets: XlsxSheet[]): string[] {
  const taken = new Set<string>();
  return sheets.map((s, i) => {
    let name = s.name.replace(/[[\]*?:\\/]/g, '_').slice(0, 31) || `Sheet${i + 1}`;
    for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${name.slice(0, 27)} (${n})`;
    taken.add(name.toLowerCase());
    return name;
  });
}

/** A workbook of worksheets (a tab's copy, and a dashboard's summary after it). */
export function xlsxWorkbook(sheets: XlsxSheet[]): ZipEntry[] {
  const styles = formatStyles(sheets);
  const names = sheetNames(sheets).map(xmlText);
  // Excel's filter needs its hidden name to show the buttons.
  const filterNames = sheets
    .map((s, i) =>
      s.filter !== false && s.header.length
        ? `<definedName name="_xlnm._FilterDatabase" localSheetId="${i}" hidden="1">'${names[i].replace(/'/g, "''")}'!$A$1:$${columnLetters(s.header.length)}$${s.rows.length + 1}</definedName>`
        : '',
    )
    .join('');
  const n = sheets.map((_, i) => i + 1);
  return [
    { name: '[Content_Types].xml', content: contentTypesXml(n) },
    {
      name: '_rels/.rels',
      content:
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    },
    {
      name: 'xl/workbook.xml',
      content:
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
        `<sheets>${n.map((k) => `<sheet name="${names[k - 1]}" sheetId="${k}" r:id="rId${k}"/>`).join('')}</sheets>` +
        `${filterNames ? `<definedNames>${filterNames}</definedNames>` : ''}</workbook>`,
    },
    {
      name: 'xl/_rels/workbook.xml.rels',
      content:
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        n
          .map(
            (k) =>
              `<Relationship Id="rId${k}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${k}.xml"/>`,
          )
          .join('') +
        `<Relationship Id="rId${sheets.length + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>`,
    },
    { name: 'xl/styles.xml', content: stylesXml(styles) },
    ...sheets.map((s, i) => ({ name: `xl/worksheets/sheet${i + 1}.xml`, content: sheetXml(s, styles) })),
  ];
}

function contentTypesXml(sheets: number[]): string {
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
    sheets
      .map(
        (k) =>
          `<Override PartName="/xl/worksheets/sheet${k}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`,
      )
      .join('') +
    '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>'
  );
}
