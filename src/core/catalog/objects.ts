import type { CatalogEntry, FieldDef, ObjectName } from './types';

const DOC = 'https://hire.lever.co/developer/documentation';

/** Shared by opportunities and their tombstones. */
const OPPORTUNITY_FIELDS: FieldDef[] = [
  { path: 'id', label: 'Opportunity ID', type: 'id' },
  { path: 'name', label: 'Name', type: 'text', pii: true },
  { path: 'contact', label: 'Contact ID', type: 'id' },
  { path: 'headline', label: 'Headline', type: 'text', pii: true },
  { path: 'stage', label: 'Stage ID', type: 'id' },
  { path: 'confidentiality', label: 'Confidentiality', type: 'text' },
  { path: 'location', label: 'Location', type: 'text', pii: true },
  { path: 'phones.value', label: 'Phones', type: 'list', pii: true },
  { path: 'phones.type', label: 'Phone types', type: 'list' },
  { path: 'emails', label: 'Emails', type: 'list', pii: true },
  { path: 'links', label: 'Links', type: 'list', pii: true },
  { path: 'archived.reason', label: 'Archive reason ID', type: 'id' },
  { path: 'archived.archivedAt', label: 'Archived at', type: 'date' },
  { path: 'tags', label: 'Tags', type: 'list' },
  { path: 'sources', label: 'Sources', type: 'list' },
  { path: 'stageChanges.toStageId', label: 'Stage history', type: 'list' },
  { path: 'stageChanges.updatedAt', label: 'Stage history times', type: 'list' },
  { path: 'origin', label: 'Origin', type: 'text' },
  { path: 'sourcedBy', label: 'Sourced by ID', type: 'id' },
  { path: 'owner', label: 'Owner ID', type: 'id' },
  { path: 'followers', label: 'Follower IDs', type: 'list' },
  { path: 'applications', label: 'Application IDs', type: 'list' },
  { path: 'createdAt', label: 'Created at', type: 'date' },
  { path: 'updatedAt', label: 'Updated at', type: 'date' },
  { path: 'lastInteractionAt', label: 'Last interaction at', type: 'date' },
  { path: 'lastAdvancedAt', label: 'Last advanced at', type: 'date' },
  { path: 'snoozedUntil', label: 'Snoozed until', type: 'date' },
  { path: 'urls.show', label: 'Lever link', type: 'url' },
  { path: 'urls.list', label: 'Lever list link', type: 'url' },
  { path: 'isAnonymized', label: 'Anonymized', type: 'boolean' },
  { path: 'dataProtection.store.allowed', label: 'Consent to store', type: 'boolean' },
  { path: 'dataProtection.store.expiresAt', label: 'Consent to store expires', type: 'date' },
  { path: 'dataProtection.contact.allowed', label: 'Consent to contact', type: 'boolean' },
  { path: 'dataProtection.contact.expiresAt', label: 'Consent to contact expires', type: 'date' },
  { path: 'opportunityLocation', label: 'Opportunity location', type: 'text' },
];

