import { LIMITED_KEY, LeverSandbox, SANDBOX_EPOCH, SANDBOX_KEY } from '../../src/sandbox/sandbox';
import type { Rec } from '../../src/sandbox/types';
import { STAGES } from '../../src/sandbox/seed';

let now = SANDBOX_EPOCH;
const auth = (key = SANDBOX_KEY) => ({ Authorization: `Basic ${Buffer.from(`${key}:`).toString('base64')}` });

function sandbox(opts: ConstructorParameters<typeof LeverSandbox>[0] = {}) {
  now = SANDBOX_EPOCH;
  return new LeverSandbox({ seed: 42, opportunities: 300, clock: () => now, rateLimit: false, ...opts });
}

function get(sb: LeverSandbox, path: string, key = SANDBOX_KEY) {
  const res = sb.handle({ method: 'GET', url: `https://api.sandbox.lever.co/v1${path}`, headers: auth(key) });
  return { status: res.status, body: res.body ? JSON.parse(res.body) : null, raw: res };
}

function all(sb: LeverSandbox, path: string): Rec[] {
  const out: Rec[] = [];
  let next: string | undefined;
  const sep = path.includes('?') ? '&' : '?';
  do {
    const { status, body } = get(sb, `${path}${next ? `${sep}offset=${next}` : ''}`);
    expect(status).toBe(200);
    out.push(...body.data);
    next = body.next;
  } while (next);
  return out;
}

describe('Lever sandbox: transport and auth', () => {
  it('is deterministic: the same seed gives the same data', () => {
    expect(get(sandbox(), '/opportunities?limit=5').body).toEqual(get(sandbox(), '/opportunities?limit=5').body);
    expect(get(sandbox({ seed: 43 }), '/opportunities?limit=5').body).not.toEqual(get(sandbox(), '/opportunities?limit=5').body);
  });

  it('answers 401 with a Lever-shaped body for a missing or wrong key, and accepts Bearer', () => {
    const sb = sandbox();
    expect(sb.handle({ method: 'GET', url: 'https://x/v1/opportunities', headers: {} }).status).toBe(401);
    const wrong = get(sb, '/opportunities', 'nope');
    expect(wrong).toMatchObject({ status: 401, body: { code: 'UnauthorizedError', message: 'The request requires authentication.' } });
    expect(sb.handle({ method: 'GET', url: 'https://x/v1/users', headers: { authorization: `Bearer ${SANDBOX_KEY}` } }).status).toBe(200);
    expect(wrong.raw.headers['content-type']).toBe('application/json; charset=utf-8');
  });

  it('answers 403 for an endpoint the key may not read, 404 for unknown paths and ids', () => {
    const sb = sandbox();
    const opp = get(sb, '/opportunities?limit=1').body.data[0];
    expect(get(sb, `/opportunities/${opp.id}/offers`, LIMITED_KEY).status).toBe(403);
    expect(get(sb, '/nothing').status).toBe(404);
    expect(get(sb, '/opportunities/00000000-0000-4000-8000-000000000000')).toMatchObject({
      status: 404,
      body: { code: 'ResourceNotFound' },
    });
  });
});

