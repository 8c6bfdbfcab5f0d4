import { NetworkError } from '../core/errors';
import type { HttpPort, HttpRequest, HttpResponse } from '../core/ports';
import { signedBytes } from './services';

function toResponse(r: GoogleAppsScript.URL_Fetch.HTTPResponse, binary?: boolean): HttpResponse {
  const out: HttpResponse = {
    status: r.getResponseCode(),
    headers: r.getHeaders() as Record<string, string>,
    body: r.getContentText('UTF-8'),
  };
  // A file: getContent's Java bytes (-128 to 127) as bytes.
  if (binary) out.bytes = Uint8Array.from(r.getContent(), (b) => b & 0xff);
  return out;
}

function params(req: HttpRequest): GoogleAppsScript.URL_Fetch.URLFetchRequestOptions {
  // muteHttpExceptions: statuses are classified by the caller, not thrown by UrlFetchApp.
  const out: GoogleAppsScript.URL_Fetch.URLFetchRequestOptions = {
    method: (req.method ?? 'GET').toLowerCase() as GoogleAppsScript.URL_Fetch.HttpMethod,
    headers: req.headers,
    muteHttpExceptions: true,
    followRedirects: true,
  };
  if (req.body !== undefined) out.payload = typeof req.body === 'string' ? req.body : (signedBytes(req.body) as GoogleAppsScript.Byte[]);
  if (req.contentType) out.contentType = req.contentType;
  return out;
}

/** UrlFetchApp behind the HTTP port. */
export const urlFetchHttp: HttpPort = {
  fetch(req) {
    try {
      return toResponse(UrlFetchApp.fetch(req.url, params(req)), req.binary);
    } catch (e) {
      throw new NetworkError(`Could not reach Lever: ${(e as Error).message}`, { cause: e });
    }
  },
  fetchAll(reqs) {
    try {
      return UrlFetchApp.fetchAll(reqs.map((r) => ({ url: r.url, ...params(r) }))).map((r, i) => toResponse(r, reqs[i].binary));
    } catch (e) {
      throw new NetworkError(`Could not reach Lever: ${(e as Error).message}`, { cause: e });
    }
  },
};
