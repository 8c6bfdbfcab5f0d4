import type { CellValue, CryptoPort } from '../ports';
import { comparable } from './cells';

/**
 * A tamper-evident append tab: each row's Row hash is the SHA-256 of the row above's hash and this
 * row's cells (as the sheet gives them back: comparable()), so changing, removing or moving a row
 * breaks the chain from there. The first row chains from the empty string.
 */
export function rowHash(crypto: CryptoPort, previous: string, values: CellValue[], hashIndex: number): string {
  const cells = values.filter((_, i) => i !== hashIndex).map(comparable);
  return crypto.sha256Hex(`${previous}\n${cells.join('\u001f')}`);
}

/** How an append chains its rows: the hash column's path, and the linking of new rows under the cell above them. */
export interface ChainLink {
  path: string;
  link(rows: CellValue[][], hashIndex: number, above: CellValue): void;
}

export function chainLink(crypto: CryptoPort, path: string): ChainLink {
  return {
    path,
    link(rows, hashIndex, above) {
      let previous = above === null || above === undefined ? '' : String(above);
      for (const values of rows) previous = values[hashIndex] = rowHash(crypto, previous, values, hashIndex);
    },
  };
}

/** The first data row (1-based sheet row) whose hash does not follow, or null when the chain holds. */
export function firstBrokenRow(crypto: CryptoPort, table: CellValue[][], hashIndex: number): number | null {
  let previous = '';
  for (let i = 1; i < table.length; i++) {
    const stored = String(table[i][hashIndex] ?? '');
    if (stored !== rowHash(crypto, previous, table[i], hashIndex)) return i + 1;
    previous = stored;
  }
  return null;
}

export function brokenChainNote(row: number): string {
  return `Hash chain broken at row ${row}: that row was changed, or a row above it was removed or moved, after the add-on wrote it. Rows below still chain from their own hashes; compare with the copies kept elsewhere.`;
}