describe('Lever sandbox: envelopes and pagination', () => {
  it('pages with {data, hasNext, next} and omits next on the last page', () => {
    const sb = sandbox();
    const first = get(sb, '/opportunities?limit=100').body;
    expect(Object.keys(first).sort()).toEqual(['data', 'hasNext', 'next']);
    const records = all(sb, '/opportunities?limit=100');
    expect(new Set(records.map((r) => r.id)).size).toBe(records.length);
    const last = get(sb, '/opportunities?limit=100&confidentiality=all&archived=true').body;
    expect(last.hasNext).toBe(false);
    expect('next' in last).toBe(false);
  });

  it('rejects limits outside 1..100 (or clamps them when told to)', () => {
    expect(get(sandbox(), '/opportunities?limit=0').status).toBe(400);
    expect(get(sandbox(), '/opportunities?limit=101').status).toBe(400);
    expect(get(sandbox({ limitMode: 'clamp' }), '/opportunities?limit=500').body.data).toHaveLength(100);
  });

  it('binds offset tokens to their query, and refuses garbage tokens', () => {
    const sb = sandbox();
    const { next } = get(sb, '/opportunities?limit=10').body;
    expect(get(sb, `/opportunities?limit=10&offset=${next}`).status).toBe(200);
    expect(get(sb, `/opportunities?limit=10&archived=true&offset=${next}`)).toMatchObject({
      status: 400,
      body: { message: 'Invalid offset token: Offset token is invalid for sort' },
    });
    expect(get(sb, '/opportunities?offset=garbage%%').status).toBe(400);
  });

  it('tokens are the URL-encoded sort key of the next record: keyset pages start at it', () => {
    const sb = sandbox();
    const page = get(sb, '/opportunities?limit=3').body;
    const decoded = JSON.parse(decodeURIComponent(page.next));
    const following = get(sb, `/opportunities?limit=3&offset=${page.next}`).body.data[0];
    expect(decoded).toEqual([STAGES.find((s) => s.id === following.stage)!.rank, -following.lastAdvancedAt, following.id]);
  });

  it('orders opportunities by stage rank, then lastAdvancedAt descending; users newest first; tags alphabetically', () => {
    const sb = sandbox();
    const opps = all(sb, '/opportunities?confidentiality=all');
    const rank = (o: Rec) => STAGES.find((s) => s.id === o.stage)!.rank;
    for (let i = 1; i < opps.length; i++) {
      const a = opps[i - 1];
      const b = opps[i];
      expect(rank(a) < rank(b) || (rank(a) === rank(b) && (a.lastAdvancedAt as number) >= (b.lastAdvancedAt as number))).toBe(true);
    }
    const users = all(sb, '/users');
    expect(users.map((u) => u.createdAt)).toEqual([...users.map((u) => u.createdAt as number)].sort((x, y) => y - x));
    const tags = all(sb, '/tags').map((t) => String(t.text).toLowerCase());
    expect(tags).toEqual([...tags].sort());
  });

  it('resumes and files are not paginated and refuse limit/offset', () => {
    const sb = sandbox();
    const opp = all(sb, '/opportunities').find((o) => sb.data.children.resumes.get(o.id as string)?.length)!;
    expect(get(sb, `/opportunities/${opp.id}/resumes`).body).toMatchObject({ hasNext: false });
    expect(get(sb, `/opportunities/${opp.id}/resumes?limit=10`).status).toBe(400);
    expect(get(sb, `/opportunities/${opp.id}/files?offset=x`).status).toBe(400);
  });

  it('serves every read endpoint of the reference', () => {
    const sb = sandbox();
    const opp = all(sb, '/opportunities').find((o) => (o.applications as string[]).length > 0)!;
    for (const path of [
      '/opportunities/deleted',
      '/postings',
      '/users',
      '/stages',
      '/archive_reasons',
      '/sources',
      '/tags',
      '/requisitions',
      '/feedback_templates',
      '/form_templates',
      `/opportunities/${opp.id}/applications`,
      `/opportunities/${opp.id}/interviews`,
      `/opportunities/${opp.id}/panels`,
      `/opportunities/${opp.id}/feedback`,
      `/opportunities/${opp.id}/notes`,
      `/opportunities/${opp.id}/forms`,
      `/opportunities/${opp.id}/offers`,
      `/opportunities/${opp.id}/referrals`,
    ]) {
      const { status, body } = get(sb, path);
      expect({ path, status, list: Array.isArray(body.data), hasNext: typeof body.hasNext }).toEqual({
        path,
        status: 200,
        list: true,
        hasNext: 'boolean',
      });
    }
    expect(Object.keys(get(sb, '/requisition_fields').body)).toEqual(['data']);
    expect(Object.keys(get(sb, '/disposition_stages').body.data)).toEqual(['stages', 'archiveReasons']);
    expect(get(sb, `/opportunities/${opp.id}`).body.data.id).toBe(opp.id);
    expect(get(sb, `/contacts/${opp.contact}`).body.data.id).toBe(opp.contact);
  });
});

