import type { Job, JobInput } from '../../src/shared/rpc';
import type { ResumeCopy } from '../../src/shared/job';

/**
 * The editor's Resumes settings (candidates jobs): none, a Drive folder of the add-on's, beside
 * the copy (the same bucket or container, in a folder of its own), or kept as set elsewhere
 * (another destination saved through the API, which the form does not edit).
 */
export interface ResumesDraft {
  resumesTo: 'none' | 'drive' | 'copy' | 'kept';
  /** Drive: the folder's name; beside the copy: the folder in the bucket or container. */
  resumesFolder: string;
  /** '' for the default (10 MB). */
  resumesMaxMb: string;
}

/** Only what says where the copy is, to compare a resume copy with it. */
type Place = { to: string; containerUrl?: string; bucket?: string; region?: string; endpoint?: string };
const samePlace = (a: Place, b?: Place) =>
  !!b && a.to === b.to && a.containerUrl === b.containerUrl && a.bucket === b.bucket && a.region === b.region && a.endpoint === b.endpoint;

export function resumesDraft(job?: Job): ResumesDraft {
  const r = job?.resumes;
  const maxMb = r && r.maxMb !== 10 ? String(r.maxMb) : '';
  if (!r) return { resumesTo: 'none', resumesFolder: '', resumesMaxMb: '' };
  if (r.to === 'drive') return { resumesTo: 'drive', resumesFolder: r.folder ?? '', resumesMaxMb: maxMb };
  const beside = samePlace(r, job.exports[0]);
  return { resumesTo: beside ? 'copy' : 'kept', resumesFolder: r.prefix ?? '', resumesMaxMb: maxMb };
}

/** The job's `resumes` as saveJob takes it; `copy` is the export the form edits (where "beside the copy" points). */
export function resumesInput(d: ResumesDraft & { object: string }, input: JobInput, copy: JobInput['exports'], base?: Job): void {
  const maxMb = d.resumesMaxMb.trim() ? { maxMb: Number(d.resumesMaxMb) } : {};
  const where = copy?.[0] as Partial<ResumeCopy> | undefined;
  if (d.object !== 'opportunities' || d.resumesTo === 'none') input.resumes = null;
  else if (d.resumesTo === 'kept') input.resumes = base?.resumes ? { ...base.resumes, ...maxMb } : null;
  else if (d.resumesTo === 'drive')
    input.resumes = { to: 'drive', ...(d.resumesFolder.trim() ? { folder: d.resumesFolder.trim() } : {}), ...maxMb };
  else if (where && where.to !== 'drive') {
    const { to, containerUrl, bucket, region, endpoint, encryption } = where;
    const place = Object.fromEntries(Object.entries({ containerUrl, bucket, region, endpoint, encryption }).filter(([, v]) => v));
    input.resumes = { to, ...place, ...(d.resumesFolder.trim() ? { prefix: d.resumesFolder.trim() } : {}), ...maxMb };
  } else input.resumes = null;
}

/** What is wrong with the Resumes settings, in the words shown under the form (null: nothing). */
export function resumesError(d: ResumesDraft & { mirror: string; copyTo: string }): string | null {
  const mb = d.resumesMaxMb.trim();
  if (mb && !(/^\d+$/.test(mb) && +mb >= 1 && +mb <= 25))
    return 'Largest resume: a whole number of megabytes from 1 to 25 (or leave it empty).';
  if (d.resumesTo === 'copy' && (d.mirror === 'none' || d.copyTo === 'drive'))
    return 'Resumes beside the copy need a copy to S3 or Azure: choose one under Copies, or a Drive folder for the resumes.';
  return null;
}

/** What the folded section says. */
export function resumesSummary(d: ResumesDraft, job?: Job): string {
  if (d.resumesTo === 'none') return 'Not mirrored';
  if (d.resumesTo === 'drive') return `Drive, ${d.resumesFolder.trim() || 'the add-on’s folder'}`;
  if (d.resumesTo === 'kept') return `Kept: ${job?.resumes?.to === 's3' ? `S3 ${job.resumes.bucket}` : (job?.resumes?.containerUrl ?? '')}`;
  return `Beside the copy${d.resumesFolder.trim() ? `, in ${d.resumesFolder.trim()}` : ''}`;
}
