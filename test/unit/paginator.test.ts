import { listAll, MAX_WHOLE_PAGES, nextToken, Paginator } from '../../src/core/lever/paginator';
import type { LeverClient, LeverPage } from '../../src/core/lever/client';

const page = (next?: string, hasNext = next !== undefined, data: Record<string, unknown>[] = [{ id: next ?? 'last' }]): LeverPage => ({
  data,
  hasNext,
  next,
});

/** A client whose pages are keyed by the token they are read with ('' for the first). */
function client(pages: Record<string, LeverPage>): LeverClient & { reads: string[] } {
  const reads: string[] = [];
  return {
    reads,
    list: (_path: string, _params: unknown, offset?: string) => {
      reads.push(offset ?? '');
      return pages[offset ?? ''];
    },
  } as unknown as LeverClient & { reads: string[] };
}

describe('nextToken (checkpointed walks)', () => {
  it('ends the list when Lever says no more pages', () => {
    expect(nextToken('/x', page(undefined, false), 'a')).toBeNull();
  });
  it('refuses a page that promises more without a token', () => {
    expect(() => nextToken('/opportunities', page(undefined, true), 'a')).toThrow(/more pages of \/opportunities follow but gave no token/);
  });
  it('refuses a page that hands back the token it was read with', () => {
    expect(() => nextToken('/opportunities', page('a'), 'a')).toThrow(/same page token twice for \/opportunities/);
  });
  it('returns the next token otherwise', () => {
    expect(nextToken('/x', page('b'), 'a')).toBe('b');
  });
});

describe('Paginator and listAll (lists read whole)', () => {
  it('reads every page in order', () => {
    const c = client({ '': page('t1'), t1: page('t2'), t2: page(undefined, false, [{ id: 3 }]) });
    expect(listAll(c, '/x', {}).map((r) => r.id)).toEqual(['t1', 't2', 3]);
    expect(c.reads).toEqual(['', 't1', 't2']);
  });
  it('stops with an error when an earlier token comes back (a loop)', () => {
    const c = client({ '': page('t1'), t1: page('t2'), t2: page('t1') });
    expect(() => listAll(c, '/stages', {})).toThrow(/earlier page token again for \/stages/);
  });
  it('stops with an error past the page cap, never silently', () => {
    const p = new Paginator('/postings', null, 3);
    expect(p.advance(page('a'))).toBe('a');
    expect(p.advance(page('b'))).toBe('b');
    expect(() => p.advance(page('c'))).toThrow(/\/postings has more than 3 pages/);
    expect(MAX_WHOLE_PAGES).toBeGreaterThanOrEqual(500);
  });
});
