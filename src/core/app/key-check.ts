import { CATALOG, OBJECT_NAMES } from '../catalog/objects';
import type { ObjectName } from '../catalog/types';
import { PermissionError, SkippableError } from '../errors';
import type { LeverClient } from '../lever/client';
import type { ConnectionTest } from '../../shared/rpc';

/** An object as a person names it ("candidates", "job postings", "offers"). */
export function objectNoun(name: ObjectName): string {
  return name === 'opportunities' ? 'candidates' : CATALOG[name].label.toLowerCase();
}

/** "a, b and c". */
function listed(words: string[]): string {
  return words.length < 2 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

/**
 * What a key can read, asked of Lever: one record of every list, and every per-candidate object
 * on one candidate (a key may read candidates but not their offers: better said now than when a
 * job first needs them). Lever's refusal of the key itself (401) and network trouble are thrown.
 */
export function checkKey(client: LeverClient, environment: string): ConnectionTest {
  const readable: ObjectName[] = [];
  const forbidden: ObjectName[] = [];
  const ask = (name: ObjectName, read: () => unknown) => {
    try {
      read();
      readable.push(name);
    } catch (e) {
      if (e instanceof PermissionError) forbidden.push(name);
      else if (e instanceof SkippableError) readable.push(name);
      else throw e;
    }
  };
  let someone: string | null = null;
  for (const name of OBJECT_NAMES) {
    const src = CATALOG[name].source;
    if (src.kind !== 'list') continue;
    ask(name, () => {
      const page = client.list(src.path, src.paginated === false ? {} : { limit: 1 });
      if (name === 'opportunities') someone = page.data[0] ? String(page.data[0].id) : null;
    });
  }
  for (const name of OBJECT_NAMES) {
    const src = CATALOG[name].source;
    if (src.kind === 'embedded' && readable.includes(src.parent)) readable.push(name);
    if (src.kind === 'child' && someone)
      ask(name, () => client.list(src.path.replace(':id', encodeURIComponent(someone!)), src.paginated ? { limit: 1 } : {}));
  }
  let confidentialAccess: boolean | null = null;
  if (readable.includes('opportunities')) {
    // Lever hides confidential records from keys without access instead of refusing: seeing one proves access.
    try {
      confidentialAccess = client.list('/opportunities', { limit: 1, confidentiality: 'confidential' }).data.length > 0 ? true : null;
    } catch (e) {
      if (e instanceof PermissionError) confidentialAccess = false;
      else throw e;
    }
  }
  const ok = readable.includes('opportunities') || readable.length > 0;
  const nouns = (xs: ObjectName[]) => xs.filter((n) => n !== 'deleted_opportunities').map(objectNoun);
  const cannot = forbidden.length
    ? ` It cannot read ${listed(nouns(forbidden))}: ask a Lever Super Admin to allow them for this key if you need them.`
    : '';
  const secret = confidentialAccess === true ? ' Confidential records are visible to this key.' : '';
  const message = ok
    ? `Connected to Lever ${environment}. The key can read ${readable.length > 6 ? `${nouns(readable).slice(0, 6).join(', ')} and more` : listed(nouns(readable))}.${cannot}${secret}`
    : `The key cannot read anything Lever Sync needs (${listed(nouns(forbidden))}).`;
  return { ok, message, readable: nouns(readable), forbidden: nouns(forbidden), confidentialAccess };
}
