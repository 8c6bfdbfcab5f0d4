import { CUSTOM_FIELDS } from './custom';
import { withNames } from './refs';
import type { CatalogEntry, FieldDef, FilterName, ObjectName } from './types';

const DOC = 'https://hire.lever.co/developer/documentation';

/** Shared by opportunities and their tombstones. */
const OPPORTUNITY_FIELDS: FieldDef[] = [
  { path: 'id', label: 'Opportunity ID', type: 'id' },
  { path: 'name', label: 'Name', type: 'text', pii: true },
  { path: 'contact', label: 'Contact ID', type: 'id' },
  { path: 'headline', label: 'Headline', type: 'text', pii: true },
  { path: 'stage', label: 'Stage ID', type: 'id', ref: 'stages' },
  { path: 'confidentiality', label: 'Confidentiality', type: 'enum' },
  { path: 'location', label: 'Location', type: 'text', pii: true },
  { path: 'phones.value', label: 'Phones', type: 'list', pii: true },
  { path: 'phones.type', label: 'Phone types', type: 'list' },
  { path: 'emails', label: 'Emails', type: 'list', pii: true },
  { path: 'links', label: 'Links', type: 'list', pii: true },
  { path: 'archived.reason', label: 'Archive reason ID', type: 'id', ref: 'archive_reasons' },
  { path: 'archived.archivedAt', label: 'Archived at', type: 'date' },
  { path: 'tags', label: 'Tags', type: 'list' },
  { path: 'sources', label: 'Sources', type: 'list' },
  { path: 'stageChanges.toStageId', label: 'Stage history stage IDs', type: 'list', ref: 'stages' },
  { path: 'stageChanges.updatedAt', label: 'Stage history times', type: 'list' },
  { path: 'origin', label: 'Origin', type: 'enum' },
  { path: 'sourcedBy', label: 'Sourced by ID', type: 'id', ref: 'users' },
  { path: 'owner', label: 'Owner ID', type: 'id', ref: 'users' },
  { path: 'followers', label: 'Follower IDs', type: 'list', ref: 'users' },
  { path: 'applications', label: 'Application IDs', type: 'list' },
  { path: 'createdAt', label: 'Created at', type: 'date' },
  { path: 'updatedAt', label: 'Updated at', type: 'date' },
  { path: 'lastInteractionAt', label: 'Last interaction at', type: 'date' },
  { path: 'lastAdvancedAt', label: 'Last advanced at', type: 'date' },
  { path: 'derived.daysInStage', label: 'Days in current stage', type: 'number', derive: { kind: 'daysSince', from: 'lastAdvancedAt' } },
  { path: 'derived.daysSinceAdded', label: 'Days since added', type: 'number', derive: { kind: 'daysSince', from: 'createdAt' } },
  { path: 'snoozedUntil', label: 'Snoozed until', type: 'date' },
  { path: 'urls.show', label: 'Lever link', type: 'url', linkText: 'Open in Lever' },
  { path: 'urls.list', label: 'Lever list link', type: 'url', linkText: 'Candidates in Lever' },
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
  { path: 'type', label: 'Type', type: 'enum' },
  { path: 'posting', label: 'Posting ID', type: 'id', ref: 'postings' },
  { path: 'postingHiringManager', label: 'Hiring manager ID', type: 'id', ref: 'users' },
  { path: 'postingOwner', label: 'Posting owner ID', type: 'id', ref: 'users' },
  { path: 'name', label: 'Name', type: 'text', pii: true },
  { path: 'company', label: 'Company', type: 'text', pii: true },
  { path: 'email', label: 'Email', type: 'text', pii: true },
  { path: 'phone.value', label: 'Phone', type: 'text', pii: true },
  { path: 'phone.type', label: 'Phone type', type: 'enum' },
  { path: 'links', label: 'Links', type: 'list', pii: true },
  { path: 'comments', label: 'Comments', type: 'text', pii: true },
  { path: 'user', label: 'Added by ID', type: 'id', ref: 'users' },
  { path: 'customQuestions.text', label: 'Custom question forms', type: 'list' },
  { path: 'createdAt', label: 'Created at', type: 'date' },
  { path: 'derived.daysSinceApplied', label: 'Days since applied', type: 'number', derive: { kind: 'daysSince', from: 'createdAt' } },
  { path: 'archived.reason', label: 'Archive reason ID', type: 'id', ref: 'archive_reasons' },
  { path: 'archived.archivedAt', label: 'Archived at', type: 'date' },
  { path: 'requisitionForHire.id', label: 'Requisition ID', type: 'id' },
  { path: 'requisitionForHire.requisitionCode', label: 'Requisition code', type: 'text' },
  { path: 'requisitionForHire.hiringManagerOnHire', label: 'Hiring manager on hire ID', type: 'id', ref: 'users' },
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
  { path: 'feedbackReminder', label: 'Feedback reminder', type: 'enum' },
  { path: 'user', label: 'Created by ID', type: 'id', ref: 'users' },
  { path: 'stage', label: 'Stage ID', type: 'id', ref: 'stages' },
  { path: 'canceledAt', label: 'Canceled at', type: 'date' },
  { path: 'postings', label: 'Posting IDs', type: 'list', ref: 'postings' },
  { path: 'gcalEventUrl', label: 'Calendar event link', type: 'url', linkText: 'Open event' },
];

