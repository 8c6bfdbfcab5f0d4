/** The webhook receiver (webhook-receiver.ts) as a separate process on a free loopback port. */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { get } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { killWithParent, stopChild } from './child';
import { freePort } from './free-port';

export interface ReceivedPost {
  path: string;
  headers: Record<string, string | undefined>;
  body: string;
}

export interface WebhookReceiver {
  port: number;
  received(): Promise<ReceivedPost[]>;
  stop(): Promise<void>;
}

export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'webhook-'));
  const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'webhook-receiver.ts'), String(port)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  killWithParent(child);
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (c: Buffer) => c.toString().includes('ready') && resolve());
    child.once('exit', (code) => reject(new Error(`the webhook receiver exited (${code}) before it was ready`)));
  });
  return {
    port,
    received: () =>
      new Promise((resolve, reject) => {
        get(`http://127.0.0.1:${port}/__received`, { agent: false }, (res) => {
          let text = '';
          res.on('data', (c: Buffer) => (text += c.toString()));
          res.on('end', () => resolve(JSON.parse(text) as ReceivedPost[]));
        }).on('error', reject);
      }),
    stop: () => stopChild(child, dir),
  };
}
