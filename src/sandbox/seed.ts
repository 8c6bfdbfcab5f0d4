/* eslint-disable max-lines -- the seeded account's generator: record shapes as data, one method per object */
import { Rng } from './random';
import { CHILD_KINDS, type ChildKind, type Rec, type SandboxData } from './types';
import { feedbackFields, formFields } from './forms';
import { feedbackRecord, offerRecord, resumeRecord } from './seed-children';
import { DAY, REQUISITION_FIELDS, seedArchiveReasons, seedPosting, seedRequisition, seedUser } from './seed-account';
import { CITIES, COMPANIES, FIRST, HIRE, HOSTILE_NAMES, LAST, ORIGINS, SOURCES, STAGES } from './vocabulary';

export { HIRE, HOSTILE_NAMES, STAGES } from './vocabulary';

export interface SeedOptions {
  seed: number;
  opportunities: number;
  /** "Now" of the generated account: records are created before it. */
  now: number;
}

/** Generates a whole account deterministically from a seed. */
export function seedData(opts: SeedOptions): SandboxData {
  const rng = new Rng(opts.seed);
  const g = new Generator(rng, opts.now);
  return g.build(opts.opportunities);
}

/** Builds records; also used by the activity simulator to create new ones. */
export class Generator {
  data!: SandboxData;
  private hostileIndex = 0;
  private readonly fieldIds = new Map<string, string>();

  /** Template field ids are stable: the same question has the same id on every candidate. */
  private fieldId(text: string): string {
    let id = this.fieldIds.get(text);
    if (!id) {
      id = `5f1e1d00-0000-4000-8000-${String(this.fieldIds.size + 1).padStart(12, '0')}`;
      this.fieldIds.set(text, id);
    }
    return id;
  }
  private bigNoteDone = false;

  constructor(
    readonly rng: Rng,
    private readonly now: number,
  ) {}

  build(count: number): SandboxData {
    const rng = this.rng;
    const users = Array.from({ length: 12 + Math.ceil(count / 200) }, (_, i) => seedUser(rng, this.now, i));
    const archiveReasons = seedArchiveReasons(rng);
    this.data = {
      users,
      stages: STAGES,
      archiveReasons,
      postings: [],
      requisitions: [],
      requisitionFields: REQUISITION_FIELDS,
      feedbackTemplates: [],
      formTemplates: [],
      opportunities: new Map(),
      deleted: [],
      deletedPostings: [],
      contacts: new Map(),
      children: Object.fromEntries(CHILD_KINDS.map((k) => [k, new Map<string, Rec[]>()])) as SandboxData['children'],
    };
    this.data.feedbackTemplates = [this.feedbackTemplate('Interview scorecard'), this.feedbackTemplate('Phone screen')];
    this.data.formTemplates = [
      {
        id: rng.uuid(),
        text: 'Candidate details',
        instructions: '',
        group: null,
        secretByDefault: false,
        fields: formFields(this.rng, (t) => this.fieldId(t), this.now, false),
        createdAt: this.now - 700 * DAY,
        updatedAt: this.now - 300 * DAY,
      },
    ];
    this.data.postings = Array.from({ length: Math.max(5, Math.ceil(count / 40)) }, () =>
      seedPosting(rng, this.now, () => this.activeUser().id as string),
    );
    this.data.requisitions = this.data.postings.slice(0, 4).map((p, i) => seedRequisition(rng, p, i));
    for (let i = 0; i < count; i++) {
      const created = this.now - rng.int(1, 720) * DAY + rng.int(0, DAY - 1);
      this.addOpportunity(created, this.now);
    }
    // Some candidates asked to be forgotten: anonymised, as Lever does it.
    for (const opp of [...this.data.opportunities.values()].filter((_, i) => i % 97 === 13))
      this.anonymize(opp, opp.lastInteractionAt as number);
    // A couple of opportunities were deleted before the sandbox started.
    for (let i = 0; i < Math.min(2, count); i++) {
      const opp = this.opportunity(this.now - 800 * DAY, this.now - 400 * DAY);
      this.data.deleted.push({ ...opp, deletedBy: users[0].id, deletedAt: this.now - rng.int(2, 30) * DAY });
    }
    return this.data;
  }

  private activeUser(): Rec {
    return this.rng.pick(this.data.users.filter((u) => u.deactivatedAt === null));
  }