const OFFER_FIELDS: FieldDef[] = [
  { path: 'id', label: 'Offer ID', type: 'id' },
  { path: 'opportunityId', label: 'Opportunity ID', type: 'id' },
  { path: 'createdAt', label: 'Created at', type: 'date' },
  { path: 'status', label: 'Status', type: 'enum' },
  { path: 'creator', label: 'Creator ID', type: 'id', ref: 'users' },
  { path: 'fields.text', label: 'Offer field names', type: 'list' },
  { path: 'fields.value', label: 'Offer field values', type: 'list' },
  { path: 'approved', label: 'Approved', type: 'boolean' },
  { path: 'approvedAt', label: 'Approved at', type: 'date' },
  { path: 'sentAt', label: 'Sent at', type: 'date' },
  { path: 'sentDocument.fileName', label: 'Sent document', type: 'text' },
  { path: 'signedDocument.fileName', label: 'Signed document', type: 'text' },
  { path: 'signatures.candidate.signedAt', label: 'Candidate signed at', type: 'date' },
  { path: 'posting', label: 'Posting ID', type: 'id', ref: 'postings' },
];

const FORM_FIELDS_COMMON = (idLabel: string): FieldDef[] => [
  { path: 'id', label: idLabel, type: 'id' },
  { path: 'opportunityId', label: 'Opportunity ID', type: 'id' },
  { path: 'type', label: 'Type', type: 'enum' },
  { path: 'text', label: 'Form', type: 'text' },
  { path: 'instructions', label: 'Instructions', type: 'text' },
  { path: 'baseTemplateId', label: 'Template ID', type: 'id' },
  { path: 'fields.text', label: 'Questions', type: 'list' },
  { path: 'fields.value', label: 'Answers', type: 'list', pii: true },
  { path: 'user', label: 'Author ID', type: 'id', ref: 'users' },
  { path: 'createdAt', label: 'Created at', type: 'date' },
  { path: 'completedAt', label: 'Completed at', type: 'date' },
];

const PANEL_FIELDS: FieldDef[] = [
  { path: 'id', label: 'Panel ID', type: 'id' },
  { path: 'opportunityId', label: 'Opportunity ID', type: 'id' },
  { path: 'applications', label: 'Application IDs', type: 'list' },
  { path: 'canceledAt', label: 'Canceled at', type: 'date' },
  { path: 'createdAt', label: 'Created at', type: 'date' },
  { path: 'start', label: 'Start', type: 'date' },
  { path: 'end', label: 'End', type: 'date' },
  { path: 'timezone', label: 'Time zone', type: 'text' },
  { path: 'feedbackReminder', label: 'Feedback reminder', type: 'enum' },
  { path: 'note', label: 'Note', type: 'text' },
  { path: 'stage', label: 'Stage ID', type: 'id', ref: 'stages' },
  { path: 'user', label: 'Created by ID', type: 'id', ref: 'users' },
  { path: 'externallyManaged', label: 'Externally managed', type: 'boolean' },
  { path: 'externalUrl', label: 'External link', type: 'url', linkText: 'Open' },
  { path: 'interviews.id', label: 'Interview IDs', type: 'list' },
  { path: 'interviews.subject', label: 'Interviews', type: 'list' },
  { path: 'interviews.date', label: 'Interview dates', type: 'list' },
  { path: 'interviews.duration', label: 'Interview durations (minutes)', type: 'list' },
  { path: 'interviews.location', label: 'Interview locations', type: 'list' },
  { path: 'interviews.feedbackTemplate', label: 'Interview feedback template IDs', type: 'list' },
  { path: 'interviews.feedbackReminder', label: 'Interview feedback reminders', type: 'list' },
  { path: 'interviews.note', label: 'Interview notes', type: 'list' },
  { path: 'interviews.interviewers.name', label: 'Interviewers', type: 'list' },
  { path: 'interviews.interviewers.email', label: 'Interviewer emails', type: 'list' },
  { path: 'interviews.interviewers.id', label: 'Interviewer IDs', type: 'list' },
  { path: 'interviews.interviewers.responseStatus', label: 'Interviewer responses', type: 'list' },
  { path: 'interviews.interviewers.feedbackTemplate', label: 'Interviewer feedback template IDs', type: 'list' },
];

