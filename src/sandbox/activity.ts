import { STAGES, type Generator } from './seed';
import type { Rec } from './types';

export interface ActivityCounts {
  created: number;
  advanced: number;
  archived: number;
  notes: number;
  feedback: number;
  feedbackEdited: number;
  interviews: number;
  offers: number;
  postingsUpdated: number;
  postingsDeleted: number;
  usersDeactivated: number;
  deleted: number;
  anonymized: number;
}

const HOUR = 3600_000;

/**
 * Simulates a recruiting team at work. Each event changes records the way Lever does, including
 * which changes bump the opportunity's updatedAt (reference §9.1): stage moves, archiving, new
 * notes and feedback (through lastInteractionAt) do; editing feedback, interviews and offers do not.
 */
export class Activity {
  readonly totals: ActivityCounts = {
    created: 0,
    advanced: 0,
    archived: 0,
    notes: 0,
    feedback: 0,
    feedbackEdited: 0,
    interviews: 0,
    offers: 0,
    postingsUpdated: 0,
    postingsDeleted: 0,
    usersDeactivated: 0,
    deleted: 0,
    anonymized: 0,
  };

  constructor(private readonly gen: Generator) {}

  private get data() {
    return this.gen.data;
  }

  private active(): Rec[] {
    return [...this.data.opportunities.values()].filter((o) => o.archived === null && !o.isAnonymized);
  }

  /** Bumps updatedAt: only for changes on the reference's list. */
  private touch(opp: Rec, at: number): void {
    opp.updatedAt = at;
  }

  /** Runs `perHour` events for each simulated hour between `from` and `to`. */
  simulate(from: number, to: number, perHour = 6): ActivityCounts {
    const before = { ...this.totals };
    for (let t = from; t < to; t += HOUR) {
      for (let i = 0; i < perHour; i++) this.event(Math.min(to, t + Math.floor(((i + 1) * HOUR) / (perHour + 1))));
    }
    const out = { ...this.totals };
    for (const k of Object.keys(out) as Array<keyof ActivityCounts>) out[k] -= before[k];
    return out;
  }

  /** One random event at time `at`. */
  event(at: number): void {
    const rng = this.gen.rng;
    const roll = rng.next();
    const pool = this.active();
    if (roll < 0.2 || pool.length === 0) return void this.create(at);
    const opp = rng.pick(pool);
    if (roll < 0.45) this.advance(opp, at);
    else if (roll < 0.55) this.archive(opp, at);
    else if (roll < 0.67) this.note(opp, at);
    else if (roll < 0.77) this.addFeedback(opp, at);
    else if (roll < 0.83) this.editFeedback(at);
    else if (roll < 0.9) this.interview(opp, at);
    else if (roll < 0.94) this.offer(opp, at);
    else if (roll < 0.96) this.updatePosting(rng.pick(this.data.postings), at);
    else if (roll < 0.98) this.remove(opp, at);
    else this.anonymize(opp, at);
  }

  create(at: number): Rec {
    this.totals.created++;
    const opp = this.gen.addOpportunity(at, at);
    opp.updatedAt = at;
    return opp;
  }

  advance(opp: Rec, at: number): void {
    const idx = STAGES.findIndex((s) => s.id === opp.stage);
    if (idx >= STAGES.length - 1) return this.archive(opp, at);
    const next = STAGES[idx + 1];
    opp.stage = next.id;
    (opp.stageChanges as Rec[]).push({ toStageId: next.id, toStageIndex: idx + 1, updatedAt: at, userId: opp.owner });
    opp.lastAdvancedAt = at;
    this.touch(opp, at);
    this.totals.advanced++;
  }

  archive(opp: Rec, at: number): void {
    const hired = opp.stage === 'offer';
    const reason = this.data.archiveReasons.find((r) => (hired ? r.type === 'hired' : r.type === 'non-hired')) as Rec;
    opp.archived = { reason: reason.id, archivedAt: at };
    for (const app of opp.applications as Rec[]) app.archived = opp.archived;
    this.touch(opp, at);
    this.totals.archived++;
  }

  note(opp: Rec, at: number): void {
    this.gen.addNote(opp, at);
    opp.lastInteractionAt = at;
    this.touch(opp, at);
    this.totals.notes++;
  }

  addFeedback(opp: Rec, at: number): void {
    const author = this.gen.rng.pick(this.data.users.filter((u) => u.deactivatedAt === null));
    const fb = this.gen.feedback(opp, null, author, this.data.feedbackTemplates[0], at);
    fb.deletedAt = null;
    const list = this.data.children.feedback.get(opp.id as string) ?? [];
    list.push(fb);
    this.data.children.feedback.set(opp.id as string, list);
    opp.lastInteractionAt = at;
    this.touch(opp, at);
    this.totals.feedback++;
  }

  /** Edits submitted feedback: the feedback's updatedAt moves, the opportunity's does not. */
  editFeedback(at: number): void {
    const all = [...this.data.children.feedback.values()].flat();
    if (all.length === 0) return;
    const fb = this.gen.rng.pick(all);
    const overall = (fb.fields as Rec[])[0];
    overall.value = overall.value === 'Hire' ? 'Strong hire' : 'Hire';
    fb.updatedAt = at;
    this.totals.feedbackEdited++;
  }

  interview(opp: Rec, at: number): void {
    this.gen.addInterview(opp, at);
    this.totals.interviews++;
  }

  offer(opp: Rec, at: number): void {
    this.gen.addOffer(opp, at);
    this.totals.offers++;
  }

  /** A recruiter edits a posting: its own updatedAt moves. */
  updatePosting(posting: Rec, at: number): void {
    posting.state = posting.state === 'published' ? 'closed' : 'published';
    posting.updatedAt = at;
    this.totals.postingsUpdated++;
  }

  deletePosting(posting: Rec, at: number): void {
    this.data.postings = this.data.postings.filter((p) => p !== posting);
    this.data.deletedPostings.push({ ...posting, deletedAt: at });
    this.totals.postingsDeleted++;
  }

  deactivateUser(user: Rec, at: number): void {
    user.deactivatedAt = at;
    this.totals.usersDeactivated++;
  }

  /** Hard delete: the record moves to /opportunities/deleted and its children vanish. */
  remove(opp: Rec, at: number): void {
    const id = opp.id as string;
    this.data.opportunities.delete(id);
    for (const map of Object.values(this.data.children)) map.delete(id);
    this.data.deleted.push({ ...opp, deletedBy: this.data.users[0].id, deletedAt: at });
    this.totals.deleted++;
  }

  anonymize(opp: Rec, at: number): void {
    this.gen.anonymize(opp, at);
    this.touch(opp, at);
    this.totals.anonymized++;
  }
}
