import fc from 'fast-check';
import { redact } from '../../src/core/errors';

const KEY = fc.stringMatching(/^[A-Za-z0-9_]{16,60}$/);
const TEXT = fc.string({ maxLength: 40 });

/** The base64 characters that depend on the key alone, computed with Node, at each alignment. */
function cores(key: string): string[] {
  return [0, 1, 2].flatMap((a) => {
    const enc = Buffer.from('\0'.repeat(a) + key)
      .toString('base64')
      .replace(/=+$/, '');
    const core = enc.slice(Math.ceil((a * 4) / 3), enc.length - 3);
    return [core, core.replace(/\+/g, '-').replace(/\//g, '_')];
  });
}

describe('redact: no form of the key survives', () => {
  it('as it is, URL-encoded, as Basic auth, and inside any base64 blob (standard or URL-safe)', () => {
    fc.assert(
      fc.property(KEY, TEXT, TEXT, fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), (key, before, after, pre, post) => {
        const blob = Buffer.from(`${pre}${key}${post}`).toString('base64');
        const text = [
          before,
          key,
          encodeURIComponent(key),
          `Authorization: Basic ${Buffer.from(`${key}:`).toString('base64')}`,
          blob,
          blob.replace(/\+/g, '-').replace(/\//g, '_'),
          `https://api.lever.co/v1/x?token=${encodeURIComponent(key)}`,
          after,
        ].join(' | ');
        const out = redact(text, [key]);
        expect(out.includes(key)).toBe(false);
        for (const core of cores(key)) expect(out.includes(core)).toBe(false);
      }),
      { numRuns: 500 },
    );
  });

  it('leaves other text alone', () => {
    expect(redact('Lever said: 401 Unauthorized', ['sbx_demo_4f8a2c9e1b7d3a6f0e5c'])).toBe('Lever said: 401 Unauthorized');
  });
});
