import type { VirtualClock } from './clock';
import { MAX_CELLS } from './cells';
import { EmuMetadataList, type Visibility } from './metadata';
import { EmuSheet, location } from './spreadsheet';

export interface CallCounts {
  [method: string]: number;
}

/** An in-memory spreadsheet with Google's limits (10M cells, 50k characters a cell) and call counts. */
export class EmuSpreadsheet {
  sheets: EmuSheet[] = [];
  readonly calls: CallCounts = {};
  /** Cells read and written through ranges (for the benchmark). */
  readonly cells = { read: 0, written: 0 };
  ui = { menus: [] as Array<{ title: string; items: Array<[string, string]> }>, sidebars: [] as Array<{ title: string; html: string }> };

  constructor(
    readonly clock: VirtualClock,
    public name = 'Lever data',
    public timeZone = 'Europe/Lisbon',
    readonly id = 'emulated-spreadsheet-1',
    /** Who may open it by id: the owner and its editors. */
    readonly editors = new Set<string>(),
  ) {
    this.sheets.push(new EmuSheet(this, 'Sheet1'));
    this.active = this.sheets[0];
  }
  /** The tab the user looks at. */
  active: EmuSheet;
  private chartIds = 0;
  /** getChartId: "unique across the spreadsheet". */
  nextChartId(): number {
    return ++this.chartIds;
  }
  /** Developer metadata at the spreadsheet level. */
  readonly metadata = new EmuMetadataList(this, () => location('SPREADSHEET', { spreadsheet: this }));

  getDeveloperMetadata() {
    this.charge('Spreadsheet.getDeveloperMetadata', 40);
    return [...this.metadata.items];
  }
  addDeveloperMetadata(key: string, value?: string, visibility?: Visibility): EmuSpreadsheet {
    this.metadata.add(key, value, visibility);
    return this;
  }
  createDeveloperMetadataFinder() {
    return this.metadata.finder(() => this.sheets.flatMap((s) => [s.metadata, ...s.columnMetadata.all()]));
  }

  /** Test hook: called after each Sheets call is charged (fault tests kill executions here). */
  onCall: ((method: string) => void) | null = null;

  charge(method: string, costMs: number): void {
    this.calls[method] = (this.calls[method] ?? 0) + 1;
    this.clock.spend(costMs);
    this.onCall?.(method);
  }

  totalCells(): number {
    return this.sheets.reduce((n, s) => n + s.cellCount(), 0);
  }

  checkGrowth(extra: number): void {
    if (this.totalCells() + extra > MAX_CELLS) {
      throw new Error(`This action would increase the number of cells in the workbook above the limit of ${MAX_CELLS} cells.`);
    }
  }

  getId(): string {
    return this.id;
  }
  getName(): string {
    return this.name;
  }
  getSpreadsheetTimeZone(): string {
    this.charge('Spreadsheet.getSpreadsheetTimeZone', 5);
    return this.timeZone;
  }
  getSheets(): EmuSheet[] {
    this.charge('Spreadsheet.getSheets', 10);
    return [...this.sheets];
  }
  getSheetByName(name: string): EmuSheet | null {
    this.charge('Spreadsheet.getSheetByName', 10);
    return this.sheets.find((s) => s.name === name) ?? null;
  }
  insertSheet(name: string): EmuSheet {
    this.charge('Spreadsheet.insertSheet', 200);
    if (this.sheets.some((s) => s.name === name))
      throw new Error(`A sheet with the name "${name}" already exists. Please enter another name.`);
    this.checkGrowth(1000 * 26);
    const s = new EmuSheet(this, name);
    this.sheets.push(s);
    // insertSheet makes the new tab the active one: the user's view jumps to it (Spreadsheet
    // reference: "Inserts a new sheet ... The new sheet becomes the active sheet").
    this.active = s;
    return s;
  }
  deleteSheet(sheet: EmuSheet): void {
    this.charge('Spreadsheet.deleteSheet', 100);
    if (this.sheets.length === 1) throw new Error("You can't remove all the sheets in a document.");
    this.sheets = this.sheets.filter((s) => s !== sheet);
    if (this.active === sheet) this.active = this.sheets.find((s) => !s.hidden) ?? this.sheets[0];
  }
  getActiveSheet(): EmuSheet {
    this.charge('Spreadsheet.getActiveSheet', 5);
    return this.active;
  }
  setActiveSheet(sheet: EmuSheet): EmuSheet {
    this.charge('Spreadsheet.setActiveSheet', 20);
    if (!this.sheets.includes(sheet)) throw new Error('Sheet not found.');
    this.active = sheet;
    return sheet;
  }
  /** Test helper, free of charge: a tab by name. */
  tab(name: string): EmuSheet | undefined {
    return this.sheets.find((s) => s.name === name);
  }
}
