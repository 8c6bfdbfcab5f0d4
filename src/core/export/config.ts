import { ConfigError } from '../errors';
import { integerIn, oneOf, plainObject, rejectUnknownKeys } from '../jobs/checks';
import type { ExportConfig, ExportTarget } from '../jobs/types';

/**
 * Export settings. Each destination lists the settings of its own (none for Drive); the format,
 * what to keep and for how long are common to all. Adding a destination: its adapter in src/gas
 * (a Destination), its entry here, its form in the sidebar (docs/ARCHITECTURE.md, "Exports").
 */
const DESTINATIONS: Record<ExportTarget, { extra: string[] }> = {
  drive: { extra: [] },
  azure: { extra: ['containerUrl', 'prefix'] },
};

/** An Azure container's address: account 3–24 lowercase letters and digits, container 3–63. */
const AZURE_CONTAINER = /^https:\/\/[a-z0-9]{3,24}\.blob\.core\.windows\.net\/[a-z0-9](?:[a-z0-9]|-(?=[a-z0-9])){2,62}$/;
/** A folder inside a container or bucket: path segments, ending with a slash. */
const FOLDER = /^(?:[A-Za-z0-9._=-]+\/)+$/;

function destinationSettings(to: ExportTarget, obj: Record<string, unknown>, field: string): Partial<ExportConfig> {
  if (to !== 'azure') return {};
  const url = obj.containerUrl;
  if (typeof url !== 'string' || url.includes('?'))
    throw new ConfigError(
      `${field}.containerUrl`,
      typeof url === 'string'
        ? 'give the container address without its SAS token (the part after ?): the token is saved apart, as a secret.'
        : 'is missing: give the container address, e.g. https://myaccount.blob.core.windows.net/lever-exports.',
    );
  if (!AZURE_CONTAINER.test(url.replace(/\/$/, '')))
    throw new ConfigError(
      `${field}.containerUrl`,
      'must look like https://<account>.blob.core.windows.net/<container> (lowercase letters, digits and dashes).',
    );
  const out: Partial<ExportConfig> = { containerUrl: url.replace(/\/$/, '') };
  if (obj.prefix !== undefined && obj.prefix !== '') {
    if (typeof obj.prefix !== 'string' || !FOLDER.test(obj.prefix))
      throw new ConfigError(
        `${field}.prefix`,
        'must be a folder such as lever/ or exports/daily/ (letters, digits, . _ = -, ending with /).',
      );
    out.prefix = obj.prefix;
  }
  return out;
}

const COMMON = ['to', 'format', 'keep', 'retentionDays'];
const MAX_EXPORTS = 5;

function validateOne(value: unknown, field: string): ExportConfig {
  const obj = plainObject(value, field);
  const to = oneOf(obj.to ?? 'drive', Object.keys(DESTINATIONS) as ExportTarget[], `${field}.to`);
  rejectUnknownKeys(obj, [...COMMON, ...DESTINATIONS[to].extra], field);
  const out: ExportConfig = {
    to,
    format: oneOf(obj.format ?? 'csv', ['csv', 'csv.gz', 'xlsx'] as const, `${field}.format`),
    keep: oneOf(obj.keep ?? 'latest', ['latest', 'history'] as const, `${field}.keep`),
    ...destinationSettings(to, obj, field),
  };
  if (obj.retentionDays !== undefined) out.retentionDays = integerIn(obj.retentionDays, 1, 3650, `${field}.retentionDays`);
  return out;
}

/**
 * A job's exports, from `exports` or, as earlier versions sent it, a single Drive `mirror`
 * (null: none). Two exports that would write the same file are refused.
 */
export function validateExports(exportsValue: unknown, mirror: unknown): ExportConfig[] {
  if (exportsValue !== undefined && mirror !== undefined && mirror !== null) {
    throw new ConfigError('exports', 'give either exports or the older mirror setting, not both.');
  }
  if (exportsValue === undefined)
    return mirror === undefined || mirror === null ? [] : [validateOne({ ...plainObject(mirror, 'mirror'), to: 'drive' }, 'mirror')];
  if (!Array.isArray(exportsValue)) throw new ConfigError('exports', 'must be a list of exports (it may be empty).');
  if (exportsValue.length > MAX_EXPORTS) throw new ConfigError('exports', `can hold at most ${MAX_EXPORTS} exports.`);
  const out = exportsValue.map((e, i) => validateOne(e, `exports[${i}]`));
  const keys = out.map((e) => `${e.to}|${e.containerUrl ?? ''}|${e.prefix ?? ''}|${e.format}|${e.keep}`);
  const dup = keys.findIndex((k, i) => keys.indexOf(k) !== i);
  if (dup >= 0) throw new ConfigError(`exports[${dup}]`, 'writes the same file as an earlier export; change its format or what it keeps.');
  return out;
}

/** A stored job from an earlier version (`mirror`) read as today's (`exports`). */
export function migrateStoredExports(raw: Record<string, unknown>): void {
  if (!('exports' in raw)) {
    const mirror = raw.mirror as Record<string, unknown> | null | undefined;
    raw.exports = mirror ? [{ to: 'drive', ...mirror }] : [];
  }
  delete raw.mirror;
}
