import type { ErrorCode } from './run';

/**
 * An error as the sidebar receives it. google.script.run hands a failure handler only the thrown
 * error's message, so the server puts this envelope in the message, and the sidebar reads the
 * code (what kind of failure, to act on) and the field (which input to point at) back out of it,
 * never matching the message text.
 */
export interface RpcError {
  code: ErrorCode;
  /** For a hiring manager: what went wrong and what to do. Never holds the API key. */
  message: string;
  /** The job field a configuration error is about (`sheetName`, `fields`, …). */
  field?: string;
}

const TAG = 'lever-sync-error ';

export function encodeRpcError(e: RpcError): string {
  return TAG + JSON.stringify(e);
}

/** The envelope in a failure message; anything else (a platform error) is INTERNAL. */
export function decodeRpcError(message: string): RpcError {
  const at = message.indexOf(TAG);
  if (at >= 0) {
    try {
      const e = JSON.parse(message.slice(at + TAG.length)) as RpcError;
      if (typeof e.code === 'string' && typeof e.message === 'string') return e;
    } catch {
      // Not ours after all: fall through.
    }
  }
  return { code: 'INTERNAL', message };
}
