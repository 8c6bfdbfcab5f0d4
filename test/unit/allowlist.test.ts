import { allowedBy } from '../../src/host/urlfetch';

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
});
