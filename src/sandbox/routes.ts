/* eslint-disable max-lines -- the route table of Lever's read API, one handler per endpoint */
import { STAGES } from './seed';
import type { Paginator, SortKey } from './paginate';
import { CHILD_KINDS, type ChildKind, type KeyPolicy, type Rec, type SandboxData } from './types';

/** What a route handler sees. */
export interface RouteContext {
  data: SandboxData;
  query: Map<string, string[]>;
  params: Record<string, string>;
  key: KeyPolicy;
  paginator: Paginator;
  limitMode: 'error' | 'clamp';
}

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export type Body = { data: unknown; hasNext?: boolean; next?: string };
type Handler = (ctx: RouteContext) => Body;

const one = (ctx: RouteContext, name: string): string | undefined => ctx.query.get(name)?.[0];
const many = (ctx: RouteContext, name: string): string[] => ctx.query.get(name) ?? [];

function bool(ctx: RouteContext, name: string): boolean | undefined {
  const v = one(ctx, name);
  if (v === undefined) return undefined;
  if (v !== 'true' && v !== 'false') throw new HttpError(400, 'BadRequestError', `${name} must be true or false`);
  return v === 'true';
}

function ms(ctx: RouteContext, name: string): number | undefined {
  const v = one(ctx, name);
  if (v === undefined) return undefined;
  if (!/^\d+$/.test(v)) throw new HttpError(400, 'BadRequestError', `${name} must be a timestamp in milliseconds`);
  return Number(v);
}

/** Inclusive `<name>_start/_end` range on a record value; null values never match a range. */
function inRange(ctx: RouteContext, name: string, value: unknown): boolean {
  const start = ms(ctx, `${name}_start`);
  const end = ms(ctx, `${name}_end`);
  if (start === undefined && end === undefined) return true;
  if (typeof value !== 'number') return false;
  return (start === undefined || value >= start) && (end === undefined || value <= end);
}

function limitOf(ctx: RouteContext): number {
  const raw = one(ctx, 'limit');
  if (raw === undefined) return 100;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 100) {
    if (ctx.limitMode === 'clamp' && Number.isFinite(n)) return Math.min(100, Math.max(1, Math.trunc(n)));
    throw new HttpError(400, 'BadRequestError', 'limit must be an integer between 1 and 100');
  }
  return n;
}

/** The query minus paging, as a stable string: a token is only valid for the query that made it. */
function fingerprint(ctx: RouteContext, path: string): string {
  const entries = [...ctx.query.entries()].filter(([k]) => k !== 'offset' && k !== 'limit').sort(([a], [b]) => a.localeCompare(b));
  return `${path}?${JSON.stringify(entries)}`;
}

function paged(ctx: RouteContext, path: string, records: Rec[], keyOf: (r: Rec) => SortKey, project?: (r: Rec) => Rec): Body {
  const page = ctx.paginator.page(records, keyOf, { limit: limitOf(ctx), offset: one(ctx, 'offset'), fingerprint: fingerprint(ctx, path) });
  const data = project ? page.data.map(project) : page.data;
  return page.hasNext ? { data, hasNext: true, next: page.next } : { data, hasNext: false };
}

function confidentialityFilter(ctx: RouteContext): (r: Rec) => boolean {
  const wanted = one(ctx, 'confidentiality') ?? 'non-confidential';
  if (!['confidential', 'non-confidential', 'all'].includes(wanted))
    throw new HttpError(400, 'BadRequestError', 'confidentiality must be confidential, non-confidential or all');
  return (r) => {
    const conf = r.confidentiality === 'confidential';
    if (conf && !ctx.key.confidential) return false; // Invisible without confidential access.
    return wanted === 'all' || (wanted === 'confidential') === conf;
  };
}

const stageRank = new Map(STAGES.map((s) => [s.id, s.rank]));
const byCreated = (r: Rec): SortKey => [r.createdAt as number, r.id as string];
const byCreatedDesc = (r: Rec): SortKey => [-(r.createdAt as number), r.id as string];
const byText = (r: Rec): SortKey => [String(r.text).toLowerCase()];

