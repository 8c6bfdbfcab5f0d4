import type { ClockPort, CryptoPort } from '../ports';
import { base64ToBytes } from '../util/hex';

/**
 * Azure Storage's Shared Key authorization for the Blob service ("Authorize with Shared Key",
 * version 2015-02-21 and later): an HMAC-SHA256 under the account key of the verb, the standard
 * headers, the x-ms-* headers and the resource. The key signs and is never sent.
 */

export interface SharedKey {
  account: string;
  /** The account key, base64 as the portal shows it. */
  key: string;
}

export function sharedKeyHeaders(
  ports: { crypto: CryptoPort; clock: ClockPort },
  cred: SharedKey,
  req: { method: string; url: string; headers: Record<string, string>; contentLength: number; contentType?: string; contentMd5?: string },
): Record<string, string> {
  const headers: Record<string, string> = { ...req.headers, 'x-ms-date': new Date(ports.clock.now()).toUTCString() };
  const ms = Object.keys(headers)
    .map((k) => k.toLowerCase())
    .filter((k) => k.startsWith('x-ms-'))
    .sort();
  const value = (name: string) => headers[Object.keys(headers).find((k) => k.toLowerCase() === name)!].trim();
  const toSign = [
    req.method.toUpperCase(),
    '', // Content-Encoding
    '', // Content-Language
    req.contentLength > 0 ? String(req.contentLength) : '',
    req.contentMd5 ?? '',
    req.contentType ?? '',
    '', // Date (x-ms-date is signed instead)
    '', // If-Modified-Since
    '', // If-Match
    '', // If-None-Match
    '', // If-Unmodified-Since
    '', // Range
    ...ms.map((k) => `${k}:${value(k)}`),
    canonicalResource(cred.account, req.url),
  ].join('\n');
  const signature = ports.crypto.base64Bytes(ports.crypto.hmacSha256(base64ToBytes(cred.key), toSign));
  return { ...headers, Authorization: `SharedKey ${cred.account}:${signature}` };
}

/** "/account/container/blob" as the URL path has it (encoded), then each query parameter, by name. */
function canonicalResource(account: string, url: string): string {
  const m = /^https?:\/\/[^/?#]+([^?#]*)(?:\?([^#]*))?/.exec(url);
  const path = m?.[1] || '/';
  const params = new Map<string, string[]>();
  for (const pair of (m?.[2] ?? '').split('&').filter(Boolean)) {
    const [k, v = ''] = pair.split('=');
    const name = decodeURIComponent(k).toLowerCase();
    params.set(name, [...(params.get(name) ?? []), decodeURIComponent(v)]);
  }
  const query = [...params.keys()].sort().map((k) => `\n${k}:${params.get(k)!.sort().join(',')}`);
  return `/${account}${path}${query.join('')}`;
}