  private feedbackTemplate(text: string): Rec {
    return {
      id: this.rng.uuid(),
      text,
      group: null,
      instructions: 'Rate the candidate',
      fields: feedbackFields(this.rng, (t) => this.fieldId(t), false),
      createdAt: this.now - 800 * DAY,
      updatedAt: this.now - 100 * DAY,
      stage: null,
    };
  }

  private personName(): string {
    if (this.rng.chance(0.08)) return HOSTILE_NAMES[this.hostileIndex++ % HOSTILE_NAMES.length];
    return `${this.rng.pick(FIRST)} ${this.rng.pick(LAST)}`;
  }

  /** Builds an opportunity created at `created`, last touched no later than `latest`. */
  // eslint-disable-next-line max-lines-per-function -- one record's fields, as data
  opportunity(created: number, latest: number): Rec {
    const rng = this.rng;
    const id = rng.uuid();
    const name = this.personName();
    const stageIdx = rng.int(0, STAGES.length - 1);
    const posting = rng.chance(0.85) ? rng.pick(this.data.postings) : null;
    const owner = this.activeUser().id;
    const origin = rng.pick(ORIGINS);
    const advances = Math.min(stageIdx, rng.int(0, 4));
    let t = created;
    const stageChanges: Rec[] = [];
    for (let i = stageIdx - advances; i <= stageIdx; i++) {
      const change: Rec = { toStageId: STAGES[i].id, toStageIndex: i, updatedAt: t };
      if (rng.chance(0.6)) change.userId = owner; // Often absent in real data.
      stageChanges.push(change);
      t = Math.min(latest, t + rng.int(1, 10) * DAY);
    }
    const lastAdvancedAt = stageChanges[stageChanges.length - 1].updatedAt as number;
    const archived = rng.chance(0.3)
      ? { reason: rng.pick(this.data.archiveReasons).id, archivedAt: Math.min(latest, lastAdvancedAt + DAY) }
      : null;
    const email = `${
      name
        .replace(/[^A-Za-z]+/g, '.')
        .replace(/^\.|\.$/g, '')
        .toLowerCase() || 'candidate'
    }@mail.example`;
    const contact = rng.uuid();
    const lastInteractionAt = Math.min(latest, lastAdvancedAt + rng.int(0, 5) * DAY);
    // Most old records never had updatedAt set (seen in a real sandbox: about 96%).
    const legacy = created < this.now - 200 * DAY && rng.chance(0.7);
    const opp: Rec = {
      id,
      name,
      contact,
      headline: rng.chance(0.2) ? '' : rng.some(COMPANIES, 2).join(', '),
      stage: STAGES[stageIdx].id,
      confidentiality: rng.chance(0.05) ? 'confidential' : 'non-confidential',
      location: rng.pick(CITIES),
      phones: rng.chance(0.8)
        ? [
            {
              type: rng.pick(['mobile', 'home', null]),
              value: rng.chance(0.5)
                ? `55555${rng.int(10000, 99999)}`
                : `+351 9${rng.int(10, 99)} ${rng.int(100, 999)} ${rng.int(100, 999)}`,
            },
          ]
        : [],
      emails: [email],
      links: rng.chance(0.5) ? [`https://www.linkedin.com/in/${id.slice(0, 8)}`] : [],
      archived,
      tags: posting ? [posting.text as string, (posting.categories as Rec).team as string] : rng.some(['Python', 'Remote', 'Senior'], 2),
      sources: rng.some(SOURCES, 2),
      stageChanges,
      origin,
      sourcedBy: origin === 'sourced' ? owner : null,
      owner,
      followers: [owner],
      applications: [],
      createdAt: created,
      updatedAt: legacy ? null : Math.max(lastInteractionAt, archived ? (archived.archivedAt as number) : 0),
      lastInteractionAt,
      lastAdvancedAt,
      snoozedUntil: null,
      urls: { list: `${HIRE}/candidates`, show: `${HIRE}/candidates/${id}` },
      isAnonymized: false,
      dataProtection: rng.chance(0.3)
        ? { store: { allowed: true, expiresAt: created + 365 * DAY }, contact: { allowed: rng.chance(0.5), expiresAt: null } }
        : null,
    };
    if (posting) {
      opp.opportunityLocation = (posting.categories as Rec).location;
      opp.applications = [this.application(opp, posting, origin)];
    }
    return opp;
  }

