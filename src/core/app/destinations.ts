import { azureDestination } from '../export/azure';
import { validateExports } from '../export/config';
import { ConfigError } from '../errors';
import { plainObject, rejectUnknownKeys } from '../jobs/checks';
import type { ExportConfig } from '../jobs/types';
import type { Destination } from '../ports';
import { USER_KEYS } from '../store/schema';
import type { DestinationSecretInput, DestinationTest } from '../../shared/rpc';
import type { Platform, UserPlatform } from './platform';
import { meteredFetch } from './connection';

/**
 * Where an export goes: the add-on's Drive folder, or an Azure container through the SAS token
 * the user running the sync saved (in their user properties, like the Lever key).
 */
export function destinationFor(p: Platform, exp: ExportConfig): Destination {
  if (exp.to !== 'azure') return p.destination('drive');
  const container = exp.containerUrl ?? '';
  const sas = p.userStore.get(USER_KEYS.destinationSecret(container));
  if (!sas)
    throw new ConfigError(
      'exports',
      `no SAS token is saved for ${container} by the person whose runs write this copy: save one (the sidebar's Azure copy, or saveDestinationSecret) and run again.`,
    );
  return azureDestination(meteredFetch(p), { containerUrl: container, prefix: exp.prefix ?? '' }, sas);
}

/** Keeps a destination's secret in this user's properties; it is never sent back. */
export function saveDestinationSecret(p: UserPlatform, input: DestinationSecretInput): { containerUrl: string; saved: true } {
  const obj = plainObject(input, 'destination');
  rejectUnknownKeys(obj, ['to', 'containerUrl', 'sas'], '');
  if (obj.to !== 'azure') throw new ConfigError('to', 'only Azure containers take a saved secret: give "azure".');
  const [exp] = validateExports([{ to: 'azure', containerUrl: obj.containerUrl }], undefined);
  const sas = typeof obj.sas === 'string' ? obj.sas.trim().replace(/^\?/, '') : '';
  // A container SAS: its version, its signature, and no address of its own.
  if (!/(^|&)sv=/.test(sas) || !/(^|&)sig=/.test(sas) || /[\s#]|^https?:/i.test(sas))
    throw new ConfigError(
      'sas',
      'is not a SAS token: paste the part after "?" of a container SAS URL (it holds sv=… and sig=…), made with Read, Write, Delete and List permissions.',
    );
  p.userStore.set(USER_KEYS.destinationSecret(exp.containerUrl!), sas);
  return { containerUrl: exp.containerUrl!, saved: true };
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
  if (!listed) return { ok: false, message: 'The probe was written but is not listed: the token may lack the List permission.' };
  return { ok: true, message: `Wrote, listed and removed ${name}: copies can go here.` };
}
