import { ConfigError } from '../errors';

/** Small checks shared by the job's validation and each export destination's: each names its field. */

export function plainObject(value: unknown, field: string): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new ConfigError(field, 'must be an object.');
  }
  return value as Record<string, unknown>;
}

export function rejectUnknownKeys(obj: Record<string, unknown>, allowed: string[], field: string): void {
  for (const k of Object.keys(obj)) {
    if (!allowed.includes(k)) {
      throw new ConfigError(field ? `${field}.${k}` : k, `is not a setting. Allowed: ${allowed.join(', ')}.`);
    }
  }
}

export function oneOf<T extends string>(value: unknown, allowed: readonly T[], field: string): T {
  if (typeof value !== 'string' || !allowed.includes(value as T)) {
    throw new ConfigError(field, `must be one of ${allowed.join(', ')} (got ${JSON.stringify(value)}).`);
  }
  return value as T;
}

export function integerIn(value: unknown, min: number, max: number, field: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(field, `must be a whole number from ${min} to ${max} (got ${JSON.stringify(value)}).`);
  }
  return value;
}