  private application(opp: Rec, posting: Rec, origin: string): Rec {
    const rng = this.rng;
    return {
      id: rng.uuid(),
      type: origin === 'applied' ? 'posting' : origin === 'referred' ? 'referral' : 'user',
      opportunityId: opp.id,
      candidateId: opp.id,
      posting: posting.id,
      postingHiringManager: posting.hiringManager,
      postingOwner: posting.owner,
      name: opp.name,
      company: rng.chance(0.5) ? rng.pick(COMPANIES) : null,
      email: (opp.emails as string[])[0],
      phone: (opp.phones as Rec[])[0] ?? null,
      links: opp.links,
      comments: rng.chance(0.3) ? 'I would love to join, see my portfolio.' : null,
      user: origin === 'applied' ? null : opp.owner,
      customQuestions: rng.chance(0.5)
        ? [
            {
              id: rng.uuid(),
              type: 'form',
              text: 'Application questions',
              fields: formFields(this.rng, (t) => this.fieldId(t), this.now, true),
            },
          ]
        : [],
      createdAt: opp.createdAt,
      archived: opp.archived,
      requisitionForHire: null,
      ipAddress: rng.chance(0.5) ? `203.0.113.${rng.int(1, 254)}` : null,
      referer: null,
      userAgent: null,
      acceptLanguage: 'en-US',
      timezone: 'Europe/Lisbon',
    };
  }

  /** Lever's anonymisation: personal fields emptied, the record kept. */
  anonymize(opp: Rec, at: number): void {
    Object.assign(opp, {
      name: 'Anonymized candidate',
      emails: [],
      phones: [],
      links: [],
      headline: '',
      isAnonymized: true,
      updatedAt: at,
    });
    for (const app of opp.applications as Rec[]) Object.assign(app, { name: null, email: null, phone: null, links: [] });
    const contact = this.data.contacts.get(opp.contact as string);
    if (contact) Object.assign(contact, { name: 'Anonymized candidate', emails: [], phones: [], isAnonymized: true });
  }

  /** Adds an opportunity with its children; returns it. */
  addOpportunity(created: number, latest: number): Rec {
    const opp = this.opportunity(created, latest);
    this.data.opportunities.set(opp.id as string, opp);
    this.data.contacts.set(opp.contact as string, {
      id: opp.contact,
      name: opp.name,
      headline: opp.headline,
      isAnonymized: false,
      location: { name: opp.location },
      emails: opp.emails,
      phones: opp.phones,
    });
    this.addChildren(opp, latest);
    return opp;
  }

  private push(kind: ChildKind, oppId: string, rec: Rec): void {
    const map = this.data.children[kind];
    const list = map.get(oppId) ?? [];
    list.push(rec);
    map.set(oppId, list);
  }

  private addChildren(opp: Rec, latest: number): void {
    const rng = this.rng;
    const id = opp.id as string;
    const stageIdx = STAGES.findIndex((s) => s.id === opp.stage);
    const interviewsCount = stageIdx >= 4 ? rng.int(1, 4) : 0;
    for (let i = 0; i < interviewsCount; i++) this.addInterview(opp, Math.min(latest, (opp.createdAt as number) + (i + 1) * DAY));
    for (let i = rng.int(0, 2); i > 0; i--) this.addNote(opp, Math.min(latest, (opp.createdAt as number) + i * 3600_000));
    if (stageIdx >= STAGES.length - 1 || (opp.archived && rng.chance(0.1)))
      this.addOffer(opp, Math.min(latest, opp.lastAdvancedAt as number));
    if (rng.chance(0.7)) this.push('resumes', id, resumeRecord(this.rng, opp));
    if (rng.chance(0.3))
      this.push('files', id, {
        id: rng.uuid(),
        downloadUrl: `https://api.sandbox.lever.co/v1/opportunities/${id}/files/x/download`,
        ext: '.pdf',
        name: 'portfolio.pdf',
        uploadedAt: opp.createdAt,
        status: 'processed',
        size: rng.int(1000, 900000),
      });
    if (rng.chance(0.4))
      this.push('forms', id, {
        id: rng.uuid(),
        type: 'form',
        text: 'Candidate details',
        instructions: '',
        baseTemplateId: this.data.formTemplates[0].id,
        fields: formFields(this.rng, (t) => this.fieldId(t), this.now, true),
        user: opp.owner,
        stage: opp.stage,
        createdAt: opp.createdAt,
        completedAt: opp.createdAt,
        deletedAt: rng.chance(0.05) ? latest : null,
      });
    if (opp.origin === 'referred')
      this.push('referrals', id, {
        id: rng.uuid(),
        type: 'referral',
        text: 'Referral',
        instructions: '',
        fields: formFields(this.rng, (t) => this.fieldId(t), this.now, true).slice(0, 2),
        baseTemplateId: rng.uuid(),
        user: opp.owner,
        referrer: this.activeUser().id,
        stage: opp.stage,
        createdAt: opp.createdAt,
        completedAt: opp.createdAt,
      });
  }

