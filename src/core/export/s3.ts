import { ConfigError, NetworkError, notAllowedError, QuotaError } from '../errors';
import type { ClockPort, CryptoPort, Destination, HttpPort, HttpResponse, StoredFile } from '../ports';
import { awsEncode, signV4, type AwsCredentials } from './sigv4';
import { tags, unescapeXml } from './xml';

/**
 * Amazon S3 and S3-compatible stores (PutObject, ListObjectsV2, DeleteObject), every request
 * signed with Signature V4. The secret access key signs and is never sent, logged or shown.
 */

export interface S3Target {
  bucket: string;
  region: string;
  /** An S3-compatible service's address (path-style requests); absent for AWS itself. */
  endpoint?: string;
  prefix: string;
  /** Server-side encryption S3 applies: its own keys (AES256) or KMS. */
  encryption?: 'AES256' | 'aws:kms';
}

/** Where a bucket's objects are addressed: virtual-hosted on AWS, path-style elsewhere. */
export function s3Address(t: Pick<S3Target, 'bucket' | 'region' | 'endpoint'>): string {
  return t.endpoint ? `${t.endpoint.replace(/\/$/, '')}/${t.bucket}` : `https://${t.bucket}.s3.${t.region}.amazonaws.com`;
}

type S3Ports = { http: HttpPort; crypto: CryptoPort; clock: ClockPort };
type S3Request = {
  method: 'GET' | 'PUT' | 'DELETE';
  url: string;
  body?: Uint8Array | string;
  headers?: Record<string, string>;
  contentType?: string;
};

export function s3Destination(ports: S3Ports, target: S3Target, creds: AwsCredentials): Destination {
  const address = s3Address(target);
  const where = `the S3 bucket ${target.bucket}`;
  const send = signedSender(ports, target, creds, where);
  const objectUrl = (key: string) => `${address}/${awsEncode(key, true)}`;
  const list = (prefix: string) => listObjects(send, target, `${target.endpoint ? address : `${address}/`}`, prefix);
  return {
    write(name, content, mimeType) {
      const key = target.prefix + name;
      const headers: Record<string, string> = { 'content-md5': ports.crypto.base64Bytes(ports.crypto.digest('md5', content)) };
      if (target.encryption) headers['x-amz-server-side-encryption'] = target.encryption;
      // S3 refuses the object if its MD5 on arrival differs from Content-MD5 (BadDigest).
      const res = send({ method: 'PUT', url: objectUrl(key), headers, body: content, contentType: mimeType }, `write ${name}`);
      const applied = header(res, 'x-amz-server-side-encryption');
      if (target.encryption && applied !== target.encryption)
        throw new ConfigError(
          'exports',
          `${where} stored ${name} without the ${target.encryption} encryption asked for. Check the bucket's encryption settings.`,
        );
      const stored = list(name).find((f) => f.key === key);
      if (!stored) throw new NetworkError(`${name} was written to ${where} but is not listed there; the next run writes it again.`);
      return stored;
    },
    list(prefix) {
      return list(prefix).filter((f) => f.name.startsWith(prefix));
    },
    remove(id) {
      send({ method: 'DELETE', url: objectUrl(id) }, 'remove an old copy');
    },
    // The object's own address: it opens for whoever the bucket's policy lets read it.
    link: (file) => objectUrl(file.id),
  };
}

/** Sends a request signed for the bucket's region; an answer other than 2xx becomes an error in words. */
function signedSender(ports: S3Ports, target: S3Target, creds: AwsCredentials, where: string) {
  return (req: S3Request, what: string): HttpResponse => {
    const headers = signV4(
      {
        method: req.method,
        url: req.url,
        headers: req.headers ?? {},
        payloadSha256: ports.crypto.sha256Hex(req.body ?? ''),
        region: target.region,
        service: 's3',
        at: ports.clock.now(),
      },
      creds,
      ports.crypto,
    );
    let res: HttpResponse;
    try {
      res = ports.http.fetch({ method: req.method, url: req.url, headers, body: req.body, contentType: req.contentType });
    } catch (e) {
      // The day's requests spent (Google's or Lever Sync's share) is said as such, not as the store being away.
      if (e instanceof QuotaError) throw e;
      throw notAllowedError(e, req.url) ?? new NetworkError(`Could not reach ${where} to ${what}; the next run tries again.`);
    }
    if (res.status >= 200 && res.status < 300) return res;
    throw s3Error(res, what, where, target.region);
  };
}

