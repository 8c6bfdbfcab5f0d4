/** Query strings as the sandbox reads them, the way a web server would (independent of the client's builder). */

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
