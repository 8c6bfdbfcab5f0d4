/**
 * The S3 stand-in the tests start as a separate process: s3rver (npm) keeps the objects, and this
 * front checks each request as S3 does before passing it on, because s3rver accepts any Signature
 * Version 4 signature (its authentication middleware: "V4 signatures have incomplete support").
 *
 * Checked here, with AWS's own signer (@smithy/signature-v4, not the add-on's) recomputing the
 * signature: a known access key (InvalidAccessKeyId), the scope's region against the bucket's
 * (AuthorizationHeaderMalformed), the signature (SignatureDoesNotMatch), the payload's SHA-256
 * (XAmzContentSHA256Mismatch), Content-MD5 (BadDigest) and the server-side encryption header
 * (InvalidArgument). S3 checks all of these (S3 API reference: PutObject, "Authenticating
 * Requests (AWS Signature Version 4)", "Common error responses"). Clock skew is not checked: the
 * tests' clock is simulated.
 *
 * Objects stored with SSE-KMS get an ETag that is not their MD5, as S3 gives them (PutObject:
 * "objects encrypted by SSE-KMS ... have ETags that are not an MD5 digest of their object data").
 *
 * Usage: node --import tsx s3-server.ts <port> <dir> <accessKeyId> <secretAccessKey> <bucket>@<region>...
 * A request for a bucket at another region's address gets 301 PermanentRedirect, as from S3.
 * It prints "ready <s3rver's own port>" (unsigned reads there let the tests see what was stored).
 */
import { createHash, createHmac, type Hash, type Hmac } from 'node:crypto';
import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import { SignatureV4 } from '@smithy/signature-v4';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const S3rver = require('s3rver');

const [port, dir, accessKeyId, secretAccessKey, ...bucketArgs] = process.argv.slice(2);
const regionOf = new Map(bucketArgs.map((b) => b.split('@') as [string, string]));

type Data = string | ArrayBuffer | ArrayBufferView;
const bytes = (d: Data) =>
  typeof d === 'string' ? d : ArrayBuffer.isView(d) ? Buffer.from(d.buffer, d.byteOffset, d.byteLength) : Buffer.from(d);

/** The hash the signer asks for, from node:crypto. */
class Sha256 {
  private readonly h: Hash | Hmac;
  constructor(secret?: Data) {
    this.h = secret === undefined ? createHash('sha256') : createHmac('sha256', bytes(secret));
  }
  update(data: Data): void {
    this.h.update(bytes(data));
  }
  digest(): Promise<Uint8Array> {
    return Promise.resolve(new Uint8Array(this.h.digest()));
  }
}

/** Keys stored with SSE-KMS, whose listed ETag is not their MD5. */
const kms = new Set<string>();
/**
 * When each object was stored, by its request's (signed) x-amz-date: the tests' clock is
 * simulated, so s3rver's own clock would make every object look just written.
 */
const storedAt = new Map<string, string>();

function fail(res: ServerResponse, status: number, code: string, message: string): void {
  res.writeHead(status, { 'content-type': 'application/xml' });
  res.end(`<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message></Error>`);
}

/** bucket.s3.<region>.amazonaws.com: the bucket and region; any other host: path style. */
function bucketOf(host: string, path: string): { bucket: string; region: string | null; key: string } {
  const vhost = /^([a-z0-9-]+)\.s3\.([a-z0-9-]+)\.amazonaws\.com$/.exec(host);
  if (vhost) return { bucket: vhost[1], region: vhost[2], key: path.slice(1) };
  const [, bucket = '', ...rest] = path.split('/');
  return { bucket, region: null, key: rest.join('/') };
}

type Refusal = [status: number, code: string, message: string];

/** What S3 would refuse this request for, or null. */
async function refusal(req: IncomingMessage, body: Buffer): Promise<Refusal | null> {
  const auth =
    /^AWS4-HMAC-SHA256 Credential=([^/]+)\/\d{8}\/([^/]+)\/s3\/aws4_request, SignedHeaders=([a-z0-9;-]+), Signature=([0-9a-f]{64})$/.exec(
      req.headers.authorization ?? '',
    );
  if (!auth) return [403, 'AccessDenied', 'Access Denied'];
  const [, key, region, signedNames, signature] = auth;
  if (key !== accessKeyId) return [403, 'InvalidAccessKeyId', 'The AWS Access Key Id you provided does not exist in our records.'];
  const url = new URL(req.url ?? '/', `http://${req.headers.host}`);
  const where = bucketOf(url.hostname, url.pathname);
  if (!regionOf.has(where.bucket)) return [404, 'NoSuchBucket', 'The specified bucket does not exist'];
  if (where.region && where.region !== regionOf.get(where.bucket))
    return [301, 'PermanentRedirect', 'The bucket you are attempting to access must be addressed using the specified endpoint.'];
  if (where.region && where.region !== region)
    return [400, 'AuthorizationHeaderMalformed', `the region '${region}' is wrong; expecting '${where.region}'`];
  if (req.headers['x-amz-content-sha256'] !== createHash('sha256').update(body).digest('hex'))
    return [400, 'XAmzContentSHA256Mismatch', "The provided 'x-amz-content-sha256' header does not match what was computed."];
  if ((await expectedSignature(req, url, region, signedNames, body)) !== signature)
    return [
      403,
      'SignatureDoesNotMatch',
      'The request signature we calculated does not match the signature you provided. Check your key and signing method.',
    ];
  const md5 = req.headers['content-md5'];
  if (md5 !== undefined && md5 !== createHash('md5').update(body).digest('base64'))
    return [400, 'BadDigest', 'The Content-MD5 you specified did not match what we received.'];
  const sse = req.headers['x-amz-server-side-encryption'];
  if (sse !== undefined && sse !== 'AES256' && sse !== 'aws:kms')
    return [400, 'InvalidArgument', 'The encryption method specified is not supported'];
  return null;
}