describe('Lever sandbox: filters, expand, include', () => {
  it('hides confidential opportunities unless asked, and from keys without access', () => {
    const sb = sandbox();
    const total = sb.data.opportunities.size;
    const confidential = [...sb.data.opportunities.values()].filter((o) => o.confidentiality === 'confidential').length;
    expect(confidential).toBeGreaterThan(0);
    expect(all(sb, '/opportunities')).toHaveLength(total - confidential);
    expect(all(sb, '/opportunities?confidentiality=all')).toHaveLength(total);
    expect(all(sb, '/opportunities?confidentiality=confidential')).toHaveLength(confidential);
    expect(
      get(sb, '/opportunities?confidentiality=all&limit=100', LIMITED_KEY).body.data.every(
        (o: Rec) => o.confidentiality !== 'confidential',
      ),
    ).toBe(true);
  });

  it('archived is tri-state; time ranges are inclusive ms; updated_at ranges skip null updatedAt', () => {
    const sb = sandbox();
    const everything = all(sb, '/opportunities?confidentiality=all');
    const archived = all(sb, '/opportunities?confidentiality=all&archived=true');
    const active = all(sb, '/opportunities?confidentiality=all&archived=false');
    expect(archived.length + active.length).toBe(everything.length);
    expect(archived.every((o) => o.archived !== null)).toBe(true);
    const pivot = everything.find((o) => typeof o.updatedAt === 'number')!.updatedAt as number;
    const inclusive = all(sb, `/opportunities?confidentiality=all&updated_at_start=${pivot}&updated_at_end=${pivot}`);
    expect(inclusive.map((o) => o.updatedAt)).toContain(pivot);
    const since0 = all(sb, '/opportunities?confidentiality=all&updated_at_start=0');
    expect(since0.length).toBe(everything.filter((o) => o.updatedAt !== null).length);
    expect(since0.length).toBeLessThan(everything.length); // legacy records with null updatedAt exist
  });

  it('multi-value filters accept k=a&k=b and k[]=a forms', () => {
    const sb = sandbox();
    const a = all(sb, '/opportunities?stage_id=lead-new&stage_id=offer');
    const b = all(sb, '/opportunities?stage_id[]=lead-new&stage_id[]=offer');
    expect(a.map((o) => o.id)).toEqual(b.map((o) => o.id));
    expect(new Set(a.map((o) => o.stage))).toEqual(new Set(['lead-new', 'offer']));
  });

  it('expand replaces ids with objects; include projects fields plus id; keys can be omitted, not null', () => {
    const sb = sandbox();
    const plain = get(sb, '/opportunities?limit=20').body.data as Rec[];
    expect(plain.every((o) => (o.applications as unknown[]).every((a) => typeof a === 'string'))).toBe(true);
    const expanded = get(sb, '/opportunities?limit=20&expand=applications&expand=stage&expand=owner').body.data as Rec[];
    const withApp = expanded.find((o) => (o.applications as unknown[]).length > 0)!;
    expect(typeof (withApp.applications as Rec[])[0]).toBe('object');
    expect(expanded[0].stage).toMatchObject({ id: expect.any(String), text: expect.any(String) });
    expect(expanded[0].owner).toMatchObject({ id: expect.any(String), email: expect.any(String) });
    const projected = get(sb, '/opportunities?limit=3&include=name').body.data as Rec[];
    expect(Object.keys(projected[0]).sort()).toEqual(['id', 'name']);
    const noPosting = all(sb, '/opportunities').find((o) => (o.applications as unknown[]).length === 0)!;
    expect('opportunityLocation' in noPosting).toBe(false);
  });

  it('postings: published alone hides internal-only ones; updated_at only combines with confidentiality', () => {
    const sb = sandbox();
    const published = all(sb, '/postings?state=published&confidentiality=all');
    const both = all(sb, '/postings?state=published&distributionChannel=public&distributionChannel=internal&confidentiality=all');
    expect(published.every((p) => (p.distributionChannels as string[]).includes('public'))).toBe(true);
    expect(both.length).toBeGreaterThanOrEqual(published.length);
    expect(get(sb, '/postings?updated_at_start=0&team=Sales').status).toBe(400);
    expect(get(sb, '/postings?updated_at_start=0&confidentiality=all').status).toBe(200);
  });

  it('users hide deactivated ones unless includeDeactivated=true', () => {
    const sb = sandbox();
    expect(all(sb, '/users').every((u) => u.deactivatedAt === null)).toBe(true);
    expect(all(sb, '/users?includeDeactivated=true').some((u) => u.deactivatedAt !== null)).toBe(true);
  });
});

