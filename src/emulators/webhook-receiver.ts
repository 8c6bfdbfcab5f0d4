/**
 * A webhook receiver (Slack's incoming webhooks stand-in) as a separate process: it answers each
 * POST with 200 "ok" and keeps it; GET /__received gives back what came, for the tests to check
 * signatures themselves. Usage: node --import tsx webhook-receiver.ts <port>
 */
import { createServer } from 'node:http';

const received: Array<{ path: string; headers: Record<string, string | string[] | undefined>; body: string }> = [];

createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    if (req.method === 'GET' && req.url === '/__received') {
      res.writeHead(200, { 'content-type': 'application/json' });
      return void res.end(JSON.stringify(received));
    }
    if (req.method !== 'POST') return void res.writeHead(405).end();
    received.push({ path: req.url ?? '/', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
    res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
  });
}).listen(Number(process.argv[2]), '127.0.0.1', () => process.stdout.write('ready\n'));