const FEEDBACK_FIELDS: FieldDef[] = [
  ...FORM_FIELDS_COMMON('Feedback ID'),
  { path: 'interview', label: 'Interview ID', type: 'id' },
  { path: 'panel', label: 'Panel ID', type: 'id' },
  { path: 'updatedAt', label: 'Updated at', type: 'date' },
  { path: 'deletedAt', label: 'Deleted at', type: 'date' },
  { path: 'fields.type', label: 'Question types', type: 'list' },
];

const NOTE_FIELDS: FieldDef[] = [
  { path: 'id', label: 'Note ID', type: 'id' },
  { path: 'opportunityId', label: 'Opportunity ID', type: 'id' },
  { path: 'text', label: 'Title', type: 'text' },
  { path: 'fields.value', label: 'Comments', type: 'list', pii: true },
  { path: 'fields.text', label: 'Comment labels', type: 'list' },
  { path: 'fields.type', label: 'Comment types', type: 'list' },
  { path: 'fields.user', label: 'Comment author IDs', type: 'list', ref: 'users' },
  { path: 'fields.createdAt', label: 'Comment times', type: 'list' },
  { path: 'fields.score', label: 'Scores', type: 'list' },
  { path: 'fields.stage', label: 'Comment stage IDs', type: 'list' },
  { path: 'user', label: 'Author ID', type: 'id', ref: 'users' },
  { path: 'secret', label: 'Secret', type: 'boolean' },
  { path: 'completedAt', label: 'Completed at', type: 'date' },
  { path: 'createdAt', label: 'Created at', type: 'date' },
  { path: 'deletedAt', label: 'Deleted at', type: 'date' },
];

const FORM_FIELDS: FieldDef[] = [
  ...FORM_FIELDS_COMMON('Form ID'),
  { path: 'stage', label: 'Stage ID', type: 'id', ref: 'stages' },
  { path: 'deletedAt', label: 'Deleted at', type: 'date' },
];

const REFERRAL_FIELDS: FieldDef[] = [
  ...FORM_FIELDS_COMMON('Referral ID'),
  { path: 'referrer', label: 'Referrer ID', type: 'id', ref: 'users' },
  { path: 'stage', label: 'Stage ID', type: 'id', ref: 'stages' },
];

const RESUME_FIELDS: FieldDef[] = [
  { path: 'id', label: 'Resume ID', type: 'id' },
  { path: 'opportunityId', label: 'Opportunity ID', type: 'id' },
  { path: 'createdAt', label: 'Created at', type: 'date' },
  { path: 'file.name', label: 'File name', type: 'text' },
  { path: 'file.ext', label: 'File type', type: 'text' },
  // An API address: it opens only with the Lever key, so it is text, not a link a person would click.
  { path: 'file.downloadUrl', label: 'Download address (API)', type: 'text' },
  { path: 'file.uploadedAt', label: 'Uploaded at', type: 'date' },
  { path: 'file.status', label: 'Processing status', type: 'enum' },
  { path: 'file.size', label: 'Size (bytes)', type: 'number' },
  { path: 'parsedData.positions.org', label: 'Employers', type: 'list', pii: true },
  { path: 'parsedData.positions.title', label: 'Job titles', type: 'list' },
  { path: 'parsedData.positions.summary', label: 'Position summaries', type: 'list', pii: true },
  { path: 'parsedData.positions.location', label: 'Position locations', type: 'list' },
  { path: 'parsedData.positions.start.year', label: 'Position start years', type: 'list' },
  { path: 'parsedData.positions.start.month', label: 'Position start months', type: 'list' },
  { path: 'parsedData.positions.end.year', label: 'Position end years', type: 'list' },
  { path: 'parsedData.positions.end.month', label: 'Position end months', type: 'list' },
  { path: 'parsedData.schools.org', label: 'Schools', type: 'list', pii: true },
  { path: 'parsedData.schools.degree', label: 'Degrees', type: 'list' },
  { path: 'parsedData.schools.field', label: 'Fields of study', type: 'list' },
  { path: 'parsedData.schools.summary', label: 'School summaries', type: 'list' },
  { path: 'parsedData.schools.start.year', label: 'School start years', type: 'list' },
  { path: 'parsedData.schools.start.month', label: 'School start months', type: 'list' },
  { path: 'parsedData.schools.end.year', label: 'School end years', type: 'list' },
  { path: 'parsedData.schools.end.month', label: 'School end months', type: 'list' },
];

const FILE_FIELDS: FieldDef[] = [
  { path: 'id', label: 'File ID', type: 'id' },
  { path: 'opportunityId', label: 'Opportunity ID', type: 'id' },
  { path: 'name', label: 'File name', type: 'text' },
  { path: 'ext', label: 'File type', type: 'text' },
  { path: 'downloadUrl', label: 'Download address (API)', type: 'text' },
  { path: 'uploadedAt', label: 'Uploaded at', type: 'date' },
  { path: 'status', label: 'Processing status', type: 'enum' },
  { path: 'size', label: 'Size (bytes)', type: 'number' },
];

