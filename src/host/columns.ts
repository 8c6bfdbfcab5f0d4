import { EmuMetadataList, type EmuLocation, type MetadataHost } from './metadata';

/**
 * Developer metadata on whole columns of one sheet. Google keeps it with its column when columns
 * are inserted, deleted or moved ("Metadata ... associated with rows or columns moves with them",
 * Sheets API developer metadata guide, Locations), so it is kept here in column order and spliced
 * with the grid; a column's metadata goes when the column is deleted.
 */
export class ColumnMetadata {
  private lists: Array<EmuMetadataList | undefined> = [];

  constructor(
    private readonly host: MetadataHost,
    private readonly locationOf: (col: number) => EmuLocation,
  ) {}

  /** The metadata of column `col` (1-based), created on first use. */
  at(col: number): EmuMetadataList {
    let list = this.lists[col - 1];
    if (!list) {
      const created: EmuMetadataList = new EmuMetadataList(this.host, () => this.locationOf(this.lists.indexOf(created) + 1));
      list = this.lists[col - 1] = created;
    }
    return list;
  }

  all(): EmuMetadataList[] {
    return this.lists.filter((l): l is EmuMetadataList => l !== undefined);
  }

  inserted(after: number, howMany: number): void {
    if (this.lists.length > after) this.lists.splice(after, 0, ...Array<undefined>(howMany));
  }

  deleted(start: number, howMany: number): void {
    this.lists.splice(start - 1, howMany);
  }

  moved(from: number, to: number): void {
    const [list] = this.lists.splice(from - 1, 1);
    while (this.lists.length < to - 1) this.lists.push(undefined);
    this.lists.splice(to - 1, 0, list);
  }
}