  // eslint-disable-next-line max-lines-per-function -- one record's fields, as data
  addInterview(opp: Rec, at: number): Rec {
    const rng = this.rng;
    const id = opp.id as string;
    const interviewer = this.activeUser();
    const template = rng.pick(this.data.feedbackTemplates);
    const panelId = rng.uuid();
    const interview: Rec = {
      id: rng.uuid(),
      panel: panelId,
      subject: `${rng.pick(['Technical', 'Culture', 'Hiring manager'])} interview with ${opp.name}`,
      note: rng.chance(0.2) ? '+ bring laptop' : '',
      interviewers: [{ id: interviewer.id, name: interviewer.name, email: interviewer.email, feedbackTemplate: template.id }],
      timezone: 'Europe/Lisbon',
      createdAt: at,
      date: at + 2 * DAY,
      duration: rng.pick([30, 45, 60]),
      location: rng.pick(['Zoom', 'Office 3B', '']),
      feedbackTemplate: template.id,
      feedbackForms: [],
      feedbackReminder: rng.pick(['once', 'daily', 'frequently', 'none']),
      user: opp.owner,
      stage: opp.stage,
      canceledAt: rng.chance(0.1) ? at + DAY : null,
      postings: ((opp.applications as Rec[]) ?? []).map((a) => a.posting),
      gcalEventUrl: null,
      opportunityId: id,
    };
    this.push('interviews', id, interview);
    this.push('panels', id, {
      id: panelId,
      applications: ((opp.applications as Rec[]) ?? []).map((a) => a.id),
      canceledAt: interview.canceledAt,
      createdAt: at,
      start: interview.date,
      end: (interview.date as number) + (interview.duration as number) * 60_000,
      timezone: 'Europe/Lisbon',
      feedbackReminder: interview.feedbackReminder,
      note: '',
      stage: opp.stage,
      user: opp.owner,
      externallyManaged: false,
      externalUrl: null,
      interviews: [
        {
          id: interview.id,
          subject: interview.subject,
          note: interview.note,
          date: interview.date,
          duration: interview.duration,
          location: interview.location,
          feedbackReminder: interview.feedbackReminder,
          feedbackTemplate: template.id,
          interviewers: [{ ...(interview.interviewers as Rec[])[0], responseStatus: 'accepted' }],
        },
      ],
    });
    if (rng.chance(0.7)) {
      const fb = this.feedback(opp, interview, interviewer, template, at + 3 * DAY);
      (interview.feedbackForms as string[]).push(fb.id as string);
      this.push('feedback', id, fb);
    }
    return interview;
  }

  feedback(opp: Rec, interview: Rec | null, author: Rec, template: Rec, at: number): Rec {
    return feedbackRecord(this.rng, (t) => this.fieldId(t), opp, interview, author, template, at);
  }

  addNote(opp: Rec, at: number): Rec {
    const rng = this.rng;
    let value = rng.pick([
      'Great call, follow up Friday',
      '=HYPERLINK("https://evil.example","notes")',
      'Asked about visa, "maybe" later, see notes',
      'Line one\nLine two',
    ]);
    if (!this.bigNoteDone) {
      // One note past the 50,000-character sheet cell limit.
      value = 'Long interview transcript. '.repeat(2300);
      this.bigNoteDone = true;
    }
    const note: Rec = {
      id: rng.uuid(),
      text: 'Note',
      fields: [
        { type: 'note', text: 'Comment', value, createdAt: at, user: opp.owner, score: rng.pick([null, 1, 2, 3, 4]), stage: opp.stage },
      ],
      user: opp.owner,
      secret: rng.chance(0.1),
      completedAt: at,
      createdAt: at,
      deletedAt: null,
    };
    this.push('notes', opp.id as string, note);
    return note;
  }

  addOffer(opp: Rec, at: number): Rec {
    const app = ((opp.applications as Rec[]) ?? [])[0];
    const jobTitle = app ? ((this.data.postings.find((p) => p.id === app.posting)?.text as string | undefined) ?? 'Engineer') : 'Engineer';
    const offer = offerRecord(this.rng, opp, at, jobTitle);
    this.push('offers', opp.id as string, offer);
    return offer;
  }
}
