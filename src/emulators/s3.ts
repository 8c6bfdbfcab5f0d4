/**
 * The S3 stand-in (s3rver behind a Signature V4 check, see s3-server.ts) as a separate process on
 * a free loopback port: the host's UrlFetchApp waits synchronously, so the server cannot share the
 * test's event loop.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { get } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './free-port';
import { killWithParent, stopChild } from './child';

export const S3_ACCESS_KEY = 'AKIALEVERSYNCTEST01';
export const S3_SECRET = 'lever-sync-test-secret/aBcD+eFgH1234567890xyz';

export interface S3Stand {
  /** The signature-checking front the add-on's requests go to. */
  port: number;
  /** The bytes stored under a key (read from s3rver directly), or null. */
  object(bucket: string, key: string): Promise<Buffer | null>;
  /** Every key of a bucket. */
  keys(bucket: string): Promise<string[]>;
  stop(): Promise<void>;
}

function fetchRaw(url: string): Promise<{ status: number; body: Buffer }> {
  return new Promise((resolve, reject) => {
    // A fresh connection each time: a kept-alive socket the server has closed hangs up.
    get(url, { agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks) }));
    }).on('error', reject);
  });
}

/** `buckets`: name → region. */
export async function startS3(buckets: Record<string, string>): Promise<S3Stand> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 's3rver-'));
  const child: ChildProcess = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      join(__dirname, 's3-server.ts'),
      String(port),
      dir,
      S3_ACCESS_KEY,
      S3_SECRET,
      ...Object.entries(buckets).map(([b, r]) => `${b}@${r}`),
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  killWithParent(child);
  const inner = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /ready (\d+)/.exec(out);
      if (m) resolve(Number(m[1]));
    });
    child.once('exit', (code) => reject(new Error(`the S3 stand-in exited (${code}) before it was ready`)));
  });
  const base = `http://127.0.0.1:${inner}`;
  return {
    port,
    async object(bucket, key) {
      const res = await fetchRaw(`${base}/${bucket}/${key.split('/').map(encodeURIComponent).join('/')}`);
      return res.status === 200 ? res.body : null;
    },
    async keys(bucket) {
      const res = await fetchRaw(`${base}/${bucket}?list-type=2&max-keys=1000`);
      return [...res.body.toString('utf8').matchAll(/<Key>([^<]*)<\/Key>/g)].map((m) => m[1]).sort();
    },
    stop: () => stopChild(child, dir),
  };
}
