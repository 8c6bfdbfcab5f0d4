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
