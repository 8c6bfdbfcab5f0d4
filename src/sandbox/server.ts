import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { LeverSandbox } from './sandbox';

export interface RunningServer {
  baseUrl: string;
  server: Server;
  close(): Promise<void>;
}

/**
 * Serves a sandbox over HTTP on loopback. Latency is simulated only for 'slow' faults, so
 * tests stay fast; a 'reset' fault drops the connection without an answer.
 */
export function serveSandbox(sandbox: LeverSandbox, port = 0, host = '127.0.0.1'): Promise<RunningServer> {
  const server = createServer((req, res) => {
    const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : (v ?? '')]));
    const answer = sandbox.handle({ method: req.method ?? 'GET', url: req.url ?? '/', headers });
    const delay = Math.max(0, answer.latencyMs - 200);
    setTimeout(() => {
      if (answer.reset) return void req.socket.destroy();
      res.writeHead(answer.status, answer.headers);
      res.end(answer.body);
    }, delay);
  });
  return new Promise((resolve) => {
    server.listen(port, host, () => {
      const addr = server.address() as AddressInfo;
      resolve({
        baseUrl: `http://${host}:${addr.port}/v1`,
        server,
        close: () => new Promise<void>((done) => server.close(() => done())),
      });
    });
  });
}
