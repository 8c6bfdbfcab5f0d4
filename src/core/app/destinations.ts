import { azureDestination, type AzureAuth } from '../export/azure';
import { validateExports } from '../export/config';
import { s3Address, s3Destination } from '../export/s3';
import type { AwsCredentials } from '../export/sigv4';
import { ConfigError } from '../errors';
import { plainObject, rejectUnknownKeys } from '../jobs/checks';
import type { ExportConfig } from '../jobs/types';
import type { Destination } from '../ports';
import { USER_KEYS } from '../store/schema';
import type { DestinationSecretInput, DestinationSecretSaved, DestinationTest } from '../../shared/rpc';
import type { Platform, UserPlatform } from './platform';
import { meteredFetch } from './connection';

/**
 * Where an export goes: the add-on's Drive folder, an Azure container through a SAS token, or an
 * S3 bucket through an access key. Secrets are those the user running the sync saved (in their
 * user properties, like the Lever key), kept under the destination's address.
 */
export function destinationFor(p: Platform, exp: ExportConfig): Destination {
  if (exp.to === 'drive') return p.destination('drive', exp.folder);
  const address = destinationAddress(exp);
  const secret = p.userStore.get(USER_KEYS.destinationSecret(address));
  if (!secret)
    throw new ConfigError(
      'exports',
      `no ${exp.to === 'azure' ? 'SAS token' : 'access key'} is saved for ${address} by the person whose runs write this copy: save one (the sidebar's ${exp.to === 'azure' ? 'Azure' : 'S3'} copy, or saveDestinationSecret) and run again.`,
    );
  if (exp.to === 'azure')
    return azureDestination(meteredFetch(p), { containerUrl: address, prefix: exp.prefix ?? '' }, azureAuth(p, address, secret));
  const target = { bucket: exp.bucket!, region: exp.region!, endpoint: exp.endpoint, prefix: exp.prefix ?? '', encryption: exp.encryption };
  return s3Destination({ http: meteredFetch(p), crypto: p.crypto, clock: p.clock }, target, JSON.parse(secret) as AwsCredentials);
}

/** A saved Azure secret: a SAS token as it is, or {"accountKey"} for Shared Key. */
function azureAuth(p: Platform, containerUrl: string, secret: string): AzureAuth {
  if (!secret.startsWith('{')) return { sas: secret };
  const account = /^https:\/\/([a-z0-9]+)\./.exec(containerUrl)?.[1] ?? '';
  return { sharedKey: { account, key: (JSON.parse(secret) as { accountKey: string }).accountKey }, crypto: p.crypto, clock: p.clock };
}

/** The address a destination's secret is kept under: the container's, or the bucket's. */
export function destinationAddress(exp: ExportConfig): string {
  if (exp.to === 'azure') return exp.containerUrl ?? '';
  return s3Address({ bucket: exp.bucket ?? '', region: exp.region ?? '', endpoint: exp.endpoint });
}

/** Keeps a destination's secret in this user's properties; it is never sent back. */
export function saveDestinationSecret(p: UserPlatform, input: DestinationSecretInput): DestinationSecretSaved {
  const obj = plainObject(input, 'destination');
  if (obj.to === 'azure') {
    rejectUnknownKeys(obj, ['to', 'containerUrl', 'sas', 'accountKey'], '');
    const [exp] = validateExports([{ to: 'azure', containerUrl: obj.containerUrl }], undefined);
    if (obj.accountKey !== undefined) return keep(p, exp, JSON.stringify({ accountKey: accountKey(obj.accountKey, obj.sas) }));
    const sas = typeof obj.sas === 'string' ? obj.sas.trim().replace(/^\?/, '') : '';
    // A container SAS: its version, its signature, and no address of its own.
    if (!/(^|&)sv=/.test(sas) || !/(^|&)sig=/.test(sas) || /[\s#]|^https?:/i.test(sas))
      throw new ConfigError(
        'sas',
        'is not a SAS token: paste the part after "?" of a container SAS URL (it holds sv=… and sig=…), made with Read, Write, Delete and List permissions.',
      );
    return keep(p, exp, sas);
  }
  if (obj.to === 's3') {
    rejectUnknownKeys(obj, ['to', 'bucket', 'region', 'endpoint', 'accessKeyId', 'secretAccessKey'], '');
    const { accessKeyId, secretAccessKey, ...where } = obj;
    const [exp] = validateExports([where], undefined);
    const id = typeof accessKeyId === 'string' ? accessKeyId.trim() : '';
    const secret = typeof secretAccessKey === 'string' ? secretAccessKey.trim() : '';
    if (!/^[A-Za-z0-9]{8,128}$/.test(id))
      throw new ConfigError('accessKeyId', 'is not an access key ID: it is letters and digits, e.g. AKIAIOSFODNN7EXAMPLE.');
    if (secret.length < 8 || /\s/.test(secret))
      throw new ConfigError('secretAccessKey', 'is not a secret access key: paste the secret shown once when the key was made.');
    return keep(p, exp, JSON.stringify({ accessKeyId: id, secretAccessKey: secret } satisfies AwsCredentials));
  }
  throw new ConfigError('to', 'only Azure containers and S3 buckets take a saved secret: give "azure" or "s3".');
}

/** A storage account key: 64 bytes, base64 (88 characters) as the portal shows it. */
function accountKey(value: unknown, sas: unknown): string {
  if (sas !== undefined) throw new ConfigError('accountKey', 'give either a SAS token or the account key, not both.');
  const key = typeof value === 'string' ? value.trim() : '';
  if (!/^[A-Za-z0-9+/]{86}==$/.test(key))
    throw new ConfigError(
      'accountKey',
      'is not a storage account key: paste key1 or key2 from the account’s Access keys (88 characters ending in ==).',
    );
  return key;
}

function keep(p: UserPlatform, exp: ExportConfig, secret: string): DestinationSecretSaved {
  const address = destinationAddress(exp);
  p.userStore.set(USER_KEYS.destinationSecret(address), secret);
  return { address, saved: true };
}

/**
 * Writes a small probe to the destination, finds it listed with the size and MD5 that were sent,
 * and removes it: what a run's copy will need, tried in a few seconds.
 */
export function testDestination(p: Platform, input: unknown): DestinationTest {
  const [exp] = validateExports([input], undefined);
  const destination = destinationFor(p, exp);
  const name = `lever-sync-probe-${p.newId()}.txt`;
  const text = `Lever Sync checked this destination at ${new Date(p.clock.now()).toISOString()}.\n`;
  const stored = destination.write(name, text, 'text/plain');
  const listed = destination.list('lever-sync-probe-').find((f) => f.id === stored.id);
  destination.remove(stored.id);
  if (!listed) return { ok: false, message: 'The probe was written but is not listed: the key may lack the permission to list.' };
  return { ok: true, message: `Wrote, listed and removed ${name}: copies can go here.` };
}
