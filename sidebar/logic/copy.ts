import type { ExportConfig, Job } from '../../src/shared/rpc';
import type { Draft } from './editor';

/** The export the form edits: its format and keep, and where (Azure: the container and folder; S3: the bucket and folder). */
export function firstExport(d: Draft, base?: Job): ExportConfig {
  const {
    containerUrl: _c,
    prefix: _p,
    bucket: _b,
    region: _r,
    endpoint: _e,
    encryption: _s,
    layout: _l,
    path: _t,
    folder: _f,
    ...rest
  } = base?.exports[0] ?? ({} as Partial<ExportConfig>);
  const common = { ...rest, format: d.mirror as ExportConfig['format'], keep: d.mirrorKeep };
  // The warehouse layout keeps a file per day of its own: keep does not apply.
  const folder = {
    ...(d.prefix ? { prefix: d.prefix } : {}),
    ...(d.warehouse ? { layout: 'warehouse' as const, keep: 'latest' as const } : d.path ? { path: d.path } : {}),
  };
  if (d.copyTo === 'azure') return { ...common, to: 'azure', containerUrl: d.containerUrl, ...folder };
  if (d.copyTo !== 's3') return { ...common, to: 'drive', ...(d.driveFolder.trim() ? { folder: d.driveFolder.trim() } : {}) };
  return {
    ...common,
    to: 's3',
    bucket: d.bucket,
    ...(d.region ? { region: d.region } : {}),
    ...(d.endpoint ? { endpoint: d.endpoint } : {}),
    ...(d.encryption ? { encryption: d.encryption } : {}),
    ...folder,
  };
}
