/** An HTTP exchange as the local Apps Script host's UrlFetchApp and the Lever sandbox pass it. */
export interface WireRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  /** The request body (UrlFetchApp's payload), when there is one. */
  body?: Uint8Array | string;
}

export interface WireResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
  /** The body's bytes when it is not text (a file download); `body` is then its UTF-8 reading. */
  bytes?: Uint8Array;
  /** How long the server took (or would have taken) to answer. */
  latencyMs: number;
  /** The connection dropped before any answer. */
  reset?: boolean;
}
