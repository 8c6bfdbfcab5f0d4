import type { Rng } from './random';
import type { Rec } from './types';
import { feedbackFields } from './forms';
import { DAY } from './seed-account';
import { COMPANIES, OFFER_STATUS } from './vocabulary';

/** Record bodies of a candidate's children; the generator files them under the opportunity. */

/** A completed scorecard; about one in twenty is soft-deleted. */
export function feedbackRecord(
  rng: Rng,
  fieldId: (text: string) => string,
  opp: Rec,
  interview: Rec | null,
  author: Rec,
  template: Rec,
  at: number,
): Rec {
  return {
    id: rng.uuid(),
    type: 'interview',
    text: template.text,
    instructions: template.instructions,
    fields: feedbackFields(rng, fieldId, true),
    baseTemplateId: template.id,
    interview: interview?.id ?? null,
    panel: interview?.panel ?? null,
    user: author.id,
    createdAt: at,
    completedAt: at,
    updatedAt: at,
    // Soft-deleted feedback is still listed (reference §6.6).
    deletedAt: rng.chance(0.05) ? at + DAY : null,
    opportunityId: opp.id,
  };
}

/** An offer in any status, with the fields' number/string inconsistencies Lever has. */
export function offerRecord(rng: Rng, opp: Rec, at: number, jobTitle: string): Rec {
  const status = rng.pick(OFFER_STATUS);
  const app = ((opp.applications as Rec[]) ?? [])[0];
  return {
    id: rng.uuid(),
    createdAt: at,
    status,
    creator: opp.owner,
    fields: [
      { text: 'Job title', identifier: 'job_title', value: jobTitle },
      { text: 'Candidate name', identifier: 'candidate_name', value: opp.name },
      // Lever mixes numbers and numeric strings here.
      { text: 'Salary', identifier: 'salary_amount', value: rng.chance(0.5) ? rng.int(50, 120) * 1000 : String(rng.int(50, 120) * 1000) },
      { text: 'Currency', identifier: 'compensation_currency', value: 'EUR' },
      { text: 'Start date', identifier: 'anticipated_start_date', value: at + 30 * DAY },
      { text: 'Signing bonus', identifier: 'custom_signing_bonus', value: null },
    ],
    signatures: {
      candidate: {
        role: 'candidate',
        name: opp.name,
        email: (opp.emails as string[])[0],
        firstOpenedAt: null,
        lastOpenedAt: null,
        signedAt: status === 'signed' ? at + 2 * DAY : null,
        signed: status === 'signed',
      },
    },
    approved: status === 'draft' ? null : rng.pick([true, 'true', false]),
    approvedAt: status === 'draft' ? null : at + DAY,
    sentAt: ['sent', 'opened', 'signed'].includes(status) ? at + DAY : null,
    sentDocument: null,
    signedDocument:
      status === 'signed'
        ? { fileName: 'offer-signed.pdf', uploadedAt: at + 2 * DAY, downloadUrl: 'https://api.sandbox.lever.co/v1/x' }
        : null,
    posting: app?.posting ?? null,
  };
}

/** A parsed resume: file metadata plus positions and schools. */
export function resumeRecord(rng: Rng, opp: Rec): Rec {
  const id = rng.uuid();
  return {
    id,
    createdAt: opp.createdAt,
    file: {
      name: 'cv.pdf',
      ext: rng.pick(['.pdf', 'pdf']),
      downloadUrl: `https://api.sandbox.lever.co/v1/opportunities/${opp.id}/resumes/${id}/download`,
      uploadedAt: opp.createdAt,
      status: rng.pick(['processed', 'processing', null]),
      size: rng.int(10000, 500000),
    },
    parsedData: {
      positions: [
        {
          org: rng.pick(COMPANIES),
          title: 'Engineer',
          summary: '',
          location: 'Porto',
          start: { year: 2019, month: 3 },
          end: { year: 2023, month: null },
        },
      ],
      schools: [
        {
          org: 'State University',
          degree: 'BSc',
          field: 'Computer Science',
          summary: '',
          start: { year: 2014 },
          end: { year: 2018, month: 6 },
        },
      ],
    },
  };
}
