import { ConfigError } from '../errors';

/** Small checks shared by the job's validation and each export destination's: each names its field. */

/** A name as an error message repeats it, cut short. */
export function clip(text: string, max = 40): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/** A value as an error message quotes it: short, whatever was sent (a 1 MB string is not echoed back). */
export function shown(value: unknown, max = 60): string {
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > max ? `${text.slice(0, max)}… (${text.length} characters)` : text;
}

export function plainObject(value: unknown, field: string): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new ConfigError(field, 'must be an object.');
  }
  return value as Record<string, unknown>;
}

export function rejectUnknownKeys(obj: Record<string, unknown>, allowed: string[], field: string): void {
  for (const k of Object.keys(obj)) {
    if (!allowed.includes(k)) {
      throw new ConfigError(field ? `${field}.${clip(k)}` : clip(k), `is not a setting. Allowed: ${allowed.join(', ')}.`);
    }
  }
}

export function oneOf<T extends string>(value: unknown, allowed: readonly T[], field: string): T {
  if (typeof value !== 'string' || !allowed.includes(value as T)) {
    throw new ConfigError(field, `must be one of ${allowed.join(', ')} (got ${shown(value)}).`);
  }
  return value as T;
}

export function integerIn(value: unknown, min: number, max: number, field: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(field, `must be a whole number from ${min} to ${max} (got ${shown(value)}).`);
  }
  return value;
}

/** Sheet names Google refuses: too long, or holding characters that break A1 references. */
const BAD_SHEET_NAME = /[[\]*?:\\/]/;

/** A tab name Google takes and the add-on does not keep for itself. */
export function validateSheetName(value: unknown, field = 'sheetName'): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new ConfigError(field, 'is missing: name the tab the rows go to, e.g. "Opportunities".');
  }
  if (value.length > 100 || BAD_SHEET_NAME.test(value)) {
    throw new ConfigError(field, 'must be at most 100 characters without [ ] * ? : \\ /.');
  }
  const name = value.trim();
  // Sheets compares tab names without regard to case: "sync log" would be the run log's tab.
  if (name.toLowerCase() === 'sync log') throw new ConfigError(field, '"Sync log" is kept for the run log; pick another name.');
  if (/^~(staging |lever-sync)/i.test(name))
    throw new ConfigError(
      field,
      'names starting with "~staging " or "~lever-sync" are kept for the add-on\'s own tabs; pick another name.',
    );
  return name;
}
