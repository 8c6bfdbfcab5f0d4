import type { Tally } from '../catalog/types';
import { talliesOf } from '../jobs/columns';
import type { Job } from '../jobs/types';
import type { LeverClient } from '../lever/client';
import { listAll } from '../lever/paginator';
import type { LeverRecord } from './rows';

export { talliesOf };

/** Where each tally is read: a list per candidate. */
const TALLY_PATH: Record<Tally, string> = {
  interviews: '/opportunities/:id/interviews',
  feedback: '/opportunities/:id/feedback',
  offers: '/opportunities/:id/offers',
};

const COUNT: Record<Tally, (records: LeverRecord[]) => LeverRecord> = {
  interviews: (r) => interviewTally(r),
  feedback: (r) => scorecardTally(r),
  offers: (r) => offerTally(r),
};

/**
 * Reads the lists behind the job's tally columns for these opportunities and keeps the counts on
 * each as `tally` (children copy it into their candidate). A candidate that vanished meanwhile
 * gets none; its deletion comes later in the run.
 */
export function addTallies(client: LeverClient, job: Job, opportunities: LeverRecord[]): void {
  for (const tally of talliesOf(job)) {
    const paths = opportunities.map((o) => TALLY_PATH[tally].replace(':id', encodeURIComponent(String(o.id))));
    const params = { limit: 100 };
    const firstPages = client.listMany(paths, params);
    opportunities.forEach((o, i) => {
      const first = firstPages[i];
      if (first === null) return;
      const records = listAll(client, paths[i], params, first);
      const into = (o.tally ??= {}) as LeverRecord;
      Object.assign(into, COUNT[tally](records));
    });
  }
}

/** Interviews that were not canceled. */
export function interviewTally(interviews: LeverRecord[]): LeverRecord {
  return { interviews: interviews.filter((i) => i.canceledAt === null || i.canceledAt === undefined).length };
}

/**
 * Scorecards with at least one rating (score fields, and the skills of scorecard fields, 1 to 4),
 * and the average over them of each one's mean rating, to two decimals: every interviewer's
 * scorecard weighs the same, however many skills it rates. Soft-deleted ones are left out.
 */
export function scorecardTally(feedback: LeverRecord[]): LeverRecord {
  const means: number[] = [];
  for (const form of feedback) {
    if (form.deletedAt !== null && form.deletedAt !== undefined) continue;
    const ratings = ratingsOf(form);
    if (ratings.length > 0) means.push(ratings.reduce((a, b) => a + b, 0) / ratings.length);
  }
  const average = means.length > 0 ? Math.round((means.reduce((a, b) => a + b, 0) / means.length) * 100) / 100 : null;
  return { scorecards: means.length, scoreAverage: average };
}

function ratingsOf(form: LeverRecord): number[] {
  const fields = Array.isArray(form.fields) ? (form.fields as LeverRecord[]) : [];
  const out: number[] = [];
  for (const f of fields) {
    if (f === null || typeof f !== 'object') continue;
    if (f.type === 'score' && isRating(f.value)) out.push(f.value);
    if (f.type === 'scorecard' && Array.isArray(f.value))
      for (const s of f.value as LeverRecord[]) if (s !== null && typeof s === 'object' && isRating(s.score)) out.push(s.score);
  }
  return out;
}

function isRating(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v) && v >= 1 && v <= 4;
}

/**
 * When the latest offer was sent, and when the latest signed one was signed by the candidate (or,
 * without a candidate signature, by anyone): the dashboard counts offers sent and accepted per month.
 */
export function offerTally(offers: LeverRecord[]): LeverRecord {
  let sent: number | null = null;
  let accepted: number | null = null;
  const later = (a: number | null, b: unknown) => (typeof b === 'number' && Number.isFinite(b) && (a === null || b > a) ? b : a);
  for (const o of offers) {
    sent = later(sent, o.sentAt);
    if (o.status !== 'signed') continue;
    const signatures = o.signatures !== null && typeof o.signatures === 'object' ? (o.signatures as Record<string, LeverRecord>) : {};
    const candidate = signatures.candidate?.signedAt;
    const any = Object.values(signatures).reduce<number | null>((m, s) => later(m, s?.signedAt), null);
    accepted = later(accepted, typeof candidate === 'number' ? candidate : any);
  }
  return { offerSentAt: sent, offerAcceptedAt: accepted };
}
