/** Tiny `--name value` / `--flag` parser with defaults and a clear error for unknown options. */
export function parseArgs<T extends Record<string, string | number | boolean>>(argv: string[], defaults: T, usage: string): T {
  const out: Record<string, string | number | boolean> = { ...defaults };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--help' || a === '-h') {
      console.log(usage);
      process.exit(0);
    }
    const m = /^--([a-z][a-z0-9-]*)(?:=(.*))?$/.exec(a);
    if (!m) throw new Error(`Unexpected argument "${a}".\n${usage}`);
    const key = m[1].replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
    if (!(key in defaults)) throw new Error(`Unknown option --${m[1]}.\n${usage}`);
    const kind = typeof defaults[key];
    let value: string | undefined = m[2];
    if (value === undefined && kind !== 'boolean') value = argv[++i];
    if (kind === 'number') {
      const n = Number(value);
      if (!Number.isFinite(n) || n < 0) throw new Error(`--${m[1]} needs a number (got ${JSON.stringify(value)}).`);
      out[key] = n;
    } else if (kind === 'boolean') {
      out[key] = value === undefined ? true : value === 'true';
    } else {
      if (value === undefined) throw new Error(`--${m[1]} needs a value.`);
      out[key] = value;
    }
  }
  return out as T;
}
