import type { ServerApi } from '../../src/shared/rpc';

interface Runner {
  withSuccessHandler(f: (v: unknown) => void): Runner;
  withFailureHandler(f: (e: Error | string) => void): Runner;
  [fn: string]: unknown;
}
declare const google: { script: { run: Runner } };

/** google.script.run as promises, typed by the server's entry points. */
export function call<K extends keyof ServerApi>(fn: K, ...args: Parameters<ServerApi[K]>): Promise<ReturnType<ServerApi[K]>> {
  return new Promise((resolve, reject) => {
    const runner = google.script.run
      .withSuccessHandler((v) => resolve(v as ReturnType<ServerApi[K]>))
      .withFailureHandler((e) => reject(new Error(typeof e === 'string' ? e : (e?.message ?? String(e)))));
    (runner[fn] as (...a: unknown[]) => void)(...args);
  });
}
