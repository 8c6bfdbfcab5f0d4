import { validateExport } from '../export/config';
import { ConfigError } from '../errors';
import { integerIn, plainObject } from './checks';
import type { ExportConfig, Job, ResumeCopy } from './types';

/** A job's resume copy: candidates only; the destination checked as a copy's would be. */
export function validateResumes(value: unknown, object: Job['object']): { resumes?: ResumeCopy } {
  if (value === undefined || value === null) return {};
  if (object !== 'opportunities')
    throw new ConfigError('resumes', 'mirrors candidates’ resumes: use it on an opportunities (candidates) job.');
  const { maxMb, ...where } = plainObject(value, 'resumes');
  const dest = validateExport({ ...where, format: 'csv' }, 'resumes');
  const { format: _f, keep: _k, retentionDays: _r, layout: _l, path: _p, ...place } = dest;
  return { resumes: { ...place, maxMb: maxMb === undefined ? 10 : integerIn(maxMb, 1, 25, 'resumes.maxMb') } };
}

/** The resume copy's destination as a copy's settings (what destinationFor takes). */
export function resumeDestination(r: ResumeCopy): ExportConfig {
  const { maxMb: _m, ...place } = r;
  return { ...place, format: 'csv', keep: 'latest' };
}
