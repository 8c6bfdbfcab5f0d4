export type QueryValue = string | number | boolean | undefined | null | Array<string | number>;

/**
 * A query string from params, without URLSearchParams (absent in Apps Script). Lists repeat the
 * key (`tag=a&tag=b`), as Lever expects; undefined and null are left out. Keys keep their order.
 */
export function buildQuery(params: Record<string, QueryValue>): string {
  const parts: string[] = [];
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === null) continue;
    const values = Array.isArray(v) ? v : [v];
    for (const one of values) parts.push(`${encodeURIComponent(k)}=${encodeURIComponent(String(one))}`);
  }
  return parts.join('&');
}

/** Parses a query string into repeated values per key; `key[]` is read as `key`. */
export function parseQuery(qs: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const part of qs.split('&')) {
    if (!part) continue;
    const eq = part.indexOf('=');
    const rawKey = eq < 0 ? part : part.slice(0, eq);
    const rawVal = eq < 0 ? '' : part.slice(eq + 1);
    const key = decode(rawKey).replace(/\[\]$/, '');
    const list = out.get(key) ?? [];
    list.push(decode(rawVal));
    out.set(key, list);
  }
  return out;
}

function decode(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return s;
  }
}