const APPLICATION_FIELDS: FieldDef[] = [
  { path: 'id', label: 'Application ID', type: 'id' },
  { path: 'opportunityId', label: 'Opportunity ID', type: 'id' },
  { path: 'candidateId', label: 'Candidate ID', type: 'id' },
  { path: 'type', label: 'Type', type: 'text' },
  { path: 'posting', label: 'Posting ID', type: 'id' },
  { path: 'postingHiringManager', label: 'Hiring manager ID', type: 'id' },
  { path: 'postingOwner', label: 'Posting owner ID', type: 'id' },
  { path: 'name', label: 'Name', type: 'text', pii: true },
  { path: 'company', label: 'Company', type: 'text', pii: true },
  { path: 'email', label: 'Email', type: 'text', pii: true },
  { path: 'phone.value', label: 'Phone', type: 'text', pii: true },
  { path: 'phone.type', label: 'Phone type', type: 'text' },
  { path: 'links', label: 'Links', type: 'list', pii: true },
  { path: 'comments', label: 'Comments', type: 'text', pii: true },
  { path: 'user', label: 'Added by ID', type: 'id' },
  { path: 'customQuestions.text', label: 'Custom question forms', type: 'list' },
  { path: 'createdAt', label: 'Created at', type: 'date' },
  { path: 'archived.reason', label: 'Archive reason ID', type: 'id' },
  { path: 'archived.archivedAt', label: 'Archived at', type: 'date' },
  { path: 'requisitionForHire.id', label: 'Requisition ID', type: 'id' },
  { path: 'requisitionForHire.requisitionCode', label: 'Requisition code', type: 'text' },
  { path: 'requisitionForHire.hiringManagerOnHire', label: 'Hiring manager on hire ID', type: 'id' },
  { path: 'ipAddress', label: 'IP address', type: 'text', pii: true },
  { path: 'referer', label: 'Referer', type: 'text' },
  { path: 'userAgent', label: 'User agent', type: 'text' },
  { path: 'acceptLanguage', label: 'Accept language', type: 'text' },
  { path: 'timezone', label: 'Time zone', type: 'text' },
];

const INTERVIEW_FIELDS: FieldDef[] = [
  { path: 'id', label: 'Interview ID', type: 'id' },
  { path: 'opportunityId', label: 'Opportunity ID', type: 'id' },
  { path: 'panel', label: 'Panel ID', type: 'id' },
  { path: 'subject', label: 'Subject', type: 'text' },
  { path: 'note', label: 'Note', type: 'text' },
  { path: 'interviewers.name', label: 'Interviewers', type: 'list' },
  { path: 'interviewers.email', label: 'Interviewer emails', type: 'list' },
  { path: 'interviewers.id', label: 'Interviewer IDs', type: 'list' },
  { path: 'timezone', label: 'Time zone', type: 'text' },
  { path: 'createdAt', label: 'Created at', type: 'date' },
  { path: 'date', label: 'Date', type: 'date' },
  { path: 'duration', label: 'Duration (minutes)', type: 'number' },
  { path: 'location', label: 'Location', type: 'text' },
  { path: 'feedbackTemplate', label: 'Feedback template ID', type: 'id' },
  { path: 'feedbackForms', label: 'Feedback IDs', type: 'list' },
  { path: 'feedbackReminder', label: 'Feedback reminder', type: 'text' },
  { path: 'user', label: 'Created by ID', type: 'id' },
  { path: 'stage', label: 'Stage ID', type: 'id' },
  { path: 'canceledAt', label: 'Canceled at', type: 'date' },
  { path: 'postings', label: 'Posting IDs', type: 'list' },
  { path: 'gcalEventUrl', label: 'Calendar event link', type: 'url' },
];

const OFFER_FIELDS: FieldDef[] = [
  { path: 'id', label: 'Offer ID', type: 'id' },
  { path: 'opportunityId', label: 'Opportunity ID', type: 'id' },
  { path: 'createdAt', label: 'Created at', type: 'date' },
  { path: 'status', label: 'Status', type: 'text' },
  { path: 'creator', label: 'Creator ID', type: 'id' },
  { path: 'fields.text', label: 'Offer field names', type: 'list' },
  { path: 'fields.value', label: 'Offer field values', type: 'list' },
  { path: 'approved', label: 'Approved', type: 'boolean' },
  { path: 'approvedAt', label: 'Approved at', type: 'date' },
  { path: 'sentAt', label: 'Sent at', type: 'date' },
  { path: 'sentDocument.fileName', label: 'Sent document', type: 'text' },
  { path: 'signedDocument.fileName', label: 'Signed document', type: 'text' },
  { path: 'signatures.candidate.signedAt', label: 'Candidate signed at', type: 'date' },
  { path: 'posting', label: 'Posting ID', type: 'id' },
];

