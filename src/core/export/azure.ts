import { ConfigError, NetworkError } from '../errors';
import type { Destination, HttpPort, HttpResponse, StoredFile } from '../ports';
import { base64ToHex } from '../util/hex';
import { tags, unescapeXml } from './xml';

/**
 * Azure Blob Storage through a container SAS token (Put Blob, List Blobs, Delete Blob). The token
 * is the user's secret: it goes only into request URLs, never into a message, a log or the job.
 */

/** The service version the requests speak (Azurite and Azure both take it). */
const API_VERSION = '2021-12-02';

export interface AzureTarget {
  containerUrl: string;
  prefix: string;
}

export function azureDestination(http: HttpPort, target: AzureTarget, sas: string): Destination {
  const token = sas.replace(/^\?/, '');
  const container = target.containerUrl.replace(/\/$/, '');
  const where = `the Azure container ${container}`;
  const blobUrl = (blob: string) => `${container}/${blob.split('/').map(encodeURIComponent).join('/')}?${token}`;
  const send = (method: 'GET' | 'PUT' | 'DELETE', url: string, what: string, extra: Partial<Parameters<HttpPort['fetch']>[0]> = {}) => {
    let res: HttpResponse;
    try {
      res = http.fetch({
        method,
        url,
        headers: { 'x-ms-version': API_VERSION, ...(extra.headers ?? {}) },
        body: extra.body,
        contentType: extra.contentType,
      });
    } catch {
      throw new NetworkError(`Could not reach ${where} to ${what}; the next run tries again.`);
    }
    if (res.status >= 200 && res.status < 300) return res;
    throw azureError(res, what, where);
  };
  const list = (prefix: string): Array<StoredFile & { blob: string }> => {
    const out: Array<StoredFile & { blob: string }> = [];
    let marker = '';
    do {
      const q = `restype=container&comp=list&prefix=${encodeURIComponent(target.prefix + prefix)}${marker ? `&marker=${encodeURIComponent(marker)}` : ''}`;
      const res = send('GET', `${container}?${q}&${token}`, 'list its files');
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

/** What went wrong, in words, without the token. */
function azureError(res: HttpResponse, what: string, where: string): Error {
  const code = tags(res.body, 'Code')[0] ?? '';
  if (res.status === 403)
    return new ConfigError(
      'exports',
      `${where} refused the SAS token to ${what} (${code || 'HTTP 403'}). Save a new token for it with Read, Write, Delete and List permissions that has not expired.`,
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
