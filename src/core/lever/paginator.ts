import { MalformedResponseError } from '../errors';
import type { QueryValue } from '../util/query';
import type { LeverClient, LeverPage } from './client';

/**
 * Lever pages lists with `hasNext` and a `next` token. Every walk of a list goes through here, so
 * each gets the same guards: a page that promises more without a token, a token that repeats
 * (a loop), and a list longer than any the add-on expects are errors with a message, never a
 * silent stop or an endless loop.
 */

/** The most pages a list read whole in one execution may have (50,000 records at 100 a page). */
export const MAX_WHOLE_PAGES = 500;

/** The token of the page after `page`, or null at the end. `current` is the token `page` was read with. */
export function nextToken(path: string, page: Pick<LeverPage, 'hasNext' | 'next'>, current: string | null): string | null {
  if (!page.hasNext) return null;
  if (!page.next)
    throw new MalformedResponseError(`Lever said more pages of ${path} follow but gave no token to read them; trying again later.`);
  if (page.next === current)
    throw new MalformedResponseError(`Lever returned the same page token twice for ${path}; stopping to avoid a loop.`);
  return page.next;
}

/** Walks one list to its end within this execution, checking every token against all seen before. */
export class Paginator {
  private readonly seen = new Set<string>();
  private current: string | null;
  pages = 0;

  constructor(
    readonly path: string,
    start: string | null = null,
    private readonly maxPages = MAX_WHOLE_PAGES,
  ) {
    this.current = start;
  }

  /** The token to read next after `page`, or null when the list is done. */
  advance(page: LeverPage): string | null {
    this.pages++;
    const next = nextToken(this.path, page, this.current);
    if (next === null) return null;
    if (this.seen.has(next))
      throw new MalformedResponseError(`Lever sent an earlier page token again for ${this.path}; stopping to avoid a loop.`);
    if (this.pages >= this.maxPages) {
      throw new MalformedResponseError(
        `${this.path} has more than ${this.maxPages} pages, more than Lever Sync reads in one go; stopping rather than leaving it half read.`,
      );
    }
    this.seen.add(next);
    this.current = next;
    return next;
  }
}

/** Every record of a list, from `first` (already read, or read here) to the last page. */
export function listAll(
  client: LeverClient,
  path: string,
  params: Record<string, QueryValue>,
  first?: LeverPage,
): Record<string, unknown>[] {
  const pages = new Paginator(path);
  let page = first ?? client.list(path, params);
  const out = [...page.data];
  for (let token = pages.advance(page); token !== null; token = pages.advance(page)) {
    page = client.list(path, params, token);
    out.push(...page.data);
  }
  return out;
}
