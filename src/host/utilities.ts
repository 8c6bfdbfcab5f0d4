import { createHash, createHmac, randomUUID } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import { EmuBlob } from './blob';
import { unzipFiles, zipFiles } from './zip';
import type { VirtualClock } from './clock';

const toSigned = (buf: Uint8Array) => Array.from(buf, (b) => (b > 127 ? b - 256 : b));
const toBuffer = (value: unknown): Buffer =>
  typeof value === 'string' ? Buffer.from(value, 'utf8') : Buffer.from(Uint8Array.from(value as number[], (b) => (b + 256) % 256));

/** Wall-clock parts of an instant in an IANA zone, through Intl. */
export function zonedParts(ms: number, timeZone: string) {
  const f = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    weekday: 'short',
  });
  const p = Object.fromEntries(f.formatToParts(new Date(ms)).map((x) => [x.type, x.value]));
  const weekday = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].indexOf(p.weekday);
  const parts = { year: +p.year, month: +p.month, day: +p.day, hour: +p.hour, minute: +p.minute, second: +p.second, weekday };
  const offsetMin = Math.round(
    (Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second) - Math.floor(ms / 1000) * 1000) / 60000,
  );
  return { ...parts, offsetMin };
}

/** Utilities.formatDate with the SimpleDateFormat letters the add-on and tests use. */
export function formatDate(date: Date, timeZone: string, pattern: string): string {
  const ms = date.getTime();
  const p = zonedParts(ms, timeZone);
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  const off = (colon: boolean) => {
    if (p.offsetMin === 0 && colon) return 'Z';
    const s = p.offsetMin < 0 ? '-' : '+';
    const a = Math.abs(p.offsetMin);
    return `${s}${pad(Math.floor(a / 60))}${colon ? ':' : ''}${pad(a % 60)}`;
  };
  const tokens: Record<string, () => string> = {
    yyyy: () => String(p.year),
    yy: () => pad(p.year % 100),
    MM: () => pad(p.month),
    dd: () => pad(p.day),
    HH: () => pad(p.hour),
    mm: () => pad(p.minute),
    ss: () => pad(p.second),
    SSS: () => pad(ms % 1000, 3),
    u: () => String(p.weekday === 0 ? 7 : p.weekday),
    EEE: () => ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'][p.weekday],
    XXX: () => off(true),
    Z: () => off(false),
  };
  let out = '';
  for (let i = 0; i < pattern.length;) {
    if (pattern[i] === "'") {
      const end = pattern.indexOf("'", i + 1);
      out += pattern.slice(i + 1, end < 0 ? undefined : end);
      i = end < 0 ? pattern.length : end + 1;
      continue;
    }
    const tok = Object.keys(tokens).find((t) => pattern.startsWith(t, i));
    if (tok) {
      out += tokens[tok]();
      i += tok.length;
    } else {
      out += pattern[i++];
    }
  }
  return out;
}

// eslint-disable-next-line max-lines-per-function -- a service surface: one entry per Utilities method
export function makeUtilities(clock: VirtualClock) {
  return {
    DigestAlgorithm: { SHA_256: 'sha256', SHA_1: 'sha1', MD5: 'md5', SHA_512: 'sha512' },
    MacAlgorithm: { HMAC_SHA_256: 'sha256', HMAC_SHA_512: 'sha512' },
    Charset: { UTF_8: 'utf8', US_ASCII: 'ascii' },
    sleep(ms: number) {
      if (ms > 300_000) throw new Error('Utilities.sleep: the maximum is 300000 milliseconds.');
      clock.spend(ms);
    },
    getUuid: () => randomUUID(),
    newBlob: (data: unknown, contentType?: string, name?: string) => EmuBlob.from(data, contentType, name),
    gzip(blob: EmuBlob, name?: string) {
      clock.spend(5);
      return new EmuBlob(new Uint8Array(gzipSync(blob.raw())), 'application/x-gzip', name ?? `${blob.getName() ?? 'archive'}.gz`);
    },
    zip(blobs: EmuBlob[], name?: string) {
      clock.spend(10);
      return new EmuBlob(
        zipFiles(blobs.map((b) => ({ name: b.getName() ?? 'file', data: b.raw() }))),
        'application/zip',
        name ?? 'archive.zip',
      );
    },
    unzip(blob: EmuBlob) {
      clock.spend(20);
      return unzipFiles(blob.raw()).map((f) => new EmuBlob(f.data, null, f.name));
    },
    ungzip(blob: EmuBlob) {
      return new EmuBlob(new Uint8Array(gunzipSync(blob.raw())));
    },
    computeDigest(alg: string, value: unknown) {
      return toSigned(createHash(alg).update(toBuffer(value)).digest());
    },
    computeHmacSignature(alg: string, value: unknown, key: unknown) {
      return toSigned(createHmac(alg, toBuffer(key)).update(toBuffer(value)).digest());
    },
    computeHmacSha256Signature(value: unknown, key: unknown) {
      return toSigned(createHmac('sha256', toBuffer(key)).update(toBuffer(value)).digest());
    },
    base64Encode(value: unknown) {
      return toBuffer(value).toString('base64');
    },
    base64Decode(value: string) {
      return toSigned(Buffer.from(value, 'base64'));
    },
    formatDate,
    parseCsv(csv: string) {
      // Only what tests need; the add-on never parses CSV.
      return csv
        .trim()
        .split(/\r?\n/)
        .map((l) => l.split(','));
    },
  };
}
