/**
 * `npm start -- --s3 … --azure …`: the Pipeline job also copies its tab to S3 and Azure. `local`
 * starts the emulators (s3rver behind a Signature V4 check, Azurite) on loopback; a bucket
 * (`name@region`, with AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY) or a container address (with
 * AZURE_SAS) goes to the real service. Either way the add-on runs the same code.
 */
import type { AppsScriptHost } from '../host/host';
import type { ExportConfig } from '../shared/rpc';
import { startAzurite, type Azurite } from '../emulators/azurite';
import { S3_ACCESS_KEY, S3_SECRET, startS3, type S3Stand } from '../emulators/s3';

export interface CloudCopies {
  loopback: Array<{ prefix: string; port: number }>;
  exports: ExportConfig[];
  /** Saves each destination's secret as the user would in the sidebar. */
  saveSecrets(host: AppsScriptHost): void;
  /** What the emulators hold, one line per object (nothing for real services). */
  report(): Promise<string[]>;
  stop(): Promise<void>;
}

const LOCAL_BUCKET = 'lever-exports';
const LOCAL_REGION = 'us-east-1';

/** What the destinations add up to while they are set up. */
interface Building {
  loopback: CloudCopies['loopback'];
  exports: ExportConfig[];
  secrets: object[];
  reports: Array<() => Promise<string[]>>;
  stops: Array<() => Promise<void>>;
}

export async function startCloudCopies(opts: { s3: string; azure: string }, usage: string): Promise<CloudCopies> {
  const b: Building = { loopback: [], exports: [], secrets: [], reports: [], stops: [] };
  if (opts.s3) await addS3(b, opts.s3, usage);
  if (opts.azure) await addAzure(b, opts.azure, usage);
  return {
    loopback: b.loopback,
    exports: b.exports,
    saveSecrets: (host) => b.secrets.forEach((s) => host.call('saveDestinationSecret', s)),
    report: async () => (await Promise.all(b.reports.map((r) => r()))).flat(),
    stop: async () => void (await Promise.all(b.stops.map((s) => s()))),
  };
}

async function addS3(out: Building, arg: string, usage: string): Promise<void> {
  if (arg === 'local') {
    const s3: S3Stand = await startS3({ [LOCAL_BUCKET]: LOCAL_REGION });
    const where = { to: 's3' as const, bucket: LOCAL_BUCKET, region: LOCAL_REGION };
    out.loopback.push({ prefix: `https://${LOCAL_BUCKET}.s3.${LOCAL_REGION}.amazonaws.com/`, port: s3.port });
    out.exports.push({ ...where, prefix: 'lever/', format: 'csv.gz', keep: 'latest', encryption: 'AES256' });
    out.secrets.push({ ...where, accessKeyId: S3_ACCESS_KEY, secretAccessKey: S3_SECRET });
    out.reports.push(async () => {
      const lines: string[] = [];
      for (const key of await s3.keys(LOCAL_BUCKET))
        lines.push(`s3://${LOCAL_BUCKET}/${key} (${(await s3.object(LOCAL_BUCKET, key))!.length} bytes)`);
      return lines;
    });
    out.stops.push(() => s3.stop());
    return;
  }
  const m = /^([a-z0-9-]+)@([a-z0-9-]+)$/.exec(arg);
  const { AWS_ACCESS_KEY_ID: id, AWS_SECRET_ACCESS_KEY: secret } = process.env;
  if (!m || !id || !secret)
    throw new Error(`--s3 takes local, or <bucket>@<region> with AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY set.\n${usage}`);
  const where = { to: 's3' as const, bucket: m[1], region: m[2] };
  out.exports.push({ ...where, prefix: 'lever/', format: 'csv.gz', keep: 'latest' });
  out.secrets.push({ ...where, accessKeyId: id, secretAccessKey: secret });
}

async function addAzure(out: Building, arg: string, usage: string): Promise<void> {
  if (arg === 'local') {
    const azurite: Azurite = await startAzurite();
    const container = azurite.service.getContainerClient(LOCAL_BUCKET);
    await container.create();
    const containerUrl = `${azurite.accountUrl}/${LOCAL_BUCKET}`;
    out.loopback.push({ prefix: `${azurite.accountUrl}/`, port: azurite.port });
    out.exports.push({ to: 'azure', containerUrl, prefix: 'lever/', format: 'csv', keep: 'latest' });
    out.secrets.push({ to: 'azure', containerUrl, sas: azurite.sas(LOCAL_BUCKET, 'rwdl') });
    out.reports.push(async () => {
      const lines: string[] = [];
      for await (const b of container.listBlobsFlat()) lines.push(`${containerUrl}/${b.name} (${b.properties.contentLength} bytes)`);
      return lines;
    });
    out.stops.push(() => azurite.stop());
    return;
  }
  const sas = process.env.AZURE_SAS;
  if (!/^https:\/\//.test(arg) || !sas) throw new Error(`--azure takes local, or a container address with AZURE_SAS set.\n${usage}`);
  out.exports.push({ to: 'azure', containerUrl: arg, prefix: 'lever/', format: 'csv', keep: 'latest' });
  out.secrets.push({ to: 'azure', containerUrl: arg, sas });
}
