import type { CryptoPort } from '../ports';
import { hex } from '../util/hex';

/**
 * AWS Signature Version 4 for S3 requests, through the crypto port (Apps Script has no Web
 * Crypto). Only what the add-on sends is signed: the host, the payload's SHA-256, the date and
 * any x-amz-* headers; UrlFetchApp adds headers of its own (User-Agent), which stay unsigned.
 */

export interface AwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
}

export interface SignInput {
  method: string;
  /** The full URL, query included. */
  url: string;
  /** Headers to sign besides host, x-amz-date and x-amz-content-sha256 (x-amz-* and range). */
  headers: Record<string, string>;
  /** Hex SHA-256 of the body ('UNSIGNED-PAYLOAD' is not used: the body is always hashed). */
  payloadSha256: string;
  region: string;
  service: string;
  /** Request time, ms. */
  at: number;
}

/** The headers to send: the caller's, x-amz-date, x-amz-content-sha256 and Authorization. */
export function signV4(input: SignInput, creds: AwsCredentials, crypto: CryptoPort): Record<string, string> {
  const url = parseUrl(input.url);
  const stamp = amzDate(input.at);
  const day = stamp.slice(0, 8);
  const headers: Record<string, string> = {
    ...lowerKeys(input.headers),
    host: url.host,
    'x-amz-content-sha256': input.payloadSha256,
    'x-amz-date': stamp,
  };
  const names = Object.keys(headers).sort();
  const canonical = [
    input.method.toUpperCase(),
    // The path is sent encoded once already; S3 signs it as sent.
    url.path,
    canonicalQuery(url.query),
    ...names.map((n) => `${n}:${headers[n].trim().replace(/\s+/g, ' ')}`),
    '',
    names.join(';'),
    input.payloadSha256,
  ].join('\n');
  const scope = `${day}/${input.region}/${input.service}/aws4_request`;
  const toSign = ['AWS4-HMAC-SHA256', stamp, scope, crypto.sha256Hex(canonical)].join('\n');
  let key = crypto.hmacSha256(`AWS4${creds.secretAccessKey}`, day);
  for (const part of [input.region, input.service, 'aws4_request']) key = crypto.hmacSha256(key, part);
  const signature = hex(crypto.hmacSha256(key, toSign));
  const out: Record<string, string> = { ...headers };
  delete out.host; // UrlFetchApp sets it from the URL
  out.Authorization = `AWS4-HMAC-SHA256 Credential=${creds.accessKeyId}/${scope}, SignedHeaders=${names.join(';')}, Signature=${signature}`;
  return out;
}

/** 20130524T000000Z */
export function amzDate(ms: number): string {
  return new Date(ms)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

/** RFC 3986 encoding as AWS wants it: unreserved characters kept, the rest %XX (slashes too, unless in a path). */
export function awsEncode(s: string, keepSlash = false): string {
  return encodeURIComponent(s)
    .replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/%2F/g, keepSlash ? '/' : '%2F');
}

function parseUrl(url: string): { host: string; path: string; query: string } {
  const m = /^https?:\/\/([^/?#]+)([^?#]*)(?:\?([^#]*))?/.exec(url);
  if (!m) throw new Error(`not an absolute URL: ${url}`);
  return { host: m[1], path: m[2] || '/', query: m[3] ?? '' };
}

function canonicalQuery(query: string): string {
  if (!query) return '';
  return query
    .split('&')
    .map((pair) => {
      const [k, v = ''] = pair.split('=');
      return [awsEncode(decodeURIComponent(k)), awsEncode(decodeURIComponent(v))] as const;
    })
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
}

function lowerKeys(h: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(h).map(([k, v]) => [k.toLowerCase(), v]));
}
