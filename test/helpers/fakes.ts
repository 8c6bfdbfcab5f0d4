import type {
  CellValue,
  ChartSpec,
  ClockPort,
  HttpPort,
  HttpRequest,
  HttpResponse,
  SheetPort,
  StorePort,
  WorkbookPort,
} from '../../src/core/ports';

/** A clock whose sleep only moves time: tests assert delays without waiting. */
export class FakeClock implements ClockPort {
  slept: number[] = [];
  constructor(public t = 1_700_000_000_000) {}
  now(): number {
    return this.t;
  }
  sleep(ms: number): void {
    this.slept.push(ms);
    this.t += ms;
  }
}

/** Canned HTTP answers by URL substring, in order; counts requests. */
export class FakeHttp implements HttpPort {
  requests: HttpRequest[] = [];
  constructor(private readonly answer: (req: HttpRequest, n: number) => HttpResponse) {}
  fetch(req: HttpRequest): HttpResponse {
    this.requests.push(req);
    return this.answer(req, this.requests.length);
  }
  fetchAll(reqs: HttpRequest[]): HttpResponse[] {
    return reqs.map((r) => this.fetch(r));
  }
}

export const json = (status: number, body: unknown, headers: Record<string, string> = {}): HttpResponse => ({
  status,
  headers,
  body: JSON.stringify(body),
});

export class MemoryStore implements StorePort {
  map = new Map<string, string>();
  get(k: string) {
    return this.map.get(k) ?? null;
  }
  set(k: string, v: string) {
    this.map.set(k, v);
  }
  delete(k: string) {
    this.map.delete(k);
  }
  keys() {
    return [...this.map.keys()];
  }
}

/** A sheet as a 2-D array that counts writes, so tests can assert batching. */
export class FakeSheet implements SheetPort {
  rows: CellValue[][] = [];
  writes = 0;
  reads = 0;
  readLog: Array<{ row: number; col: number; rows: number; cols: number }> = [];
  frozen = false;
  hidden = false;
  constructor(public name: string) {}
  lastRow() {
    for (let r = this.rows.length - 1; r >= 0; r--) if (this.rows[r]?.some((v) => v !== null && v !== undefined)) return r + 1;
    return 0;
  }
  lastColumn() {
    return Math.max(0, ...this.rows.map((r) => r?.reduce((m: number, v, i) => (v !== null && v !== undefined ? i + 1 : m), 0) ?? 0));
  }
  maxRows() {
    return Math.max(this.rows.length, 1);
  }
  maxColumns() {
    return Math.max(this.lastColumn(), 1);
  }
  read(row: number, col: number, rows: number, cols: number): CellValue[][] {
    this.reads++;
    this.readLog.push({ row, col, rows, cols });
    return Array.from({ length: rows }, (_, r) => Array.from({ length: cols }, (_, c) => this.rows[row - 1 + r]?.[col - 1 + c] ?? null));
  }
  write(row: number, col: number, values: CellValue[][]): void {
    this.writes++;
    values.forEach((vals, r) => {
      const target = (this.rows[row - 1 + r] ??= []);
      vals.forEach((v, c) => (target[col - 1 + c] = v));
    });
  }
  links = new Map<string, string>();
  writeLinks(row: number, col: number, cells: Array<{ text: string; url: string | null }>): void {
    cells.forEach((c, i) => {
      (this.rows[row - 1 + i] ??= [])[col - 1] = c.text || null;
      if (c.url) this.links.set(`${row + i}:${col}`, c.url);
      else this.links.delete(`${row + i}:${col}`);
    });
  }
  markedByAddOn(): boolean {
    return false;
  }
  tags = new Map<number, string>();
  columnTags(): Map<number, string> {
    return new Map(this.tags);
  }
  setColumnTags(tags: Map<number, string | null>): void {
    for (const [col, tag] of tags) {
      if (tag === null) this.tags.delete(col);
      else this.tags.set(col, tag);
    }
  }
  readLinks(row: number, col: number, count: number): Array<string | null> {
    return Array.from({ length: count }, (_, i) => this.links.get(`${row + i}:${col}`) ?? null);
  }
  deleteRows(row: number, count: number): void {
    this.rows.splice(row - 1, count);
  }
  deleteRowRuns(runs: Array<{ start: number; count: number }>): void {
    for (const r of runs) this.deleteRows(r.start, r.count);
  }
  truncate(keep: number): void {
    this.rows.length = Math.min(this.rows.length, keep);
  }
  /** Number format per cell, "row:col" → format. */
  cellFormats = new Map<string, string>();
  setNumberFormat(row: number, col: number, rows: number, cols: number, format: string): void {
    for (let r = row; r < row + rows; r++) for (let c = col; c < col + cols; c++) this.cellFormats.set(`${r}:${c}`, format);
  }
  bold = new Set<number>();
  boldHeader(col: number, count: number): void {
    for (let c = col; c < col + count; c++) this.bold.add(c);
  }
  widths = new Map<number, number>();
  setColumnWidths(col: number, count: number, px: number): void {
    for (let c = col; c < col + count; c++) this.widths.set(c, px);
  }
  filterCols = 0;
  addFilter(cols: number): void {
    if (!this.filterCols) this.filterCols = cols;
  }
  coverFilter(cols: number): void {
    if (this.filterCols) this.filterCols = Math.max(this.filterCols, cols);
  }
  notes = new Map<string, string>();
  setNote(row: number, col: number, note: string | null): void {
    if (note) this.notes.set(`${row}:${col}`, note);
    else this.notes.delete(`${row}:${col}`);
  }
  freezeHeader(): void {
    this.frozen = true;
  }
  setHidden(h: boolean): void {
    this.hidden = h;
  }
  chartList: Array<ChartSpec & { id: string }> = [];
  charts() {
    return this.chartList.map((c) => ({ ...c }));
  }
  insertChart(spec: ChartSpec): string {
    const id = String(this.chartList.length + 1);
    this.chartList.push({ ...spec, id });
    return id;
  }
  updateChart(id: string, spec: ChartSpec): boolean {
    const at = this.chartList.findIndex((c) => c.id === id);
    if (at >= 0) this.chartList[at] = { ...spec, id };
    return at >= 0;
  }
}

export class FakeWorkbook implements WorkbookPort {
  sheets = new Map<string, FakeSheet>();
  cellsElsewhere = 0;
  sheet(name: string) {
    return this.sheets.get(name) ?? null;
  }
  createSheet(name: string) {
    const s = new FakeSheet(name);
    this.sheets.set(name, s);
    return s;
  }
  deleteSheet(name: string) {
    this.sheets.delete(name);
  }
  sheetNames() {
    return [...this.sheets.keys()];
  }
  shown: string | null = null;
  show(name: string) {
    if (this.sheets.has(name)) this.shown = name;
    return this.sheets.has(name);
  }
  totalCells() {
    return this.cellsElsewhere + [...this.sheets.values()].reduce((n, s) => n + s.maxRows() * s.maxColumns(), 0);
  }
  timeZone() {
    return 'Europe/Lisbon';
  }
  flush() {}
}