/** Replaces ids by objects for the requested expands; applications are ids unless expanded. */
function presentOpportunity(ctx: RouteContext, opp: Rec): Rec {
  const expand = new Set(many(ctx, 'expand'));
  const user = (id: unknown) => ctx.data.users.find((u) => u.id === id) ?? id;
  const out: Rec = { ...opp };
  out.applications = expand.has('applications') ? opp.applications : (opp.applications as Rec[]).map((a) => a.id);
  if (expand.has('stage')) out.stage = { id: opp.stage, text: STAGES.find((s) => s.id === opp.stage)?.text };
  if (expand.has('owner')) out.owner = opp.owner === null ? null : user(opp.owner);
  if (expand.has('sourcedBy')) out.sourcedBy = opp.sourcedBy === null ? null : user(opp.sourcedBy);
  if (expand.has('followers')) out.followers = (opp.followers as string[]).map(user);
  if (expand.has('contact')) out.contact = ctx.data.contacts.get(opp.contact as string) ?? opp.contact;
  return project(ctx, out);
}

/** `include` keeps only the listed fields (and id). */
function project(ctx: RouteContext, rec: Rec): Rec {
  const include = many(ctx, 'include');
  if (include.length === 0) return rec;
  const out: Rec = { id: rec.id };
  for (const k of include) if (k in rec) out[k] = rec[k];
  return out;
}

function listOpportunities(ctx: RouteContext): Body {
  const conf = confidentialityFilter(ctx);
  const archived = bool(ctx, 'archived');
  const snoozed = bool(ctx, 'snoozed');
  const set = (name: string) => new Set(many(ctx, name));
  const [tags, stages, postings, origins, sources, contacts, reasons, archivedPostings] = [
    'tag',
    'stage_id',
    'posting_id',
    'origin',
    'source',
    'contact_id',
    'archive_reason_id',
    'archived_posting_id',
  ].map(set);
  const email = one(ctx, 'email')?.toLowerCase();
  const records = [...ctx.data.opportunities.values()].filter((o) => {
    const arch = o.archived as Rec | null;
    const apps = o.applications as Rec[];
    if (!conf(o)) return false;
    if (archived !== undefined && (arch !== null) !== archived) return false;
    if (snoozed !== undefined && (o.snoozedUntil !== null) !== snoozed) return false;
    if (tags.size && !(o.tags as string[]).some((t) => tags.has(t))) return false;
    if (stages.size && !stages.has(o.stage as string)) return false;
    if (postings.size && !apps.some((a) => postings.has(a.posting as string))) return false;
    if (archivedPostings.size && !(arch && apps.some((a) => archivedPostings.has(a.posting as string)))) return false;
    if (origins.size && !origins.has(o.origin as string)) return false;
    if (sources.size && !(o.sources as string[]).some((s) => sources.has(s))) return false;
    if (contacts.size && !contacts.has(o.contact as string)) return false;
    if (reasons.size && !(arch && reasons.has(arch.reason as string))) return false;
    if (email && !(o.emails as string[]).some((e) => e.toLowerCase() === email)) return false;
    return (
      inRange(ctx, 'created_at', o.createdAt) &&
      inRange(ctx, 'updated_at', o.updatedAt) &&
      inRange(ctx, 'advanced_at', o.lastAdvancedAt) &&
      inRange(ctx, 'archived_at', arch?.archivedAt)
    );
  });
  // Lever's order: stage rank ascending, then lastAdvancedAt descending, then id.
  const key = (o: Rec): SortKey => [stageRank.get(o.stage as string) ?? 999, -(o.lastAdvancedAt as number), o.id as string];
  return paged(ctx, '/opportunities', records, key, (o) => presentOpportunity(ctx, o));
}

function opportunity(ctx: RouteContext): Rec {
  const opp = ctx.data.opportunities.get(ctx.params.id);
  if (!opp || (opp.confidentiality === 'confidential' && !ctx.key.confidential)) {
    throw new HttpError(404, 'ResourceNotFound', `opportunities ${ctx.params.id} was not found`);
  }
  return opp;
}

function children(kind: ChildKind, paginated: boolean): Handler {
  return (ctx) => {
    const opp = opportunity(ctx);
    let list = ctx.data.children[kind].get(opp.id as string) ?? [];
    if (kind === 'resumes' || kind === 'files')
      list = list.filter((r) => inRange(ctx, 'uploaded_at', (r.file as Rec | undefined)?.uploadedAt ?? r.uploadedAt));
    if (!paginated) {
      if (ctx.query.has('limit') || ctx.query.has('offset'))
        throw new HttpError(400, 'BadRequestError', 'Pagination is not supported for this endpoint');
      return { data: list, hasNext: false };
    }
    const expandCreator = kind === 'offers' && many(ctx, 'expand').includes('creator');
    return paged(ctx, `/opportunities/${opp.id}/${kind}`, list, byCreated, (r) =>
      expandCreator ? { ...r, creator: ctx.data.users.find((u) => u.id === r.creator) ?? r.creator } : r,
    );
  };
}

