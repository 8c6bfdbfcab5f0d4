/**
 * The Apps Script adapters of the widened ports, compiled as they ship (esbuild, ES2020) and run
 * against the host's emulated services: byte digests, chained HMACs and request bodies, checked
 * against published test vectors and against Node.
 */
import { createHash, createHmac } from 'node:crypto';
import { join } from 'node:path';
import vm from 'node:vm';
import { buildSync } from 'esbuild';
import { VirtualClock } from '../../src/host/clock';
import { makeUtilities } from '../../src/host/utilities';
import { EmuUrlFetch, type WireRequest } from '../../src/host/urlfetch';
import { ScopeChecker, SCOPES } from '../../src/host/scopes';
import type { CryptoPort, HttpPort } from '../../src/core/ports';
import { LeverClient } from '../../src/core/lever/client';
import { BadRequestError } from '../../src/core/errors';
import { LeverSandbox, SANDBOX_EPOCH, SANDBOX_KEY } from '../../src/sandbox/sandbox';

function load(globals: Record<string, unknown>): { gasCrypto: CryptoPort; urlFetchHttp: HttpPort } {
  const out = buildSync({
    stdin: {
      contents: "export { gasCrypto } from './services'; export { urlFetchHttp } from './http';",
      resolveDir: join(__dirname, '../../src/gas'),
      loader: 'ts',
    },
    bundle: true,
    format: 'iife',
    globalName: 'adapters',
    target: 'es2020',
    platform: 'neutral',
    write: false,
  });
  const ctx = vm.createContext({ ...globals });
  vm.runInContext(out.outputFiles[0].text, ctx);
  return (ctx as unknown as { adapters: { gasCrypto: CryptoPort; urlFetchHttp: HttpPort } }).adapters;
}

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

describe('the crypto port in Apps Script', () => {
  const { gasCrypto } = load({ Utilities: makeUtilities(new VirtualClock(0)) });

  it('digests bytes and text: MD5 and SHA-256 test vectors', () => {
    expect(hex(gasCrypto.digest('md5', 'abc'))).toBe('900150983cd24fb0d6963f7d28e17f72');
    expect(hex(gasCrypto.digest('sha256', 'abc'))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    const bytes = Uint8Array.from({ length: 300 }, (_, i) => (i * 37) % 256);
    expect(hex(gasCrypto.digest('md5', bytes))).toBe(createHash('md5').update(bytes).digest('hex'));
    expect(gasCrypto.base64Bytes(gasCrypto.digest('md5', bytes))).toBe(createHash('md5').update(bytes).digest('base64'));
  });

  it('HMAC-SHA256: RFC 4231 case 2, and chained with byte keys as AWS Signature V4 does', () => {
    expect(hex(gasCrypto.hmacSha256('Jefe', 'what do ya want for nothing?'))).toBe(
      '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
    );
    const secret = 'AWS4wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY';
    let key = gasCrypto.hmacSha256(secret, '20150830');
    let node = createHmac('sha256', secret).update('20150830').digest();
    for (const part of ['us-east-1', 'iam', 'aws4_request']) {
      key = gasCrypto.hmacSha256(key, part);
      node = createHmac('sha256', node).update(part).digest();
    }
    // AWS's documented signing key for this example.
    expect(hex(key)).toBe('c4afb1cc5771d871763a393e44b703571b55cc28424d1a5e86da6ed3c154a4b9');
    expect(hex(key)).toBe(Buffer.from(node).toString('hex'));
  });
});

describe('the HTTP port in Apps Script', () => {
  it('sends the method, headers and a byte body as UrlFetchApp would', () => {
    const seen: WireRequest[] = [];
    const clock = new VirtualClock(0);
    const fetch = new EmuUrlFetch(
      clock,
      [
        {
          prefix: 'https://bucket.example/',
          transport: { handle: (r) => (seen.push(r), { status: 200, headers: {}, body: '', latencyMs: 1 }) },
        },
      ],
      [],
      new ScopeChecker(new Set([SCOPES.externalRequest])),
    );
    const { urlFetchHttp } = load({ UrlFetchApp: fetch });
    const body = Uint8Array.from([0, 1, 2, 250, 255]);
    expect(
      urlFetchHttp.fetch({
        method: 'PUT',
        url: 'https://bucket.example/a.csv',
        headers: { 'x-amz-date': 'd' },
        body,
        contentType: 'text/csv',
      }).status,
    ).toBe(200);
    expect(seen[0]).toMatchObject({
      method: 'PUT',
      url: 'https://bucket.example/a.csv',
      headers: { 'x-amz-date': 'd', 'Content-Type': 'text/csv' },
    });
    expect([...(seen[0].body as Uint8Array)]).toEqual([0, 1, 2, 250, 255]);
    expect(() => fetch.fetch('https://bucket.example/a', { method: 'head' })).toThrow(/Invalid argument: method/);
  });

  it('downloads a resume from the sandbox as bytes, high ones included, through the Lever client (the key sent to Lever only)', () => {
    const clock = new VirtualClock(SANDBOX_EPOCH);
    const sandbox = new LeverSandbox({ seed: 3, opportunities: 20, clock: () => clock.now(), rateLimit: false });
    const fetch = new EmuUrlFetch(
      clock,
      [{ prefix: 'https://api.sandbox.lever.co/', transport: { handle: (r) => sandbox.handle(r) } }],
      [],
      new ScopeChecker(new Set([SCOPES.externalRequest])),
    );
    const { urlFetchHttp } = load({ UrlFetchApp: fetch });
    const lever = new LeverClient({
      apiKey: SANDBOX_KEY,
      baseUrl: 'https://api.sandbox.lever.co/v1',
      http: urlFetchHttp,
      clock: { now: () => clock.now(), sleep: (ms) => clock.advance(ms) },
    });
    const [oppId, resumes] = [...sandbox.data.children.resumes].find(([, list]) =>
      list.some((r) => (r.file as { status: string | null }).status !== 'processing'),
    )!;
    const resume = resumes.find((r) => (r.file as { status: string | null }).status !== 'processing')!;
    const file = resume.file as { downloadUrl: string; size: number };
    const bytes = lever.download(file.downloadUrl);
    expect(bytes.length).toBe(file.size);
    expect(Buffer.from(bytes.slice(0, 40)).toString('latin1')).toMatch(/Lever sandbox resume/);
    expect(bytes.some((b) => b > 127)).toBe(true);
    const direct = sandbox.handle({
      method: 'GET',
      url: file.downloadUrl,
      headers: { Authorization: `Basic ${Buffer.from(`${SANDBOX_KEY}:`).toString('base64')}` },
    });
    expect(Buffer.from(bytes).equals(Buffer.from(direct.bytes!))).toBe(true);
    expect(oppId).toBeTruthy();
    // A processing file: 422, said as a refused request, not retried.
    const processing = [...sandbox.data.children.resumes.values()]
      .flat()
      .find((r) => (r.file as { status: string | null }).status === 'processing')!;
    expect(() => lever.download((processing.file as { downloadUrl: string }).downloadUrl)).toThrow(BadRequestError);
    // Anywhere else: refused before anything is sent.
    const before = fetch.calls;
    expect(() => lever.download('https://evil.example/v1/file')).toThrow(/outside Lever \(evil\.example\) was not fetched/);
    expect(fetch.calls).toBe(before);
  });
});
