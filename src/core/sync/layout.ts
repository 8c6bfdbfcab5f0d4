import type { Column } from '../jobs/types';

/** Where each of a job's columns sits in its tab, and what to change to get there. */
export interface Layout {
  /** Sheet column (1-based) of each job column, in job column order. */
  cols: number[];
  /** The header text over each job column as the tab shows it (the user may have renamed it). */
  headers: string[];
  /** Job columns missing from the tab, placed after the last used column. */
  added: Array<{ index: number; col: number }>;
  /** Column tags to set (path) or remove (null). */
  retag: Map<number, string | null>;
}

/**
 * Finds the job's columns in a tab by their header text and by the tag each carries (developer
 * metadata that stays with a column when it is moved or renamed). The header wins when it is
 * there: a column moved by cut and paste keeps its text, not its tag. The tag wins when the header
 * is gone (renamed), and also when the header's text now sits on a new untagged column of the
 * user's own, made after renaming ours.
 */
export function resolveLayout(columns: Column[], header: string[], tags: Map<number, string>): Layout {
  const ours = new Set(columns.map((c) => c.header));
  const taken = new Set<number>();
  const renamed = (col: number) => !ours.has(header[col - 1] ?? '');
  const cols = columns.map((c) => {
    const byHeader = header.flatMap((h, i) => (h === c.header && !taken.has(i + 1) ? [i + 1] : []));
    const byTag = [...tags].flatMap(([col, tag]) => (tag === c.path && !taken.has(col) ? [col] : []));
    const confirmed = byHeader.find((col) => tags.get(col) === c.path);
    const renamedTag = byTag.find(renamed);
    let pick = confirmed;
    if (pick === undefined && renamedTag !== undefined && byHeader.every((col) => !tags.has(col))) pick = renamedTag;
    pick ??= byHeader[0];
    if (pick !== undefined) taken.add(pick);
    return pick;
  });
  let next = Math.max(header.length, ...taken) + 1;
  const added: Layout['added'] = [];
  const placed = cols.map((col, index) => {
    if (col !== undefined) return col;
    added.push({ index, col: next });
    return next++;
  });
  const retag = new Map<number, string | null>();
  placed.forEach((col, i) => tags.get(col) !== columns[i].path && retag.set(col, columns[i].path));
  for (const col of tags.keys()) if (!placed.includes(col)) retag.set(col, null);
  return {
    cols: placed,
    headers: placed.map((col, i) => (added.some((a) => a.index === i) ? columns[i].header : (header[col - 1] ?? ''))),
    added,
    retag,
  };
}
