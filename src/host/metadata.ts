/**
 * Developer metadata on a spreadsheet (SpreadsheetApp's DeveloperMetadata): key-value pairs the
 * add-on keeps in the document itself, so that any execution that can open the spreadsheet by id
 * (a trigger with no active document included) reads the same jobs and state as the sidebar.
 *
 * Limit: the Sheets API metadata guide ("Metadata storage limits") caps the metadata of one
 * location, the spreadsheet or one sheet, at 30,000 characters (public report quoting it:
 * DeepL/google-sheets-example#7, "a limit of 30K characters per sheet"). Keys and values both
 * count here, the stricter reading.
 */

export const METADATA_LOCATION_MAX_CHARS = 30_000;

export type Visibility = 'DOCUMENT' | 'PROJECT';

let nextId = 1;

export interface MetadataHost {
  charge(method: string, costMs: number): void;
}

/** Where a piece of metadata hangs (DeveloperMetadataLocation), worked out when asked: columns move. */
export interface EmuLocation {
  getLocationType(): 'SPREADSHEET' | 'SHEET' | 'ROW' | 'COLUMN';
  getColumn(): unknown;
  getSheet(): unknown;
  getSpreadsheet(): unknown;
}

export class EmuDeveloperMetadata {
  removed = false;
  constructor(
    private readonly owner: EmuMetadataList,
    readonly id: number,
    readonly key: string,
    public value: string,
    readonly visibility: Visibility,
  ) {}
  getId(): number {
    return this.id;
  }
  getKey(): string {
    return this.key;
  }
  getValue(): string | null {
    this.owner.host.charge('DeveloperMetadata.getValue', 0);
    return this.value;
  }
  getVisibility(): Visibility {
    return this.visibility;
  }
  getLocation(): EmuLocation {
    this.owner.host.charge('DeveloperMetadata.getLocation', 0);
    if (this.removed) throw new Error('Exception: The developer metadata no longer exists.');
    return this.owner.locate();
  }
  setValue(value: string): EmuDeveloperMetadata {
    this.owner.host.charge('DeveloperMetadata.setValue', 60);
    if (this.removed) throw new Error('Exception: The developer metadata no longer exists.');
    this.owner.checkSize(this.key.length + String(value).length - (this.key.length + this.value.length));
    this.value = String(value);
    return this;
  }
  remove(): void {
    this.owner.host.charge('DeveloperMetadata.remove', 60);
    if (this.removed) throw new Error('Exception: The developer metadata no longer exists.');
    this.removed = true;
    this.owner.items = this.owner.items.filter((m) => m !== this);
  }
}

/** The metadata of one location. */
export class EmuMetadataList {
  items: EmuDeveloperMetadata[] = [];
  constructor(
    readonly host: MetadataHost,
    readonly locate: () => EmuLocation = () => {
      throw new Error('emulation: this metadata has no location');
    },
  ) {}

  size(): number {
    return this.items.reduce((n, m) => n + m.key.length + m.value.length, 0);
  }

  checkSize(extra: number): void {
    if (this.size() + extra > METADATA_LOCATION_MAX_CHARS) {
      throw new Error(`Exception: The metadata of this location would exceed the limit of ${METADATA_LOCATION_MAX_CHARS} characters.`);
    }
  }

  add(key: string, value: string | undefined, visibility: Visibility = 'DOCUMENT'): EmuDeveloperMetadata {
    this.host.charge('Spreadsheet.addDeveloperMetadata', 80);
    const v = value === undefined ? '' : String(value);
    this.checkSize(key.length + v.length);
    const m = new EmuDeveloperMetadata(this, nextId++, key, v, visibility);
    this.items.push(m);
    return m;
  }

  /**
   * A finder: withKey / withVisibility, then find() reads fresh from the document. `within` adds
   * the lists below this location: a spreadsheet's finder "considers all metadata associated with
   * the spreadsheet, sheets, rows, and columns" (Spreadsheet.createDeveloperMetadataFinder).
   */
  finder(within: () => EmuMetadataList[] = () => []) {
    const filters: Array<(m: EmuDeveloperMetadata) => boolean> = [];
    const f = {
      withKey: (k: string) => (filters.push((m) => m.key === k), f),
      withVisibility: (v: Visibility) => (filters.push((m) => m.visibility === v), f),
      find: () => {
        this.host.charge('DeveloperMetadataFinder.find', 40);
        return [this, ...within()].flatMap((l) => l.items).filter((m) => filters.every((t) => t(m)));
      },
    };
    return f;
  }

  /** Test helper: the PROJECT metadata as a map, free of charge. */
  asMap(): Map<string, string> {
    return new Map(this.items.filter((m) => m.visibility === 'PROJECT').map((m) => [m.key, m.value]));
  }
}