describe('Lever sandbox: rate limit, faults and activity', () => {
  it('a per-key token bucket: a burst of 20 passes, the 21st in the same instant is a 429, tokens refill at 10/s', () => {
    const sb = sandbox({ rateLimit: true });
    const statuses = Array.from({ length: 21 }, () => get(sb, '/stages').status);
    expect(statuses.slice(0, 20).every((s) => s === 200)).toBe(true);
    expect(statuses[20]).toBe(429);
    expect(get(sb, '/stages', LIMITED_KEY).status).toBe(200); // another key, another bucket
    now += 100;
    expect(get(sb, '/stages').status).toBe(200);
    expect(get(sb, '/stages').status).toBe(429);
  });

  it('injects faults deterministically by request number', () => {
    const sb = sandbox({
      faults: [
        { kind: 'status-503', from: 2, count: 1 },
        { kind: 'truncated', from: 3, count: 1 },
        { kind: 'reset', from: 4, count: 1 },
      ],
    });
    expect(get(sb, '/stages').status).toBe(200);
    expect(get(sb, '/stages').status).toBe(503);
    const truncated = sb.handle({ method: 'GET', url: 'https://x/v1/stages', headers: auth() });
    expect(() => JSON.parse(truncated.body)).toThrow();
    expect(sb.handle({ method: 'GET', url: 'https://x/v1/stages', headers: auth() }).reset).toBe(true);
    expect(get(sb, '/stages').status).toBe(200);
  });

  it('activity bumps updatedAt by Lever’s rules: stage moves and notes do, feedback edits do not', () => {
    const sb = sandbox();
    const opp = [...sb.data.opportunities.values()].find(
      (o) => o.archived === null && STAGES.findIndex((s) => s.id === o.stage) < STAGES.length - 1,
    )!;
    sb.activity.advance(opp, now + 1000);
    expect(opp.updatedAt).toBe(now + 1000);
    expect((opp.stageChanges as Rec[]).at(-1)).toMatchObject({ updatedAt: now + 1000 });
    sb.activity.note(opp, now + 2000);
    expect([opp.updatedAt, opp.lastInteractionAt]).toEqual([now + 2000, now + 2000]);
    sb.activity.addFeedback(opp, now + 3000);
    sb.activity.editFeedback(now + 4000);
    expect(opp.updatedAt).toBe(now + 3000);
    sb.activity.remove(opp, now + 5000);
    expect(get(sb, `/opportunities/${opp.id}`).status).toBe(404);
    expect(all(sb, `/opportunities/deleted?deleted_at_start=${now + 5000}`).map((d) => d.id)).toEqual([opp.id]);
  });

  it('holds the realistic quirks: null updatedAt, soft-deleted feedback, hostile names, mixed offer value types', () => {
    const sb = sandbox({ opportunities: 600 });
    const opps = [...sb.data.opportunities.values()];
    expect(opps.filter((o) => o.updatedAt === null).length).toBeGreaterThan(50);
    expect([...sb.data.children.feedback.values()].flat().some((f) => f.deletedAt !== null)).toBe(true);
    expect(opps.some((o) => String(o.name).startsWith('='))).toBe(true);
    const offerValues = [...sb.data.children.offers.values()]
      .flat()
      .map((o) => (o.fields as Rec[]).find((f) => f.identifier === 'salary_amount')!.value);
    expect(new Set(offerValues.map((v) => typeof v))).toEqual(new Set(['number', 'string']));
    expect(sb.data.requisitions.some((r) => r.headcountTotal === 'unlimited')).toBe(true);
  });
});
