import { ConfigError, NetworkError, notAllowedError, QuotaError } from '../errors';
import type { ClockPort, CryptoPort, Destination, HttpPort, HttpRequest, HttpResponse, StoredFile } from '../ports';
import { utf8Bytes } from '../util/base64';
import { sharedKeyHeaders, type SharedKey } from './azure-key';
import { base64ToHex } from '../util/hex';
import { tags, unescapeXml } from './xml';

/**
 * Azure Blob Storage (Put Blob, List Blobs, Delete Blob) through a container SAS token, or the
 * account's Shared Key. Either is the user's secret: a token goes only into request URLs, a key
 * only into signatures; neither into a message, a log or the job.
 */

/** The service version the requests speak (Azurite and Azure both take it). */
const API_VERSION = '2021-12-02';

export interface AzureTarget {
  containerUrl: string;
  prefix: string;
}

/** A container SAS token (the part after "?"), or the account's Shared Key. */
export type AzureAuth = { sas: string } | { sharedKey: SharedKey; crypto: CryptoPort; clock: ClockPort };

export function azureDestination(http: HttpPort, target: AzureTarget, auth: AzureAuth): Destination {
  const container = target.containerUrl.replace(/\/$/, '');
  const where = `the Azure container ${container}`;
  const blobUrl = (blob: string) => `${container}/${blob.split('/').map(encodeURIComponent).join('/')}`;
  const send = azureSender(http, auth, where);
  const list = (prefix: string): Array<StoredFile & { blob: string }> => {
    const out: Array<StoredFile & { blob: string }> = [];
    let marker = '';
    do {
      const q = `restype=container&comp=list&prefix=${encodeURIComponent(target.prefix + prefix)}${marker ? `&marker=${encodeURIComponent(marker)}` : ''}`;
      const res = send('GET', `${container}?${q}`, 'list its files');
      for (const b of tags(res.body, 'Blob')) out.push(blobOf(b, target.prefix));
      marker = tags(res.body, 'NextMarker')[0] ?? '';
    } while (marker);
    return out;
  };
  return {
    write(name, content, mimeType) {
      const blob = target.prefix + name;
      // The service keeps the MD5 it computes of what arrived; the listing reports it back.
      send('PUT', blobUrl(blob), `write ${name}`, { headers: { 'x-ms-blob-type': 'BlockBlob' }, body: content, contentType: mimeType });
      const stored = list(name).find((f) => f.blob === blob);
      if (!stored) throw new NetworkError(`${name} was written to ${where} but is not listed there; the next run writes it again.`);
      return stored;
    },
    list(prefix) {
      return list(prefix).filter((f) => f.name.startsWith(prefix));
    },
    remove(id) {
      send('DELETE', blobUrl(id), 'remove an old copy');
    },
    // The blob's address without the token: it opens for whoever the account lets read it.
    link: (file) => blobUrl(file.id),
  };
}

/**
 * The request as sent: with a SAS token as it is; with a Shared Key signed, its body as UTF-8
 * bytes (UrlFetchApp sends a byte payload with exactly the content type given, so the signed
 * Content-Type and Content-Length are those that arrive).
 */
function authorized(auth: AzureAuth, req: HttpRequest & { method: string }): HttpRequest {
  if ('sas' in auth) return { ...req, url: `${req.url}${req.url.includes('?') ? '&' : '?'}${auth.sas.replace(/^\?/, '')}` };
  const body = typeof req.body === 'string' ? Uint8Array.from(utf8Bytes(req.body)) : req.body;
  const headers = sharedKeyHeaders(auth, auth.sharedKey, {
    method: req.method,
    url: req.url,
    headers: req.headers,
    contentLength: body?.length ?? 0,
    contentType: req.contentType,
  });
  return { ...req, headers, body };
}

/** Sends one request, authorized; an answer other than 2xx becomes an error in words. */
function azureSender(http: HttpPort, auth: AzureAuth, where: string) {
  return (method: 'GET' | 'PUT' | 'DELETE', url: string, what: string, extra: Partial<Parameters<HttpPort['fetch']>[0]> = {}) => {
    let res: HttpResponse;
    try {
      res = http.fetch(
        authorized(auth, {
          method,
          url,
          headers: { 'x-ms-version': API_VERSION, ...(extra.headers ?? {}) },
          body: extra.body,
          contentType: extra.contentType,
        }),
      );
    } catch (e) {
      // The day's requests spent (Google's or Lever Sync's share) is said as such, not as the store being away.
      if (e instanceof QuotaError) throw e;
      throw notAllowedError(e, url) ?? new NetworkError(`Could not reach ${where} to ${what}; the next run tries again.`);
    }
    if (res.status >= 200 && res.status < 300) return res;
    throw azureError(res, what, where, 'sas' in auth);
  };
}

/** A blob of a listing: its name inside the folder, size, creation time and MD5 (hex). */
function blobOf(xml: string, prefix: string): StoredFile & { blob: string } {
  const blob = unescapeXml(tags(xml, 'Name')[0] ?? '');
  const md5 = tags(xml, 'Content-MD5')[0];
  return {
    id: blob,
    blob,
    name: blob.startsWith(prefix) ? blob.slice(prefix.length) : blob,
    size: Number(tags(xml, 'Content-Length')[0] ?? 0),
    createdAt: Date.parse(tags(xml, 'Creation-Time')[0] ?? tags(xml, 'Last-Modified')[0] ?? '') || 0,
    ...(md5 ? { md5: base64ToHex(md5) } : {}),
  };
}

/** What went wrong, in words, without the token or key. */
function azureError(res: HttpResponse, what: string, where: string, sas: boolean): Error {
  const code = tags(res.body, 'Code')[0] ?? '';
  if (res.status === 403)
    return new ConfigError(
      'exports',
      sas
        ? `${where} refused the SAS token to ${what} (${code || 'HTTP 403'}). Save a new token for it with Read, Write, Delete and List permissions that has not expired.`
        : `${where} refused the account key to ${what} (${code || 'HTTP 403'}). Save the storage account's current key (Access keys in the portal) for it.`,
    );
  if (res.status === 404)
    return new ConfigError(
      'exports',
      `${where} was not found (${code || 'HTTP 404'}) when trying to ${what}. Check the container's address.`,
    );
  return new NetworkError(
    `${where} answered HTTP ${res.status}${code ? ` (${code})` : ''} when trying to ${what}; the next run tries again.`,
  );
}
