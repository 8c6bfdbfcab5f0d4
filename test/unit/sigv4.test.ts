import { createHash, createHmac } from 'node:crypto';
import { amzDate, awsEncode, signV4 } from '../../src/core/export/sigv4';
import type { CryptoPort } from '../../src/core/ports';

/** Node's crypto behind the two methods the signer uses. */
const crypto = {
  sha256Hex: (d: Uint8Array | string) => createHash('sha256').update(d).digest('hex'),
  hmacSha256: (k: Uint8Array | string, d: Uint8Array | string) => new Uint8Array(createHmac('sha256', k).update(d).digest()),
} as unknown as CryptoPort;

// The worked example of AWS's "Authenticating Requests (AWS Signature Version 4)" for S3: GET Object.
const EXAMPLE = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };
const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

/** A GET with no body at the examples' time, region and bucket. */
const signGet = (url: string, headers: Record<string, string> = {}) =>
  signV4(
    { method: 'GET', url, headers, payloadSha256: EMPTY_SHA256, region: 'us-east-1', service: 's3', at: Date.UTC(2013, 4, 24) },
    EXAMPLE,
    crypto,
  );

describe('AWS Signature V4', () => {
  it('signs the published GET Object example', () => {
    const headers = signGet('https://examplebucket.s3.amazonaws.com/test.txt', { Range: 'bytes=0-9' });
    expect(headers.Authorization).toBe(
      'AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41',
    );
    expect(headers['x-amz-date']).toBe('20130524T000000Z');
    expect(headers.host).toBeUndefined();
  });

  it('signs the published GET Bucket (list objects) example, with its query', () => {
    const headers = signGet('https://examplebucket.s3.amazonaws.com/?max-keys=2&prefix=J');
    expect(headers.Authorization).toMatch(/Signature=34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7$/);
  });

  it('encodes as AWS does', () => {
    expect(awsEncode("a b/c*'()!~")).toBe('a%20b%2Fc%2A%27%28%29%21~');
    expect(awsEncode('dir/file name.csv', true)).toBe('dir/file%20name.csv');
    expect(amzDate(Date.UTC(2026, 11, 1, 9, 5, 7, 123))).toBe('20261201T090507Z');
  });
});