const STAGE_HISTORY_FIELDS: FieldDef[] = [
  { path: 'id', label: 'Stage change ID', type: 'id' },
  { path: 'opportunityId', label: 'Opportunity ID', type: 'id' },
  { path: 'toStageId', label: 'Stage ID', type: 'id', ref: 'stages' },
  { path: 'toStageIndex', label: 'Stage position', type: 'number' },
  { path: 'updatedAt', label: 'Entered at', type: 'date' },
  { path: 'leftAt', label: 'Left at', type: 'date' },
  { path: 'minutesInStage', label: 'Minutes in stage', type: 'number' },
  { path: 'userId', label: 'Moved by ID', type: 'id', ref: 'users' },
];

const POSTING_FIELDS: FieldDef[] = [
  { path: 'id', label: 'Posting ID', type: 'id' },
  { path: 'text', label: 'Title', type: 'text' },
  { path: 'state', label: 'State', type: 'enum' },
  { path: 'distributionChannels', label: 'Distribution channels', type: 'list' },
  { path: 'confidentiality', label: 'Confidentiality', type: 'enum' },
  { path: 'user', label: 'Created by ID', type: 'id', ref: 'users' },
  { path: 'owner', label: 'Owner ID', type: 'id', ref: 'users' },
  { path: 'hiringManager', label: 'Hiring manager ID', type: 'id', ref: 'users' },
  { path: 'followers', label: 'Follower IDs', type: 'list', ref: 'users' },
  { path: 'categories.commitment', label: 'Commitment', type: 'text' },
  { path: 'categories.department', label: 'Department', type: 'text' },
  { path: 'categories.level', label: 'Level', type: 'text' },
  { path: 'categories.location', label: 'Location', type: 'text' },
  { path: 'categories.team', label: 'Team', type: 'text' },
  { path: 'categories.allLocations', label: 'All locations', type: 'list' },
  { path: 'tags', label: 'Tags', type: 'list' },
  { path: 'content.description', label: 'Description', type: 'text' },
  { path: 'content.descriptionHtml', label: 'Description (HTML)', type: 'text' },
  { path: 'content.lists.text', label: 'List titles', type: 'list' },
  { path: 'content.lists.content', label: 'List contents (HTML)', type: 'list' },
  { path: 'content.closing', label: 'Closing', type: 'text' },
  { path: 'content.closingHtml', label: 'Closing (HTML)', type: 'text' },
  { path: 'country', label: 'Country', type: 'text' },
  { path: 'reqCode', label: 'Requisition code (legacy)', type: 'text' },
  { path: 'requisitionCodes', label: 'Requisition codes', type: 'list' },
  { path: 'urls.list', label: 'Job site link', type: 'url', linkText: 'Job site' },
  { path: 'urls.show', label: 'Posting link', type: 'url', linkText: 'Open posting' },
  { path: 'urls.apply', label: 'Apply link', type: 'url', linkText: 'Apply page' },
  { path: 'createdAt', label: 'Created at', type: 'date' },
  { path: 'updatedAt', label: 'Updated at', type: 'date' },
  { path: 'workplaceType', label: 'Workplace type', type: 'enum' },
  { path: 'salaryRange.min', label: 'Salary min', type: 'number' },
  { path: 'salaryRange.max', label: 'Salary max', type: 'number' },
  { path: 'salaryRange.currency', label: 'Salary currency', type: 'text' },
  { path: 'salaryRange.interval', label: 'Salary interval', type: 'enum' },
  { path: 'salaryDescription', label: 'Salary description', type: 'text' },
  { path: 'salaryDescriptionHtml', label: 'Salary description (HTML)', type: 'text' },
  { path: 'transcribeInterviews', label: 'Transcribe interviews', type: 'boolean' },
  { path: 'screening.enabled', label: 'Screening enabled', type: 'boolean' },
];

const USER_FIELDS: FieldDef[] = [
  { path: 'id', label: 'User ID', type: 'id' },
  { path: 'name', label: 'Name', type: 'text' },
  { path: 'username', label: 'Username', type: 'text' },
  { path: 'email', label: 'Email', type: 'text' },
  { path: 'accessRole', label: 'Access role', type: 'enum' },
  { path: 'photo', label: 'Photo link', type: 'url', linkText: 'Photo' },
  { path: 'createdAt', label: 'Created at', type: 'date' },
  { path: 'deactivatedAt', label: 'Deactivated at', type: 'date' },
  { path: 'externalDirectoryId', label: 'External directory ID', type: 'id' },
  { path: 'linkedContactIds', label: 'Linked contact IDs', type: 'list' },
  { path: 'jobTitle', label: 'Job title', type: 'text' },
  { path: 'managerId', label: 'Manager ID', type: 'id', ref: 'users' },
];