/** The signature AWS's signer computes for the headers the request says it signed. */
async function expectedSignature(
  req: IncomingMessage,
  url: URL,
  region: string,
  signedNames: string,
  body: Buffer,
): Promise<string | undefined> {
  const headers: Record<string, string> = {};
  for (const name of signedNames.split(';')) headers[name] = String(req.headers[name] ?? '');
  const stamp = String(req.headers['x-amz-date'] ?? '');
  const at = new Date(stamp.replace(/^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/, '$1-$2-$3T$4:$5:$6Z'));
  const signer = new SignatureV4({
    credentials: { accessKeyId, secretAccessKey },
    region,
    service: 's3',
    sha256: Sha256,
    uriEscapePath: false,
    applyChecksum: false,
  });
  const query: Record<string, string> = {};
  url.searchParams.forEach((v, k) => (query[k] = v));
  const signed = await signer.sign(
    { method: req.method ?? 'GET', protocol: 'https:', hostname: url.hostname, path: url.pathname, query, headers, body },
    { signingDate: at },
  );
  return /Signature=([0-9a-f]{64})/.exec(String(signed.headers.authorization))?.[1];
}

function forward(inner: number, req: IncomingMessage, body: Buffer, res: ServerResponse): void {
  const url = new URL(req.url ?? '/', `http://${req.headers.host}`);
  const where = bucketOf(url.hostname, url.pathname);
  const path = `/${where.bucket}${where.key ? `/${where.key}` : ''}${url.search}`;
  const headers = { ...req.headers, host: `127.0.0.1:${inner}` };
  delete headers.authorization;
  const sse = req.headers['x-amz-server-side-encryption'];
  const out = request({ host: '127.0.0.1', port: inner, method: req.method, path, headers }, (answer) => {
    const chunks: Buffer[] = [];
    answer.on('data', (c: Buffer) => chunks.push(c));
    answer.on('end', () => {
      let text = Buffer.concat(chunks);
      const head = { ...answer.headers };
      if (req.method === 'PUT' && answer.statusCode === 200 && sse) {
        head['x-amz-server-side-encryption'] = String(sse);
        if (sse === 'aws:kms') kms.add(`${where.bucket}/${where.key}`);
        else kms.delete(`${where.bucket}/${where.key}`);
      }
      if (req.method === 'PUT' && !sse) kms.delete(`${where.bucket}/${where.key}`);
      if (req.method === 'PUT' && answer.statusCode === 200)
        storedAt.set(`${where.bucket}/${where.key}`, amzToIso(String(req.headers['x-amz-date'])));
      if (req.method === 'GET' && url.searchParams.get('list-type') === '2') {
        // SSE-KMS objects: an ETag that is not the MD5 of their bytes.
        text = Buffer.from(
          text
            .toString('utf8')
            .replace(/<Key>([^<]*)<\/Key>([\s\S]*?)<ETag>[^<]*<\/ETag>/g, (all, k: string, mid: string) =>
              kms.has(`${where.bucket}/${k}`)
                ? `<Key>${k}</Key>${mid}<ETag>&quot;${createHash('md5').update(`kms:${k}`).digest('hex')}&quot;</ETag>`
                : all,
            )
            .replace(/<Key>([^<]*)<\/Key>([\s\S]*?)<LastModified>[^<]*<\/LastModified>/g, (all, k: string, mid: string) => {
              const at = storedAt.get(`${where.bucket}/${k}`);
              return at ? `<Key>${k}</Key>${mid}<LastModified>${at}</LastModified>` : all;
            }),
        );
        head['content-length'] = String(text.length);
      }
      res.writeHead(answer.statusCode ?? 500, head);
      res.end(text);
    });
  });
  out.on('error', (e) => fail(res, 500, 'InternalError', e.message));
  out.end(body);
}

function amzToIso(stamp: string): string {
  return stamp.replace(/^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/, '$1-$2-$3T$4:$5:$6.000Z');
}

async function main(): Promise<void> {
  const s3 = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory: dir,
    vhostBuckets: false,
    configureBuckets: [...regionOf.keys()].map((name) => ({ name })),
  });
  const { port: inner } = await s3.run();
  const front = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      refusal(req, body).then(
        (refused) => (refused ? fail(res, ...refused) : forward(inner, req, body, res)),
        (e: Error) => fail(res, 500, 'InternalError', e.message),
      );
    });
  });
  front.listen(Number(port), '127.0.0.1', () => process.stdout.write(`ready ${inner}\n`));
}

void main();
