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
  /** How long the server took (or would have taken) to answer. */
  latencyMs: number;
  /** The connection dropped before any answer. */
  reset?: boolean;
}
