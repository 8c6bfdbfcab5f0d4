/**
 * The ports between the platform-free core and the platform (Apps Script, or Node in tests and the
 * local host). Every port is synchronous because every Apps Script service is.
 */

export interface HttpRequest {
  /** GET when absent. UrlFetchApp knows no other methods (no HEAD). */
  method?: 'GET' | 'PUT' | 'POST' | 'DELETE' | 'PATCH';
  url: string;
  headers: Record<string, string>;
  /** A request body: bytes sent as they are, or text sent as UTF-8. */
  body?: Uint8Array | string;
  contentType?: string;
  /** The answer is a file: its bytes come in `bytes` (getContent), not only as text. */
  binary?: boolean;
}

export interface HttpResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
  /** The body's bytes, for a request made with `binary`. */
  bytes?: Uint8Array;
}

export interface HttpPort {
  /** Throws NetworkError when no response arrived at all. */
  fetch(req: HttpRequest): HttpResponse;
  /** Sends the requests in parallel; responses come back in request order. */
  fetchAll(reqs: HttpRequest[]): HttpResponse[];
}

export interface ClockPort {
  now(): number;
  sleep(ms: number): void;
}

/** A string key-value store (document or user properties). */
export interface StorePort {
  get(key: string): string | null;
  set(key: string, value: string): void;
  delete(key: string): void;
  keys(): string[];
  /** Drops anything read earlier in this execution, so the next read sees the stored values. */
  reload?(): void;
}

/** A value a sheet cell holds. Dates are Date objects so the sheet shows real dates. */
export type CellValue = string | number | boolean | Date | null;

/** One tab of the spreadsheet. Rows and columns are 1-based like SpreadsheetApp. */
export interface SheetPort {
  readonly name: string;
  /** Rows holding data, header included (0 for an empty tab). */
  lastRow(): number;
  lastColumn(): number;
  /** Reads a block of values. */
  read(row: number, col: number, rows: number, cols: number): CellValue[][];
  /** Writes a block; the grid grows as needed. Strings are written as literal text. */
  write(row: number, col: number, values: CellValue[][]): void;
  /**
   * Writes one column of text cells from `row` down, each a clickable link when its URL is given.
   * The cells stay plain text.
   */
  writeLinks(row: number, col: number, cells: Array<{ text: string; url: string | null }>): void;
  /** The link of each cell of one column from `row` down (null where there is none). */
  readLinks(row: number, col: number, count: number): Array<string | null>;
  /** Deletes `count` rows starting at `row`. */
  deleteRows(row: number, count: number): void;
  /** Deletes several runs of rows, given bottom-up (later runs above earlier ones), in one pass. */
  deleteRowRuns(runs: Array<{ start: number; count: number }>): void;
  /** Removes every row below `keepRows` and clears nothing else. */
  truncate(keepRows: number): void;
  /**
   * One number format on a block of cells, e.g. 'yyyy-mm-dd hh:mm'. Writes format their own
   * cells: Google is not known to give rows inserted later the format of the rows above.
   */
  setNumberFormat(row: number, col: number, rows: number, cols: number, format: string): void;
  freezeHeader(): void;
  /** Bold header cells (row 1) for `count` columns from `col`. */
  boldHeader(col: number, count: number): void;
  /** The same width for `count` columns from `col`. */
  setColumnWidths(col: number, count: number, px: number): void;
  /** A filter over the header and every row of columns 1…`cols`, unless the tab has a filter already. */
  addFilter(cols: number): void;
  /**
   * Stretches the tab's filter, if it has one, over every row and at least columns 1…`cols`,
   * keeping what a person filtered on (Google does not say a filter takes rows added below it).
   */
  coverFilter(cols: number): void;
  /** A note on one cell (hover text in Sheets); null removes it. */
  setNote(row: number, col: number, note: string | null): void;
  /** Grid size, empty cells included (what counts against the 10M-cell limit). */
  maxRows(): number;
  maxColumns(): number;
  /**
   * The add-on's tags on whole columns, column (1-based) → tag. A tag is developer metadata on the
   * column: it stays with the column when the user moves it, inserts columns or renames the header.
   */
  columnTags(): Map<number, string>;
  /** Sets or (with null) removes the tags of some columns. */
  setColumnTags(tags: Map<number, string | null>): void;
  /** Whether the add-on has written this tab (it carries the add-on's metadata). */
  markedByAddOn(): boolean;
  /** Makes the tab visible or hidden (staging tabs are hidden). */
  setHidden(hidden: boolean): void;
  /** The charts on this tab, each with its id. */
  charts(): Array<ChartSpec & { id: string }>;
  /** Adds a chart; returns its id (unique in the spreadsheet). */
  insertChart(spec: ChartSpec): string;
  /** Changes a chart in place; false when it is not on the tab any more (a person removed it). */
  updateChart(id: string, spec: ChartSpec): boolean;
}

