import fc from 'fast-check';
import { utf8Length } from '../../src/core/util/utf8';

describe('utf8Length (property sizes are UTF-8 bytes)', () => {
  it('agrees with Node for any string, lone surrogates included', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => utf8Length(s) === Buffer.byteLength(s, 'utf8')),
      { numRuns: 2000 },
    );
    fc.assert(
      fc.property(
        fc.string({ unit: fc.integer({ min: 0xd700, max: 0xe000 }).map((c) => String.fromCharCode(c)) }),
        (s) => utf8Length(s) === Buffer.byteLength(s, 'utf8'),
      ),
    );
  });

  it('counts the usual cases', () => {
    expect([utf8Length('a'), utf8Length('é'), utf8Length('€'), utf8Length('😀')]).toEqual([1, 2, 3, 4]);
  });
});
