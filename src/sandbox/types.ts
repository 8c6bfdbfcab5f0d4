/** Record shapes the sandbox serves, following the reference's §6 (loosely typed: Lever is loose too). */
export type Rec = Record<string, unknown>;

export interface Stage {
  id: string;
  text: string;
  pipeline: 'lead' | 'applicant' | 'screen' | 'onsite' | 'offer';
  rank: number;
  hasInterview: boolean;
}

export interface KeyPolicy {
  /** Sees confidential records. */
  confidential: boolean;
  /** Resources (first path segment, e.g. "offers") this key may not read: 403. */
  forbidden: string[];
}

export interface SandboxData {
  users: Rec[];
  stages: Stage[];
  archiveReasons: Rec[];
  postings: Rec[];
  requisitions: Rec[];
  requisitionFields: Rec[];
  feedbackTemplates: Rec[];
  formTemplates: Rec[];
  /** Opportunities by id, applications kept expanded inside (ids are derived when not expanded). */
  opportunities: Map<string, Rec>;
  deleted: Rec[];
  deletedPostings: Rec[];
  contacts: Map<string, Rec>;
  /** Children per opportunity id. */
  children: Record<ChildKind, Map<string, Rec[]>>;
}

export type ChildKind = 'interviews' | 'panels' | 'feedback' | 'notes' | 'forms' | 'offers' | 'resumes' | 'files' | 'referrals';

export const CHILD_KINDS: ChildKind[] = ['interviews', 'panels', 'feedback', 'notes', 'forms', 'offers', 'resumes', 'files', 'referrals'];

/**
 * An HTTP exchange as the sandbox answers it. The local Apps Script host's UrlFetchApp passes the
 * same shape (src/host/wire.ts); src/cli wires the two together, and the type checker holds them
 * alike there, so neither imports the other.
 */
export interface WireRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
}

export interface WireResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
  /** A file's bytes (a download); `body` is then its UTF-8 reading. */
  bytes?: Uint8Array;
  /** How long the server took (or would have taken) to answer. */
  latencyMs: number;
  /** The connection dropped before any answer. */
  reset?: boolean;
}