/** Settings every entry shares unless it says otherwise. */
const ENTRY_DEFAULTS = { key: 'id', params: {}, expand: [] } satisfies Partial<CatalogEntry>;
/** Children change when their opportunity does (reference §9.1). */
const CHILD_DEFAULTS = { incremental: { kind: 'parent' } } satisfies Partial<CatalogEntry>;

type EntryInput = Omit<CatalogEntry, keyof typeof ENTRY_DEFAULTS | 'incremental'> & Partial<CatalogEntry>;

function entry(input: EntryInput): CatalogEntry {
  const child = input.source.kind !== 'list' ? CHILD_DEFAULTS : {};
  return { ...ENTRY_DEFAULTS, ...child, ...input } as CatalogEntry;
}

/**
 * The catalog. Adding an object is adding an entry here (and its name to ObjectName).
 * Children name their parent; the engine lists the parent once and fans out.
 */
export const CATALOG: Record<ObjectName, CatalogEntry> = {
  // DOC#opportunities: list, expand=applications, updated_at_* filters, /opportunities/deleted.
  opportunities: entry({
    name: 'opportunities',
    label: 'Opportunities (candidates)',
    doc: `${DOC}#list-all-opportunities`,
    source: { kind: 'list', path: '/opportunities' },
    versionField: 'updatedAt',
    incremental: { kind: 'updatedAt', param: 'updated_at', field: 'updatedAt' },
    deletions: { path: '/opportunities/deleted', param: 'deleted_at' },
    fields: OPPORTUNITY_FIELDS,
    defaults: [
      'id', 'name', 'headline', 'stage', 'emails', 'phones.value', 'location', 'origin', 'sources',
      'tags', 'owner', 'archived.reason', 'archived.archivedAt', 'createdAt', 'updatedAt',
      'lastAdvancedAt', 'urls.show',
    ],
  }),
  // DOC#applications: the sub-endpoint is deprecated in favour of expand=applications.
  applications: entry({
    name: 'applications',
    label: 'Applications',
    doc: `${DOC}#applications`,
    source: { kind: 'embedded', parent: 'opportunities', field: 'applications', expand: 'applications' },
    fields: APPLICATION_FIELDS,
    defaults: [
      'id', 'opportunityId', 'type', 'posting', 'postingHiringManager', 'name', 'email', 'company',
      'createdAt', 'archived.reason', 'archived.archivedAt',
    ],
  }),
  // DOC#list-all-interviews: per opportunity, paginated.
  interviews: entry({
    name: 'interviews',
    label: 'Interviews',
    doc: `${DOC}#list-all-interviews`,
    source: { kind: 'child', parent: 'opportunities', path: '/opportunities/:id/interviews', paginated: true },
    fields: INTERVIEW_FIELDS,
    defaults: [
      'id', 'opportunityId', 'subject', 'date', 'duration', 'interviewers.name', 'location',
      'stage', 'canceledAt', 'feedbackForms',
    ],
  }),
  // DOC#list-all-offers: per opportunity, paginated; offer fields are {text, identifier, value}.
  offers: entry({
    name: 'offers',
    label: 'Offers',
    doc: `${DOC}#list-all-offers`,
    source: { kind: 'child', parent: 'opportunities', path: '/opportunities/:id/offers', paginated: true },
    fields: OFFER_FIELDS,
    defaults: ['id', 'opportunityId', 'status', 'creator', 'createdAt', 'approvedAt', 'sentAt', 'posting'],
  }),
};

export const OBJECT_NAMES = Object.keys(CATALOG) as ObjectName[];

export function isObjectName(name: unknown): name is ObjectName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(CATALOG, name);
}

export function fieldDef(object: ObjectName, path: string): FieldDef | undefined {
  return CATALOG[object].fields.find((f) => f.path === path);
}