const REQUISITION_FIELDS: FieldDef[] = [
  { path: 'id', label: 'Requisition ID', type: 'id' },
  { path: 'requisitionCode', label: 'Requisition code', type: 'text' },
  { path: 'name', label: 'Name', type: 'text' },
  { path: 'status', label: 'Status', type: 'enum' },
  { path: 'confidentiality', label: 'Confidentiality', type: 'enum' },
  { path: 'createdAt', label: 'Created at', type: 'date' },
  { path: 'updatedAt', label: 'Updated at', type: 'date' },
  { path: 'closedAt', label: 'Closed at', type: 'date' },
  // A number, or the text "unlimited": numbers stay numbers, the rest stays text.
  { path: 'headcountTotal', label: 'Headcount', type: 'number' },
  { path: 'headcountHired', label: 'Hired', type: 'number' },
  { path: 'headcountInfinite', label: 'Unlimited headcount', type: 'boolean' },
  { path: 'backfill', label: 'Backfill', type: 'boolean' },
  { path: 'creator', label: 'Created by ID', type: 'id' },
  { path: 'owner', label: 'Owner ID', type: 'id', ref: 'users' },
  { path: 'hiringManager', label: 'Hiring manager ID', type: 'id', ref: 'users' },
  { path: 'internalNotes', label: 'Internal notes', type: 'text' },
  { path: 'compensationBand.min', label: 'Compensation min', type: 'number' },
  { path: 'compensationBand.max', label: 'Compensation max', type: 'number' },
  { path: 'compensationBand.currency', label: 'Compensation currency', type: 'text' },
  { path: 'compensationBand.interval', label: 'Compensation interval', type: 'enum' },
  { path: 'employmentStatus', label: 'Employment status', type: 'enum' },
  { path: 'location', label: 'Location', type: 'text' },
  { path: 'team', label: 'Team', type: 'text' },
  { path: 'department', label: 'Department', type: 'text' },
  { path: 'postings', label: 'Posting IDs', type: 'list', ref: 'postings' },
  { path: 'offerIds', label: 'Offer IDs', type: 'list' },
  { path: 'timeToFillStartAt', label: 'Time to fill start', type: 'date' },
  { path: 'timeToFillEndAt', label: 'Time to fill end', type: 'date' },
  { path: 'customFields', label: 'Custom fields', type: 'json' },
  { path: 'approval', label: 'Approval', type: 'json' },
];

const TEMPLATE_FIELDS = (idLabel: string): FieldDef[] => [
  { path: 'id', label: idLabel, type: 'id' },
  { path: 'text', label: 'Name', type: 'text' },
  { path: 'instructions', label: 'Instructions', type: 'text' },
  { path: 'group', label: 'Group', type: 'json' },
  { path: 'fields.text', label: 'Questions', type: 'list' },
  { path: 'fields.type', label: 'Question types', type: 'list' },
  { path: 'createdAt', label: 'Created at', type: 'date' },
  { path: 'updatedAt', label: 'Updated at', type: 'date' },
];

/**
 * Who a child row is about, copied from the opportunity it was read under (sync/source.ts), so
 * a recruiter reads names rather than ids. The posting is the candidate's application's; objects
 * with a posting of their own (applications, offers) do not add a second one.
 */
const CANDIDATE_FIELDS = (posting: boolean): FieldDef[] => [
  { path: 'candidate.name', label: 'Candidate', type: 'text', pii: true },
  ...(posting ? [{ path: 'candidate.posting', label: 'Posting ID', type: 'id', ref: 'postings' } satisfies FieldDef] : []),
  { path: 'candidate.link', label: 'Candidate link', type: 'url', linkText: 'Open in Lever' },
  { path: 'candidate.stage', label: 'Candidate stage ID', type: 'id', ref: 'stages' },
  { path: 'candidate.sources', label: 'Candidate sources', type: 'list' },
];

/**
 * Counts over lists read per candidate (sync/tallies.ts), offered on candidates and their
 * applications: interviews not canceled, scorecards with a rating and their average rating, when
 * the latest offer was sent and when one was signed.
 */
const TALLY_FIELDS = (prefix: string, label: (s: string) => string): FieldDef[] => [
  { path: `${prefix}interviews`, label: label('Interviews'), type: 'number', tally: 'interviews' },
  { path: `${prefix}scoreAverage`, label: label('Scorecard average'), type: 'number', tally: 'feedback' },
  { path: `${prefix}scorecards`, label: label('Scorecards'), type: 'number', tally: 'feedback' },
  { path: `${prefix}offerSentAt`, label: label('Offer sent at'), type: 'date', tally: 'offers' },
  { path: `${prefix}offerAcceptedAt`, label: label('Offer accepted at'), type: 'date', tally: 'offers' },
];

/** Opportunity-based objects take every job filter. */
const OPPORTUNITY_FILTERS: FilterName[] = ['archived', 'confidentiality', 'postingIds', 'stageIds', 'createdAfter', 'createdBefore'];