/** A native chart over blocks of the tab's cells (first column: labels; first row: series names). */
export interface ChartSpec {
  type: 'bar' | 'column' | 'line';
  title: string;
  ranges: Array<{ row: number; col: number; rows: number; cols: number }>;
  /** The cell its top-left corner sits on. */
  anchor: { row: number; col: number };
  stacked?: boolean;
  /** Axis titles. */
  hAxis?: string;
  vAxis?: string;
}

export interface WorkbookPort {
  sheet(name: string): SheetPort | null;
  createSheet(name: string): SheetPort;
  deleteSheet(name: string): void;
  /** Names of the visible tabs. */
  sheetNames(): string[];
  /** Brings a tab into the user's view; false when there is no such tab. */
  show(name: string): boolean;
  /** Cells of the whole spreadsheet, all tabs, empty ones included. */
  totalCells(): number;
  timeZone(): string;
  /** Commits pending writes (SpreadsheetApp.flush). */
  flush(): void;
}

export interface StoredFile {
  id: string;
  name: string;
  size: number;
  createdAt: number;
  /** The MD5 of the stored bytes, hex, as the store reports it (Drive's md5Checksum). */
  md5?: string;
}

/**
 * Where export files go: a folder (Drive, src/gas/drive.ts) or a prefix in a container or bucket
 * (export/azure.ts, export/s3.ts) the add-on writes to.
 */
export interface Destination {
  /** Creates or replaces a file by name in the add-on's folder. */
  write(name: string, content: Uint8Array | string, mimeType: string): StoredFile;
  list(prefix: string): StoredFile[];
  remove(id: string): void;
  /** The address a person with access to the store opens the file at (no secret in it). */
  link(file: StoredFile): string;
}

/** A best-effort cache (CacheService): values up to 100 KB, gone after their time to live or sooner. */
export interface CachePort {
  get(key: string): string | null;
  put(key: string, value: string, ttlSeconds: number): void;
}

export interface LockPort {
  tryLock(ms: number): boolean;
  release(): void;
}

export interface MailPort {
  send(to: string, subject: string, body: string): void;
  remainingQuota(): number;
}

export interface CryptoPort {
  sha256Hex(data: Uint8Array | string): string;
  gzip(data: string, name: string): Uint8Array;
  base64(data: string): string;
  /** Standard base64 of bytes (Content-MD5 headers, signatures). */
  base64Bytes(data: Uint8Array): string;
  /** The raw digest of bytes or UTF-8 text: SHA-256 (signatures) or MD5 (Content-MD5). */
  digest(algorithm: 'sha256' | 'md5', data: Uint8Array | string): Uint8Array;
  /** The raw HMAC-SHA256 of `data` under a key of bytes or text (chained, as AWS Signature V4 needs). */
  hmacSha256(key: Uint8Array | string, data: Uint8Array | string): Uint8Array;
  /** A zip archive of text files (paths may hold folders, as xlsx needs). */
  zip(entries: Array<{ name: string; content: string }>, zipName: string): Uint8Array;
  /** The entry names of a zip archive, as Apps Script unzips it (folders kept). */
  unzipNames(zip: Uint8Array): string[];
  /** Hex HMAC-SHA256 of `data` under `key`. */
  hmacSha256Hex(key: string, data: string): string;
}
