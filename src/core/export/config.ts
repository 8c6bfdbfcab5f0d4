import { ConfigError } from '../errors';
import { integerIn, oneOf, plainObject, rejectUnknownKeys } from '../jobs/checks';
import type { ExportConfig, ExportTarget } from '../jobs/types';
import { S3_REGIONS } from '../../shared/job';
import { validatePathTemplate } from './path-template';
import { utf8Length } from '../util/utf8';

/**
 * Export settings. Each destination lists the settings of its own (none for Drive); the format,
 * what to keep and for how long are common to all. Adding a destination: its adapter (a
 * Destination), its entry here, its form in the sidebar, its stand-in (docs/ARCHITECTURE.md, "Exports").
 */
const DESTINATIONS: Record<ExportTarget, { extra: string[] }> = {
  drive: { extra: ['folder'] },
  azure: { extra: ['containerUrl', 'prefix', 'path'] },
  s3: { extra: ['bucket', 'region', 'endpoint', 'prefix', 'encryption', 'path'] },
};

/** An Azure container's address: account 3–24 lowercase letters and digits, container 3–63. */
const AZURE_CONTAINER = /^https:\/\/[a-z0-9]{3,24}\.blob\.core\.windows\.net\/[a-z0-9](?:[a-z0-9]|-(?=[a-z0-9])){2,62}$/;
/** An S3 bucket name as virtual-hosted HTTPS addresses take it (S3 bucket naming rules, no dots). */
const S3_BUCKET = /^(?!xn--)[a-z0-9](?:[a-z0-9]|-(?=[a-z0-9])){2,62}$/;
const S3_ENDPOINT = /^https:\/\/[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?(?::\d{1,5})?\/?$/;

/** A folder inside a container or bucket: path segments, ending with a slash. */
const FOLDER = /^(?:[A-Za-z0-9._=-]+\/)+$/;

function destinationSettings(to: ExportTarget, obj: Record<string, unknown>, field: string): Partial<ExportConfig> {
  if (to === 'drive') return obj.folder === undefined || obj.folder === '' ? {} : { folder: driveFolder(obj.folder, `${field}.folder`) };
  const out = to === 'azure' ? azureSettings(obj, field) : s3Settings(obj, field);
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

/**
 * A Drive folder's name: the add-on makes it inside its own folder and finds it again by a marker
 * property (Drive keeps 124 bytes per property, key included: the name gets 100).
 */
function driveFolder(value: unknown, field: string): string {
  const name = typeof value === 'string' ? value.trim() : '';
  const control = [...name].some((ch) => ch.charCodeAt(0) < 32 || ch.charCodeAt(0) === 127);
  if (!name || control || utf8Length(name) > 100)
    throw new ConfigError(
      field,
      'must be a folder name of 1 to 100 characters, e.g. Resumes for screeners. The add-on makes that folder in its own and you can move it anywhere in your Drive.',
    );
  return name;
}

function azureSettings(obj: Record<string, unknown>, field: string): Partial<ExportConfig> {
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
  return { containerUrl: url.replace(/\/$/, '') };
}

/**
 * An S3 bucket: a DNS-safe name without dots (a dotted name breaks the TLS certificate of
 * virtual-hosted addresses), one of the regions the manifest allows, or an S3-compatible
 * service's own https address (which a self-deployed copy adds to its manifest).
 */
function s3Settings(obj: Record<string, unknown>, field: string): Partial<ExportConfig> {
  const bucket = obj.bucket;
  if (typeof bucket !== 'string' || !S3_BUCKET.test(bucket))
    throw new ConfigError(
      `${field}.bucket`,
      typeof bucket === 'string' && bucket.includes('.')
        ? 'must be a bucket name without dots (dotted names cannot be reached over HTTPS by their own address): use another bucket.'
        : 'must be a bucket name: 3 to 63 lowercase letters, digits and dashes, e.g. acme-lever-exports.',
    );
  const out: Partial<ExportConfig> = { bucket };
  if (obj.endpoint !== undefined) {
    if (typeof obj.endpoint !== 'string' || !S3_ENDPOINT.test(obj.endpoint))
      throw new ConfigError(
        `${field}.endpoint`,
        'must be the https address of an S3-compatible service, e.g. https://storage.example.com.',
      );
    out.endpoint = obj.endpoint.replace(/\/$/, '');
    out.region = obj.region === undefined ? 'us-east-1' : oneOfRegion(obj.region, field, true);
  } else out.region = oneOfRegion(obj.region, field, false);
  if (obj.encryption !== undefined) out.encryption = oneOf(obj.encryption, ['AES256', 'aws:kms'] as const, `${field}.encryption`);
  return out;
}

function oneOfRegion(value: unknown, field: string, anyName: boolean): string {
  if (typeof value === 'string' && (anyName ? /^[a-z0-9-]{2,32}$/.test(value) : S3_REGIONS.includes(value))) return value;
  throw new ConfigError(
    `${field}.region`,
    value === undefined
      ? "is missing: give the bucket's region, e.g. eu-west-1."
      : `must be one of the AWS regions, e.g. us-east-1 or eu-west-1 (got ${JSON.stringify(value)}).`,
  );
}

const COMMON = ['to', 'format', 'keep', 'retentionDays', 'layout'];
const MAX_EXPORTS = 5;

export function validateExport(value: unknown, field: string): ExportConfig {
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
  if (obj.path !== undefined) {
    out.path = validatePathTemplate(obj.path, `${field}.path`);
    if (obj.keep === 'history')
      throw new ConfigError(`${field}.keep`, 'the path decides what is kept: {run} or {time} in it make a file per run; leave keep out.');
    if (obj.layout === 'warehouse')
      throw new ConfigError(`${field}.path`, 'the warehouse layout makes its own paths: give one or the other.');
  }
  if (obj.layout !== undefined && obj.layout !== 'files')
    warehouse(out, oneOf(obj.layout, ['files', 'warehouse'] as const, `${field}.layout`), obj, field);
  return out;
}

/** The warehouse layout: object stores only, CSV only, one file per day (its partition). */
function warehouse(out: ExportConfig, layout: 'files' | 'warehouse', obj: Record<string, unknown>, field: string): void {
  if (layout !== 'warehouse') return;
  if (out.to === 'drive')
    throw new ConfigError(
      `${field}.layout`,
      'the warehouse layout needs folders: use an S3 or Azure copy (Drive copies are single files).',
    );
  if (out.format === 'xlsx') throw new ConfigError(`${field}.format`, 'a warehouse reads csv or csv.gz, not xlsx.');
  if (obj.keep !== undefined && obj.keep !== 'latest')
    throw new ConfigError(
      `${field}.keep`,
      'the warehouse layout keeps one file per day (its date partition): leave keep out and set retentionDays.',
    );
  out.layout = 'warehouse';
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
    return mirror === undefined || mirror === null ? [] : [validateExport({ ...plainObject(mirror, 'mirror'), to: 'drive' }, 'mirror')];
  if (!Array.isArray(exportsValue)) throw new ConfigError('exports', 'must be a list of exports (it may be empty).');
  if (exportsValue.length > MAX_EXPORTS) throw new ConfigError('exports', `can hold at most ${MAX_EXPORTS} exports.`);
  const out = exportsValue.map((e, i) => validateExport(e, `exports[${i}]`));
  const keys = out.map(
    (e) =>
      `${e.to}|${e.folder ?? ''}|${e.containerUrl ?? ''}|${e.endpoint ?? ''}|${e.bucket ?? ''}|${e.prefix ?? ''}|${e.format}|${e.keep}|${e.layout ?? ''}|${e.path ?? ''}`,
  );
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