function child(kind: ChildKind | 'applications'): Handler {
  return (ctx) => {
    const opp = opportunity(ctx);
    const list = kind === 'applications' ? (opp.applications as Rec[]) : (ctx.data.children[kind].get(opp.id as string) ?? []);
    const found = list.find((r) => r.id === ctx.params.child);
    if (!found) throw new HttpError(404, 'ResourceNotFound', `${kind} ${ctx.params.child} was not found`);
    return { data: found };
  };
}

function byId(name: string, list: (d: SandboxData) => Rec[]): Handler {
  return (ctx) => {
    const found = list(ctx.data).find((r) => r.id === ctx.params.id);
    if (!found) throw new HttpError(404, 'ResourceNotFound', `${name} ${ctx.params.id} was not found`);
    return { data: found };
  };
}

function countsOf(ctx: RouteContext, field: 'tags' | 'sources'): Rec[] {
  const counts = new Map<string, number>();
  for (const o of ctx.data.opportunities.values()) for (const t of o[field] as string[]) counts.set(t, (counts.get(t) ?? 0) + 1);
  return [...counts.entries()].map(([text, count]) => ({ text, count }));
}

function listPostings(ctx: RouteContext): Body {
  const conf = confidentialityFilter(ctx);
  const hasUpdated = ctx.query.has('updated_at_start') || ctx.query.has('updated_at_end');
  const others = [...ctx.query.keys()].filter(
    (k) => !['limit', 'offset', 'confidentiality', 'updated_at_start', 'updated_at_end', 'include', 'expand'].includes(k),
  );
  if (hasUpdated && others.length)
    throw new HttpError(400, 'BadRequestError', 'updated_at filters can only be combined with confidentiality');
  const states = new Set(many(ctx, 'state'));
  const channels = new Set(many(ctx, 'distributionChannel'));
  const cat = (name: string) => one(ctx, name);
  const records = ctx.data.postings.filter((p) => {
    const c = p.categories as Rec;
    const dist = (p.distributionChannels as string[] | null) ?? [];
    if (!conf(p)) return false;
    if (states.size && !states.has(p.state as string)) return false;
    // Quirk: published alone means publicly distributed; ask for both channels to see internal-only ones.
    if (states.has('published') && channels.size === 0 && p.state === 'published' && !dist.includes('public')) return false;
    if (channels.size && !dist.some((d) => channels.has(d))) return false;
    for (const k of ['team', 'department', 'location', 'commitment']) if (cat(k) !== undefined && c[k] !== cat(k)) return false;
    return inRange(ctx, 'updated_at', p.updatedAt);
  });
  return paged(ctx, '/postings', records, byCreatedDesc, (p) => project(ctx, p));
}

function listUsers(ctx: RouteContext): Body {
  const deactivated = bool(ctx, 'includeDeactivated') ?? false;
  const roles = new Set(many(ctx, 'accessRole'));
  const email = one(ctx, 'email');
  const records = ctx.data.users.filter(
    (u) => (deactivated || u.deactivatedAt === null) && (!roles.size || roles.has(u.accessRole as string)) && (!email || u.email === email),
  );
  return paged(ctx, '/users', records, byCreatedDesc);
}

function listRequisitions(ctx: RouteContext): Body {
  const conf = confidentialityFilter(ctx);
  const code = one(ctx, 'requisition_code');
  const status = one(ctx, 'status');
  const records = ctx.data.requisitions.filter(
    (r) => conf(r) && (!code || r.requisitionCode === code) && (!status || r.status === status) && inRange(ctx, 'created_at', r.createdAt),
  );
  return paged(ctx, '/requisitions', records, byCreated);
}

