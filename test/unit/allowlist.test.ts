import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { allowedBy } from '../../src/host/urlfetch';
import { S3_REGIONS } from '../../src/shared/job';
import { s3Address } from '../../src/core/export/s3';

describe('the manifest allowlist, as Apps Script reads it', () => {
  it('a URL is the prefix or a child of it; paths match case-sensitively', () => {
    const foo = 'https://example.com/foo';
    for (const url of [
      'https://example.com/foo',
      'https://example.com/foo/',
      'https://example.com/foo/bar',
      'https://example.com/foo?bar',
      'https://example.com/foo#bar',
    ])
      expect([url, allowedBy(foo, url)]).toEqual([url, true]);
    for (const url of [
      'https://example.com/foobar',
      'https://example.com/Foo',
      'http://example.com/foo',
      'https://example.com.evil.io/foo',
    ])
      expect([url, allowedBy(foo, url)]).toEqual([url, false]);
    expect(allowedBy('https://api.lever.co/', 'https://api.lever.co/v1/opportunities?limit=100')).toBe(true);
  });

  it('a leading wildcard matches one subdomain label (the stricter reading)', () => {
    const azure = 'https://*.blob.core.windows.net/';
    expect(allowedBy(azure, 'https://acct.blob.core.windows.net/exports/a.csv?sv=1')).toBe(true);
    expect(allowedBy(azure, 'https://a.b.blob.core.windows.net/x')).toBe(false);
    expect(allowedBy(azure, 'https://blob.core.windows.net/x')).toBe(false);
    expect(allowedBy(azure, 'https://acct.blob.core.windows.net.evil.io/x')).toBe(false);
  });

  it('the manifest admits every S3 region a copy may name, and nothing else of amazonaws.com', () => {
    const manifest = JSON.parse(readFileSync(join(__dirname, '../../appsscript.json'), 'utf8')) as { urlFetchWhitelist: string[] };
    const allowed = (url: string) => manifest.urlFetchWhitelist.some((prefix) => allowedBy(prefix, url));
    for (const region of S3_REGIONS) {
      const object = `${s3Address({ bucket: 'acme-lever', region })}/lever/Pipeline.csv.gz`;
      expect([region, allowed(object)]).toEqual([region, true]);
    }
    // Not https://*.amazonaws.com/: one label would admit no bucket's address, and other AWS services need not be reachable.
    expect(allowed('https://acme-lever.s3.mars-north-1.amazonaws.com/x')).toBe(false);
    expect(allowed('https://sts.amazonaws.com/x')).toBe(false);
  });
});
