import { NetworkError } from '../core/errors';
import type { HttpPort, HttpRequest, HttpResponse } from '../core/ports';

function toResponse(r: GoogleAppsScript.URL_Fetch.HTTPResponse): HttpResponse {
  return { status: r.getResponseCode(), headers: r.getHeaders() as Record<string, string>, body: r.getContentText('UTF-8') };
}

function params(req: HttpRequest): GoogleAppsScript.URL_Fetch.URLFetchRequestOptions {
  // muteHttpExceptions: statuses are classified by the Lever client, not thrown by UrlFetchApp.
  return { method: 'get', headers: req.headers, muteHttpExceptions: true, followRedirects: true };
}

/** UrlFetchApp behind the HTTP port. */
export const urlFetchHttp: HttpPort = {
  fetch(req) {
    try {
      return toResponse(UrlFetchApp.fetch(req.url, params(req)));
    } catch (e) {
      throw new NetworkError(`Could not reach Lever: ${(e as Error).message}`, { cause: e });
    }
  },
  fetchAll(reqs) {
    try {
      return UrlFetchApp.fetchAll(reqs.map((r) => ({ url: r.url, ...params(r) }))).map(toResponse);
    } catch (e) {
      throw new NetworkError(`Could not reach Lever: ${(e as Error).message}`, { cause: e });
    }
  },
};
