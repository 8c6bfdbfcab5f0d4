import { decodeRpcError } from '../../src/shared/errors';
import type { ErrorCode } from '../../src/shared/run';
import type { ServerApi } from '../../src/shared/rpc';

/** A failed server call: what kind (`code`), what to tell the user, and the job field at fault. */
export class RpcFailure extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

/** The code of any error a call rejected with ('INTERNAL' for anything else). */
export function codeOf(e: unknown): ErrorCode {
  return e instanceof RpcFailure ? e.code : 'INTERNAL';
}

interface Runner {
  withSuccessHandler(f: (v: unknown) => void): Runner;
  withFailureHandler(f: (e: Error | string) => void): Runner;
  [fn: string]: unknown;
}
declare const google: { script: { run: Runner } };

/**
 * A setting's error without the setting's path: API callers need "schedule.hour: …", a person
 * reading it beside the field does not.
 */
export function plain(message: string, field?: string): string {
  if (!field || !message.startsWith(`${field}: `)) return message;
  const rest = message.slice(field.length + 2);
  return rest.charAt(0).toUpperCase() + rest.slice(1);
}

/** google.script.run as promises, typed by the server's entry points. */
export function call<K extends keyof ServerApi>(fn: K, ...args: Parameters<ServerApi[K]>): Promise<ReturnType<ServerApi[K]>> {
  return new Promise((resolve, reject) => {
    const runner = google.script.run
      .withSuccessHandler((v) => resolve(v as ReturnType<ServerApi[K]>))
      .withFailureHandler((e) => {
        const info = decodeRpcError(typeof e === 'string' ? e : (e?.message ?? String(e)));
        reject(new RpcFailure(info.code, plain(info.message, info.field), info.field));
      });
    (runner[fn] as (...a: unknown[]) => void)(...args);
  });
}
