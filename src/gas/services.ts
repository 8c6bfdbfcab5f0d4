import type { TriggerPort } from '../core/app/platform';
import type { Zoner } from '../core/jobs/schedule';
import type { CachePort, ClockPort, CryptoPort, LockPort, MailPort, StorePort } from '../core/ports';

export const gasClock: ClockPort = {
  now: () => Date.now(),
  sleep: (ms) => Utilities.sleep(Math.max(0, Math.round(ms))),
};

export function propertiesStore(props: GoogleAppsScript.Properties.Properties): StorePort {
  return {
    get: (k) => props.getProperty(k),
    set: (k, v) => void props.setProperty(k, v),
    delete: (k) => void props.deleteProperty(k),
    keys: () => props.getKeys(),
  };
}

/** The user's cache: Lever reference tables belong to the user's Lever account, not to a document. */
export function userCache(): CachePort | null {
  const cache = CacheService.getUserCache();
  return cache ? { get: (k) => cache.get(k), put: (k, v, ttl) => cache.put(k, v, ttl) } : null;
}

/** The document lock, when the execution has a document (a time trigger may not). */
export function documentLock(): LockPort | null {
  const lock = LockService.getDocumentLock();
  return lock ? { tryLock: (ms) => lock.tryLock(ms), release: () => lock.releaseLock() } : null;
}

/**
 * The user's trigger of this script, whatever document it was made from: getProjectTriggers
 * lists "all installable triggers associated with the current project and current user".
 */
export const scriptTriggers: TriggerPort = {
  ensureHourly(handler) {
    if (this.count(handler) === 0) ScriptApp.newTrigger(handler).timeBased().everyHours(1).create();
  },
  remove(handler) {
    for (const t of ScriptApp.getProjectTriggers()) if (t.getHandlerFunction() === handler) ScriptApp.deleteTrigger(t);
  },
  count: (handler) => ScriptApp.getProjectTriggers().filter((t) => t.getHandlerFunction() === handler).length,
};

export const mailApp: MailPort = {
  send: (to, subject, body) => MailApp.sendEmail(to, subject, body),
  remainingQuota: () => MailApp.getRemainingDailyQuota(),
};

/** Apps Script's signed bytes as 0…255. */
function unsigned(bytes: GoogleAppsScript.Byte[]): Uint8Array {
  return Uint8Array.from(bytes, (b) => (b + 256) % 256);
}

/** Apps Script bytes are signed (−128…127). */
export function signedBytes(data: Uint8Array | string): GoogleAppsScript.Byte[] | string {
  return typeof data === 'string' ? data : Array.from(data, (b) => (b > 127 ? b - 256 : b));
}

export const gasCrypto: CryptoPort = {
  sha256Hex(data) {
    const alg = Utilities.DigestAlgorithm.SHA_256;
    const bytes =
      typeof data === 'string'
        ? Utilities.computeDigest(alg, data, Utilities.Charset.UTF_8)
        : Utilities.computeDigest(alg, signedBytes(data) as GoogleAppsScript.Byte[]);
    return bytes.map((b) => ((b + 256) % 256).toString(16).padStart(2, '0')).join('');
  },
  gzip(data, name) {
    const blob = Utilities.gzip(Utilities.newBlob(data, 'text/csv', name.replace(/\.gz$/, '')), name);
    return Uint8Array.from(blob.getBytes(), (b) => (b + 256) % 256);
  },
  base64: (data) => Utilities.base64Encode(data, Utilities.Charset.UTF_8),
  base64Bytes: (data) => Utilities.base64Encode(signedBytes(data) as GoogleAppsScript.Byte[]),
  digest(algorithm, data) {
    const alg = algorithm === 'md5' ? Utilities.DigestAlgorithm.MD5 : Utilities.DigestAlgorithm.SHA_256;
    const bytes =
      typeof data === 'string'
        ? Utilities.computeDigest(alg, data, Utilities.Charset.UTF_8)
        : Utilities.computeDigest(alg, signedBytes(data) as GoogleAppsScript.Byte[]);
    return unsigned(bytes);
  },
  hmacSha256(key, data) {
    const asBytes = (v: Uint8Array | string) =>
      typeof v === 'string' ? Utilities.newBlob(v).getBytes() : (signedBytes(v) as GoogleAppsScript.Byte[]);
    return unsigned(Utilities.computeHmacSignature(Utilities.MacAlgorithm.HMAC_SHA_256, asBytes(data), asBytes(key)));
  },
  zip(entries, zipName) {
    const blob = Utilities.zip(
      entries.map((e) => Utilities.newBlob(e.content, 'application/xml', e.name)),
      zipName,
    );
    return Uint8Array.from(blob.getBytes(), (b) => (b + 256) % 256);
  },
  unzipNames(zip) {
    return Utilities.unzip(Utilities.newBlob(signedBytes(zip) as GoogleAppsScript.Byte[], 'application/zip')).map((b) => b.getName() ?? '');
  },
  hmacSha256Hex(key, data) {
    const bytes = Utilities.computeHmacSha256Signature(data, key, Utilities.Charset.UTF_8);
    return bytes.map((b) => ((b + 256) % 256).toString(16).padStart(2, '0')).join('');
  },
};

/** Local wall-clock parts through Utilities.formatDate ('u' is ISO day of week, 7 = Sunday). */
export function gasZoner(timeZone: string): Zoner {
  return (ms) => {
    const [year, month, day, hour, minute, u] = Utilities.formatDate(new Date(ms), timeZone, 'yyyy-MM-dd-HH-mm-u').split('-').map(Number);
    return { year, month, day, hour, minute, weekday: u % 7 };
  };
}