/** ListObjectsV2 under the copy's folder, page after page. */
function listObjects(send: (req: S3Request, what: string) => HttpResponse, target: S3Target, bucketUrl: string, prefix: string) {
  const out: Array<StoredFile & { key: string }> = [];
  let token = '';
  do {
    const q = `list-type=2&prefix=${awsEncode(target.prefix + prefix)}${token ? `&continuation-token=${awsEncode(token)}` : ''}`;
    const res = send({ method: 'GET', url: `${bucketUrl}?${q}` }, 'list its files');
    for (const c of tags(res.body, 'Contents')) out.push(objectOf(c, target));
    token = tags(res.body, 'IsTruncated')[0] === 'true' ? unescapeXml(tags(res.body, 'NextContinuationToken')[0] ?? '') : '';
  } while (token);
  return out;
}

function header(res: HttpResponse, name: string): string | undefined {
  const found = Object.keys(res.headers).find((k) => k.toLowerCase() === name);
  return found === undefined ? undefined : res.headers[found];
}

/**
 * An object of a listing. Its ETag is the MD5 of its bytes only for a single PUT without SSE-KMS
 * (S3 API reference, Common Response Headers: ETag); otherwise only the size is compared.
 */
function objectOf(xml: string, target: S3Target): StoredFile & { key: string } {
  const key = unescapeXml(tags(xml, 'Key')[0] ?? '');
  const etag = unescapeXml(tags(xml, 'ETag')[0] ?? '').replace(/"/g, '');
  const md5 = target.encryption !== 'aws:kms' && /^[0-9a-f]{32}$/i.test(etag) ? etag.toLowerCase() : undefined;
  return {
    id: key,
    key,
    name: key.startsWith(target.prefix) ? key.slice(target.prefix.length) : key,
    size: Number(tags(xml, 'Size')[0] ?? 0),
    createdAt: Date.parse(tags(xml, 'LastModified')[0] ?? '') || 0,
    ...(md5 ? { md5 } : {}),
  };
}

/** What went wrong, in words, without the key. */
function s3Error(res: HttpResponse, what: string, where: string, region: string): Error {
  const code = tags(res.body, 'Code')[0] ?? '';
  const said = code || `HTTP ${res.status}`;
  if (code === 'InvalidAccessKeyId' || code === 'SignatureDoesNotMatch')
    return new ConfigError(
      'exports',
      `${where} refused the saved access key to ${what} (${said}). Save the access key ID and secret access key again (the sidebar's S3 copy, or saveDestinationSecret).`,
    );
  if (code === 'AuthorizationHeaderMalformed' || code === 'PermanentRedirect' || res.status === 301)
    return new ConfigError('exports', `${where} is not in the region ${region} (${said}). Set the bucket's own region on the copy.`);
  if (res.status === 403)
    return new ConfigError(
      'exports',
      `${where} refused to let the saved key ${what} (${said}). Give the key s3:PutObject, s3:ListBucket and s3:DeleteObject on the bucket (and kms:GenerateDataKey for KMS encryption).`,
    );
  if (res.status === 404)
    return new ConfigError('exports', `${where} was not found (${said}) when trying to ${what}. Check the bucket's name.`);
  if (res.status === 400) return new ConfigError('exports', `${where} refused the request to ${what} (${said}).`);
  return new NetworkError(
    `${where} answered HTTP ${res.status}${code ? ` (${code})` : ''} when trying to ${what}; the next run tries again.`,
  );
}
