import type { Rng } from './random';
import type { Rec } from './types';
import { CITIES, FIRST, LAST, TEAMS, TITLES } from './vocabulary';

/** The account around the candidates: users, archive reasons, postings, requisitions. */

export const DAY = 86_400_000;

export const REQUISITION_FIELDS: Rec[] = [
  { id: 'cost_center', text: 'Cost center', type: 'text', isRequired: true },
  {
    id: 'level',
    text: 'Level',
    type: 'dropdown',
    isRequired: false,
    options: [
      { id: 'l1', text: 'L1' },
      { id: 'l2', text: 'L2' },
    ],
  },
  { id: 'budget', text: 'Budget', type: 'number', isRequired: false },
];

/** "Hired" first; one reason is retired (inactive), as real accounts have. */
export function seedArchiveReasons(rng: Rng): Rec[] {
  return [
    { id: rng.uuid(), text: 'Hired', status: 'active', type: 'hired' },
    ...['Underqualified', 'Withdrew', 'Position filled', 'Timing', 'No response', 'Culture add', 'Compensation'].map((text, i) => ({
      id: rng.uuid(),
      text,
      status: i === 6 ? 'inactive' : 'active',
      type: 'non-hired',
    })),
  ];
}

export function seedUser(rng: Rng, now: number, i: number): Rec {
  const name = `${FIRST[i % FIRST.length]} ${LAST[(i * 7) % LAST.length]}`;
  const email = `${name.toLowerCase().replace(/\s+/g, '.')}${i}@company.example`;
  return {
    id: rng.uuid(),
    name,
    username: email.split('@')[0],
    email,
    accessRole: i === 0 ? 'super admin' : rng.pick(['admin', 'team member', 'limited team member', 'interviewer']),
    photo: null,
    createdAt: now - (900 - i) * DAY,
    deactivatedAt: i % 9 === 8 ? now - 30 * DAY : null,
    externalDirectoryId: null,
    linkedContactIds: null,
    jobTitle: rng.pick(['Recruiter', 'Engineering Manager', 'Designer', null]),
    managerId: null,
  };
}

/** A posting in any state; `activeUserId` picks its owner and hiring manager. */
// eslint-disable-next-line max-lines-per-function -- one record's fields, as data
export function seedPosting(rng: Rng, now: number, activeUserId: () => string): Rec {
  const title = rng.pick(TITLES);
  const team = rng.pick(TEAMS);
  const state = rng.pick(['published', 'published', 'internal', 'closed', 'draft', 'pending']);
  const id = rng.uuid();
  const created = now - rng.int(100, 800) * DAY;
  const owner = activeUserId();
  const posting: Rec = {
    id,
    text: title,
    state,
    distributionChannels: state === 'draft' ? null : rng.pick([['public'], ['internal'], ['public', 'internal']]),
    confidentiality: rng.chance(0.1) ? 'confidential' : 'non-confidential',
    user: owner,
    owner,
    hiringManager: rng.chance(0.8) ? activeUserId() : null,
    followers: [owner],
    categories: {
      commitment: 'Full-time',
      department: team,
      level: null,
      location: rng.pick(CITIES.filter(Boolean)),
      team,
      allLocations: [rng.pick(CITIES.filter(Boolean))],
    },
    tags: [team],
    content: {
      description: `We are hiring a ${title}.`,
      descriptionHtml: `<p>We are hiring a ${title}.</p>`,
      lists: [{ text: 'Requirements', content: '<li>Curiosity</li>' }],
      closing: '',
      closingHtml: '',
    },
    country: rng.pick(['PT', 'DE', 'US', 'GB', null]),
    reqCode: '',
    requisitionCodes: [],
    urls:
      state === 'draft' || state === 'closed'
        ? null
        : {
            list: 'https://jobs.sandbox.lever.co/acme',
            show: `https://jobs.sandbox.lever.co/acme/${id}`,
            apply: `https://jobs.sandbox.lever.co/acme/${id}/apply`,
          },
    createdAt: created,
    updatedAt: created + rng.int(0, 50) * DAY,
    workplaceType: rng.pick(['unspecified', 'onsite', 'remote', 'hybrid']),
  };
  // salaryRange is omitted, not null, when unset.
  if (rng.chance(0.5)) posting.salaryRange = { min: 50000, max: 90000, currency: 'EUR', interval: 'per-year-salary' };
  return posting;
}

export function seedRequisition(rng: Rng, posting: Rec, index: number): Rec {
  const created = posting.createdAt as number;
  return {
    id: rng.uuid(),
    requisitionCode: `REQ-${rng.int(100, 999)}`,
    name: posting.text,
    status: rng.pick(['open', 'onHold', 'closed', 'draft']),
    confidentiality: 'non-confidential',
    createdAt: created,
    updatedAt: created + DAY,
    closedAt: null,
    // Lever mixes numbers and the text "unlimited" here; the first requisition always shows it.
    headcountTotal: index === 0 || rng.chance(0.2) ? 'unlimited' : rng.int(1, 4),
    headcountHired: 0,
    headcountInfinite: false,
    backfill: rng.chance(0.3),
    creator: posting.owner,
    owner: posting.owner,
    hiringManager: posting.hiringManager,
    internalNotes: null,
    compensationBand: { min: 50000, max: 90000, currency: 'EUR', interval: 'per-year-salary' },
    employmentStatus: 'full-time',
    location: (posting.categories as Rec).location,
    team: (posting.categories as Rec).team,
    department: (posting.categories as Rec).department,
    postings: [posting.id],
    offerIds: [],
    timeToFillStartAt: created,
    timeToFillEndAt: null,
    customFields: { cost_center: `CC-${rng.int(10, 99)}`, level: 'l2', budget: rng.int(50, 150) * 1000 },
    approval: null,
  };
}