/** Settings every entry shares unless it says otherwise. */
const ENTRY_DEFAULTS = { key: 'id', params: {}, expand: [], filters: [] } satisfies Partial<CatalogEntry>;
/** Children change when their opportunity does (reference §9.1) and take the opportunity filters. */
const CHILD_DEFAULTS = { incremental: { kind: 'parent' }, filters: OPPORTUNITY_FILTERS } satisfies Partial<CatalogEntry>;
/** Lists without an updated_at filter: pulled whole and compared with the tab. */
const FULL = { kind: 'full' } as const;

type EntryInput = Omit<CatalogEntry, keyof typeof ENTRY_DEFAULTS | 'incremental'> & Partial<CatalogEntry>;

/** The pseudo-field that spreads an object's custom fields into a column each. */
const CUSTOM_FIELD: FieldDef = { path: CUSTOM_FIELDS, label: 'Custom fields (a column each)', type: 'json' };

function entry(input: EntryInput): CatalogEntry {
  const child = input.source.kind !== 'list' ? CHILD_DEFAULTS : {};
  const fields = withNames(input.fields);
  return { ...ENTRY_DEFAULTS, ...child, ...input, fields: input.custom ? [...fields, CUSTOM_FIELD] : fields } as CatalogEntry;
}

const child = (
  name: ObjectName,
  label: string,
  anchor: string,
  paginated: boolean,
  fields: FieldDef[],
  defaults: string[],
  extra: Partial<CatalogEntry> = {},
): CatalogEntry =>
  entry({
    name,
    label,
    doc: `${DOC}#${anchor}`,
    source: { kind: 'child', parent: 'opportunities', path: `/opportunities/:id/${name}`, paginated },
    fields: [...CANDIDATE_FIELDS(!fields.some((f) => f.path === 'posting')), ...fields],
    defaults,
    ...extra,
  });

const reference = (
  name: ObjectName,
  label: string,
  anchor: string,
  fields: FieldDef[],
  defaults: string[],
  extra: Partial<CatalogEntry> = {},
): CatalogEntry =>
  entry({
    name,
    label,
    doc: `${DOC}#${anchor}`,
    source: { kind: 'list', path: `/${name}` },
    incremental: FULL,
    fields,
    defaults,
    ...extra,
  });

/**
 * The catalog. Adding an object is adding an entry here (and its name to ObjectName).
 * Children name their parent; the engine lists the parent once and fans out.
 */