/** The route table: path pattern → handler. Order matters where patterns overlap. */
export const ROUTES: Array<[string, Handler]> = [
  ['/opportunities', listOpportunities],
  // Tombstones are the opportunity as it was, unexpanded: applications are ids.
  [
    '/opportunities/deleted',
    (ctx) =>
      paged(
        ctx,
        '/opportunities/deleted',
        ctx.data.deleted.filter((d) => inRange(ctx, 'deleted_at', d.deletedAt)),
        (r) => [r.deletedAt as number, r.id as string],
        (r) => ({ ...r, applications: (r.applications as Rec[]).map((a) => a.id) }),
      ),
  ],
  ['/opportunities/:id', (ctx) => ({ data: presentOpportunity(ctx, opportunity(ctx)) })],
  [
    '/opportunities/:id/applications',
    (ctx) => paged(ctx, `/opportunities/${ctx.params.id}/applications`, opportunity(ctx).applications as Rec[], byCreated),
  ],
  ['/opportunities/:id/applications/:child', child('applications')],
  ...CHILD_KINDS.flatMap((k): Array<[string, Handler]> => [
    [`/opportunities/:id/${k}`, children(k, k !== 'resumes' && k !== 'files')],
    [`/opportunities/:id/${k}/:child`, child(k)],
  ]),
  ['/contacts/:id', byId('contacts', (d) => [...d.contacts.values()])],
  ['/postings', listPostings],
  [
    '/postings/deleted',
    (ctx) =>
      paged(
        ctx,
        '/postings/deleted',
        ctx.data.deletedPostings.filter((d) => inRange(ctx, 'deleted_at', d.deletedAt)),
        (r) => [r.deletedAt as number, r.id as string],
      ),
  ],
  ['/postings/:id', byId('postings', (d) => d.postings)],
  ['/users', listUsers],
  ['/users/:id', byId('users', (d) => d.users)],
  [
    '/stages',
    (ctx) =>
      paged(
        ctx,
        '/stages',
        ctx.data.stages.map((s) => ({ id: s.id, text: s.text, rank: s.rank })),
        (s) => [s.rank as number],
        (s) => ({ id: s.id, text: s.text }),
      ),
  ],
  ['/stages/:id', byId('stages', (d) => d.stages.map((s) => ({ id: s.id, text: s.text })))],
  [
    '/disposition_stages',
    (ctx) => ({
      data: {
        stages: ctx.data.stages,
        archiveReasons: ctx.data.archiveReasons.map((a) => ({ id: a.id, text: a.text, type: a.type === 'hired' ? 'hired' : null })),
      },
    }),
  ],
  [
    '/archive_reasons',
    (ctx) =>
      paged(
        ctx,
        '/archive_reasons',
        ctx.data.archiveReasons.filter((a) => !one(ctx, 'type') || a.type === one(ctx, 'type')),
        byText,
      ),
  ],
  ['/archive_reasons/:id', byId('archive_reasons', (d) => d.archiveReasons)],
  ['/sources', (ctx) => paged(ctx, '/sources', countsOf(ctx, 'sources'), byText)],
  ['/tags', (ctx) => paged(ctx, '/tags', countsOf(ctx, 'tags'), byText)],
  ['/requisitions', listRequisitions],
  ['/requisitions/:id', byId('requisitions', (d) => d.requisitions)],
  ['/requisition_fields', (ctx) => ({ data: ctx.data.requisitionFields })],
  ['/requisition_fields/:id', byId('requisition_fields', (d) => d.requisitionFields)],
  ['/feedback_templates', (ctx) => paged(ctx, '/feedback_templates', ctx.data.feedbackTemplates, byText)],
  ['/feedback_templates/:id', byId('feedback_templates', (d) => d.feedbackTemplates)],
  ['/form_templates', (ctx) => paged(ctx, '/form_templates', ctx.data.formTemplates, byCreated)],
  ['/form_templates/:id', byId('form_templates', (d) => d.formTemplates)],
];

/** Finds the handler for a path; `:name` segments match one path segment. */
export function route(path: string): { handler: Handler; params: Record<string, string> } | null {
  const parts = path.split('/').filter(Boolean);
  for (const [pattern, handler] of ROUTES) {
    const pp = pattern.split('/').filter(Boolean);
    if (pp.length !== parts.length) continue;
    const params: Record<string, string> = {};
    let ok = true;
    for (let i = 0; i < pp.length && ok; i++) {
      if (pp[i].startsWith(':')) params[pp[i].slice(1)] = decodeURIComponent(parts[i]);
      else ok = pp[i] === parts[i];
    }
    // A literal segment (e.g. /opportunities/deleted) wins over a parameter: ROUTES lists it first.
    if (ok) return { handler, params };
  }
  return null;
}
