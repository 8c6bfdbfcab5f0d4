import { TEMPLATE_NAMES, TEMPLATES, type TemplateName } from '../catalog/templates';
import { ConfigError } from '../errors';
import { shown } from '../jobs/checks';
import type { FieldSpec, Job } from '../jobs/types';
import type { TemplateInfo, TemplateOptions } from '../../shared/rpc';
import { listJobs } from './jobs-store';
import { saveJob } from './jobs';
import type { Platform } from './platform';

/** The gallery: every template with what it makes. */
export function listTemplates(): TemplateInfo[] {
  return TEMPLATE_NAMES.map((name) => ({
    name,
    title: TEMPLATES[name].title,
    description: TEMPLATES[name].description,
    object: TEMPLATES[name].job.object,
    ...(TEMPLATES[name].scoreFields ? { scoreChoice: true } : {}),
  }));
}

/**
 * Saves an ordinary job made from a template, validated like any other. A tab or job name another
 * job has gets " (2)", " (3)"… so two clicks in the gallery always make a job.
 */
export function saveJobFromTemplate(p: Platform, name: string, given?: TemplateOptions | null): Job {
  if (typeof name !== 'string' || !Object.prototype.hasOwnProperty.call(TEMPLATES, name)) {
    throw new ConfigError('template', `${shown(name)} is not a template; choose one of ${TEMPLATE_NAMES.join(', ')}.`);
  }
  if (given !== undefined && given !== null && (typeof given !== 'object' || Array.isArray(given))) {
    throw new ConfigError('options', 'give an object such as {"name": "…", "sheetName": "…"}, or nothing.');
  }
  const options = given ?? {};
  const template = TEMPLATES[name as TemplateName].job;
  const jobs = listJobs(p.docStore);
  const free = (base: string, taken: (candidate: string) => boolean) => {
    let candidate = base;
    for (let n = 2; taken(candidate); n++) candidate = `${base} (${n})`;
    return candidate;
  };
  const used = new Set(jobs.flatMap((j) => [j.sheetName, j.dashboard?.sheetName ?? ''].map((t) => t.toLowerCase())));
  const freeTab = (t: string) => free(t, (c) => used.has(c.toLowerCase()) || tabOfUser(p, c));
  const sheetName = options.sheetName ?? freeTab(template.sheetName);
  const jobName = options.name ?? free(template.name, (n) => jobs.some((j) => j.name === n));
  const job = structuredCopy(template);
  // The roster's window; validation says what is wrong with a bad one.
  if (options.days !== undefined && job.filters?.upcomingDays !== undefined) job.filters.upcomingDays = options.days;
  const extra = scoreFields(name as TemplateName, options.score);
  // Before the trailing ids, where the template keeps its names and values.
  if (extra.length > 0) job.fields = [...job.fields!.slice(0, -1), ...extra, ...job.fields!.slice(-1)];
  if (job.dashboard) job.dashboard.sheetName = freeTab(job.dashboard.sheetName);
  return saveJob(p, { ...job, name: jobName, sheetName });
}

/** The scorecard columns a template adds when asked; a score of the user's own needs none. */
function scoreFields(name: TemplateName, score: unknown): FieldSpec[] {
  if (score === undefined || score === 'own') return [];
  if (score !== 'scorecards') throw new ConfigError('options.score', `${shown(score)} is not a score; give "own" or "scorecards".`);
  const fields = TEMPLATES[name].scoreFields;
  if (!fields) throw new ConfigError('options.score', `the template ${name} has no score; leave it out.`);
  return structuredCopy(fields);
}

/** A tab holding data of the user's own: a template never proposes it (saveJob would refuse it). */
function tabOfUser(p: Platform, name: string): boolean {
  const tab = p.workbook.sheet(name);
  return !!tab && tab.lastRow() > 0 && !tab.markedByAddOn();
}

/** Templates are shared data: a job gets its own copy of their lists. */
function structuredCopy<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