export const CATALOG: Record<ObjectName, CatalogEntry> = {
  // DOC#list-all-opportunities: expand=applications, updated_at_* filters, /opportunities/deleted.
  opportunities: entry({
    name: 'opportunities',
    label: 'Opportunities (candidates)',
    doc: `${DOC}#list-all-opportunities`,
    source: { kind: 'list', path: '/opportunities' },
    versionField: 'updatedAt',
    incremental: { kind: 'updatedAt', param: 'updated_at', field: 'updatedAt' },
    filters: OPPORTUNITY_FILTERS,
    deletions: { path: '/opportunities/deleted', param: 'deleted_at' },
    window: { param: 'created_at', field: 'createdAt' },
    fields: [...OPPORTUNITY_FIELDS, ...TALLY_FIELDS('tally.', (l) => l)],
    defaults: [
      'name',
      'headline',
      'stage@text',
      'emails',
      'phones.value',
      'location',
      'origin',
      'sources',
      'tags',
      'owner@name',
      'archived.reason@text',
      'archived.archivedAt',
      'createdAt',
      'updatedAt',
      'lastAdvancedAt',
      'urls.show',
      'id',
    ],
  }),
  // DOC#list-deleted-opportunities: tombstones with deletedAt/deletedBy, filtered by deleted_at_*.
  deleted_opportunities: entry({
    name: 'deleted_opportunities',
    label: 'Deleted opportunities',
    doc: `${DOC}#list-deleted-opportunities`,
    source: { kind: 'list', path: '/opportunities/deleted' },
    versionField: 'deletedAt',
    incremental: { kind: 'updatedAt', param: 'deleted_at', field: 'deletedAt' },
    fields: [
      ...OPPORTUNITY_FIELDS,
      { path: 'deletedAt', label: 'Deleted at', type: 'date' },
      { path: 'deletedBy', label: 'Deleted by ID', type: 'id', ref: 'users' },
    ],
    defaults: ['name', 'stage@text', 'deletedAt', 'deletedBy@name', 'createdAt', 'id'],
  }),
  // DOC#applications: the sub-endpoint is deprecated in favour of expand=applications.
  applications: entry({
    name: 'applications',
    label: 'Applications',
    doc: `${DOC}#applications`,
    source: { kind: 'embedded', parent: 'opportunities', field: 'applications', expand: 'applications' },
    custom: { kind: 'form', path: 'customQuestions.fields', pii: true },
    fields: [...CANDIDATE_FIELDS(false), ...APPLICATION_FIELDS, ...TALLY_FIELDS('candidate.', (l) => `Candidate ${l.toLowerCase()}`)],
    defaults: [
      'name',
      'posting@text',
      'posting@team',
      'posting@location',
      'type',
      'postingHiringManager@name',
      'email',
      'company',
      'createdAt',
      'archived.reason@text',
      'archived.archivedAt',
      CUSTOM_FIELDS,
      'candidate.link',
      'id',
      'opportunityId',
    ],
  }),
  // One row per entry of an opportunity's stageChanges, with the time spent in that stage.
  stage_history: entry({
    name: 'stage_history',
    label: 'Stage history',
    doc: `${DOC}#opportunities`,
    source: { kind: 'embedded', parent: 'opportunities', field: 'stageChanges', derive: 'stageHistory' },
    fields: [...CANDIDATE_FIELDS(true), ...STAGE_HISTORY_FIELDS],
    defaults: [
      'candidate.name',
      'candidate.posting@text',
      'toStageId@text',
      'updatedAt',
      'leftAt',
      'minutesInStage',
      'userId@name',
      'id',
      'opportunityId',
    ],
  }),
  interviews: child(
    'interviews',
    'Interviews',
    'list-all-interviews',
    true,
    INTERVIEW_FIELDS,
    [
      'candidate.name',
      'candidate.posting@text',
      'subject',
      'date',
      'duration',
      'interviewers.name',
      'location',
      'stage@text',
      'canceledAt',
      'candidate.link',
      'feedbackForms',
      'id',
      'opportunityId',
    ],
    { filters: [...OPPORTUNITY_FILTERS, 'upcomingDays'], upcoming: { start: 'date', canceled: 'canceledAt' } },
  ),
  panels: child(
    'panels',
    'Interview panels',
    'list-all-panels',
    true,
    PANEL_FIELDS,
    [
      'candidate.name',
      'candidate.posting@text',
      'start',
      'end',
      'stage@text',
      'interviews.subject',
      'interviews.interviewers.name',
      'canceledAt',
      'id',
      'opportunityId',
    ],
    { filters: [...OPPORTUNITY_FILTERS, 'upcomingDays'], upcoming: { start: 'start', canceled: 'canceledAt' } },
  ),
  // Soft-deleted feedback is still listed by Lever (reference §6.6): left out here.
  feedback: child(
    'feedback',
    'Feedback (scorecards)',
    'list-all-feedback',
    true,
    FEEDBACK_FIELDS,
    [
      'candidate.name',
      'candidate.posting@text',
      'text',
      'user@name',
      'completedAt',
      CUSTOM_FIELDS,
      'candidate.link',
      'interview',
      'id',
      'opportunityId',
    ],
    { softDelete: 'deletedAt', versionField: 'updatedAt', custom: { kind: 'form', path: 'fields' } },
  ),
  notes: child(
    'notes',
    'Notes',
    'list-all-notes',
    true,
    NOTE_FIELDS,
    [
      'candidate.name',
      'candidate.posting@text',
      'user@name',
      'fields.value',
      'secret',
      'createdAt',
      'candidate.link',
      'id',
      'opportunityId',
    ],
    { softDelete: 'deletedAt' },
  ),
  forms: child(
    'forms',
    'Profile forms',
    'list-all-profile-forms',
    true,
    FORM_FIELDS,
    ['candidate.name', 'candidate.posting@text', 'text', 'user@name', 'completedAt', CUSTOM_FIELDS, 'id', 'opportunityId'],
    { softDelete: 'deletedAt', custom: { kind: 'form', path: 'fields', pii: true } },
  ),
  offers: child(
    'offers',
    'Offers',
    'list-all-offers',
    true,
    OFFER_FIELDS,
    [
      'candidate.name',
      'posting@text',
      'status',
      'creator@name',
      'createdAt',
      'approvedAt',
      'sentAt',
      CUSTOM_FIELDS,
      'candidate.link',
      'id',
      'opportunityId',
    ],
    { custom: { kind: 'offer' } },
  ),
  // Resumes and files refuse limit/offset (reference §2.4).
  resumes: child('resumes', 'Resumes', 'list-all-resumes', false, RESUME_FIELDS, [
    'candidate.name',
    'file.name',
    'file.uploadedAt',
    'parsedData.positions.org',
    'parsedData.positions.title',
    'parsedData.schools.org',
    'candidate.link',
    'id',
    'opportunityId',
  ]),
  files: child('files', 'Files', 'list-all-files', false, FILE_FIELDS, [
    'candidate.name',
    'name',
    'uploadedAt',
    'size',
    'candidate.link',
    'id',
    'opportunityId',
  ]),
  referrals: child(
    'referrals',
    'Referrals',
    'list-all-referrals',
    true,
    REFERRAL_FIELDS,
    ['candidate.name', 'candidate.posting@text', 'referrer@name', 'createdAt', CUSTOM_FIELDS, 'id', 'opportunityId'],
    { custom: { kind: 'form', path: 'fields', pii: true } },
  ),
  // DOC#list-all-postings: updated_at_* combine only with confidentiality; deletions at /postings/deleted.
  postings: entry({
    name: 'postings',
    label: 'Job postings',
    doc: `${DOC}#list-all-postings`,
    source: { kind: 'list', path: '/postings' },
    versionField: 'updatedAt',
    incremental: { kind: 'updatedAt', param: 'updated_at', field: 'updatedAt' },
    filters: ['confidentiality'],
    deletions: { path: '/postings/deleted', param: 'deleted_at', maxWindowMs: 30 * 24 * 3600_000 },
    fields: POSTING_FIELDS,
    defaults: [
      'text',
      'state',
      'categories.team',
      'categories.department',
      'categories.location',
      'categories.commitment',
      'owner@name',
      'hiringManager@name',
      'createdAt',
      'updatedAt',
      'urls.show',
      'id',
    ],
  }),
  // Deactivated users are hidden unless asked for.
  users: reference('users', 'Users', 'list-all-users', USER_FIELDS, ['name', 'email', 'accessRole', 'jobTitle', 'deactivatedAt', 'id'], {
    params: { includeDeactivated: 'true' },
  }),
  stages: reference(
    'stages',
    'Stages',
    'list-all-stages',
    [
      { path: 'id', label: 'Stage ID', type: 'id' },
      { path: 'text', label: 'Stage', type: 'text' },
    ],
    ['text', 'id'],
  ),
  archive_reasons: reference(
    'archive_reasons',
    'Archive reasons',
    'list-all-archive-reasons',
    [
      { path: 'id', label: 'Archive reason ID', type: 'id' },
      { path: 'text', label: 'Archive reason', type: 'text' },
      { path: 'status', label: 'Status', type: 'enum' },
      { path: 'type', label: 'Type', type: 'enum' },
    ],
    ['text', 'status', 'type', 'id'],
  ),
  // Sources and tags have no ids: their text is the key.
  sources: reference(
    'sources',
    'Sources',
    'list-all-sources',
    [
      { path: 'text', label: 'Source', type: 'text' },
      { path: 'count', label: 'Opportunities', type: 'number' },
    ],
    ['text', 'count'],
    { key: 'text' },
  ),
  tags: reference(
    'tags',
    'Tags',
    'list-all-tags',
    [
      { path: 'text', label: 'Tag', type: 'text' },
      { path: 'count', label: 'Opportunities', type: 'number' },
    ],
    ['text', 'count'],
    { key: 'text' },
  ),
  // No updated_at filter on requisitions (reference §9.2 #16): pulled whole.
  requisitions: reference(
    'requisitions',
    'Requisitions',
    'list-all-requisitions',
    REQUISITION_FIELDS,
    [
      'name',
      'requisitionCode',
      'status',
      'headcountTotal',
      'headcountHired',
      'hiringManager@name',
      'team',
      'location',
      'createdAt',
      'updatedAt',
      CUSTOM_FIELDS,
      'id',
    ],
    {
      versionField: 'updatedAt',
      filters: ['confidentiality'],
      custom: { kind: 'map', path: 'customFields', labels: 'requisition_fields' },
    },
  ),
  requisition_fields: entry({
    name: 'requisition_fields',
    label: 'Requisition fields',
    doc: `${DOC}#list-all-requisition-fields`,
    source: { kind: 'list', path: '/requisition_fields', paginated: false },
    incremental: FULL,
    fields: [
      { path: 'id', label: 'Field ID', type: 'id' },
      { path: 'text', label: 'Field', type: 'text' },
      { path: 'type', label: 'Type', type: 'enum' },
      { path: 'isRequired', label: 'Required', type: 'boolean' },
      { path: 'options.text', label: 'Options', type: 'list' },
      { path: 'subfields', label: 'Subfields', type: 'json' },
    ],
    defaults: ['text', 'type', 'isRequired', 'options.text', 'id'],
  }),
  feedback_templates: reference(
    'feedback_templates',
    'Feedback templates',
    'list-all-feedback-templates',
    [...TEMPLATE_FIELDS('Template ID'), { path: 'stage', label: 'Stage ID', type: 'id', ref: 'stages' }],
    ['text', 'fields.text', 'updatedAt', 'id'],
    { versionField: 'updatedAt' },
  ),
  form_templates: reference(
    'form_templates',
    'Profile form templates',
    'list-all-profile-form-templates',
    [...TEMPLATE_FIELDS('Template ID'), { path: 'secretByDefault', label: 'Secret by default', type: 'boolean' }],
    ['text', 'fields.text', 'updatedAt', 'id'],
    { versionField: 'updatedAt' },
  ),
};

export const OBJECT_NAMES = Object.keys(CATALOG) as ObjectName[];

export function isObjectName(name: unknown): name is ObjectName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(CATALOG, name);
}

export function fieldDef(object: ObjectName, path: string): FieldDef | undefined {
  return CATALOG[object].fields.find((f) => f.path === path);
}
