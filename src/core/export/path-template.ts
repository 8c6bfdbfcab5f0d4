import { ConfigError } from '../errors';

/**
 * A copy's path in its bucket or container, from a template such as
 * `{object}/{date}/{tab}-{run}.{ext}`: {object} (opportunities…), {tab} (the tab's name, made safe
 * for paths), {job} (the job's id), {date} (UTC day), {time} (UTC hhmmss), {run} (the run's id) and
 * {ext} (the format). A template with {run} or {time} makes a new file each run.
 */

const PLACEHOLDERS = ['object', 'tab', 'job', 'date', 'time', 'run', 'ext'] as const;
type Placeholder = (typeof PLACEHOLDERS)[number];

export function validatePathTemplate(value: unknown, field: string): string {
  const t = typeof value === 'string' ? value.trim() : '';
  const unknown = [...t.matchAll(/\{([^}]*)\}/g)].map((m) => m[1]).find((p) => !(PLACEHOLDERS as readonly string[]).includes(p));
  if (unknown !== undefined)
    throw new ConfigError(field, `{${unknown}} is not a placeholder: use ${PLACEHOLDERS.map((p) => `{${p}}`).join(', ')}.`);
  const literal = t.replace(/\{[a-z]+\}/g, '');
  if (
    !t.endsWith('.{ext}') ||
    !/^[A-Za-z0-9._=/ -]*$/.test(literal) ||
    t.startsWith('/') ||
    t.includes('//') ||
    /(^|\/)\.\.?(\/|$)/.test(t)
  )
    throw new ConfigError(
      field,
      'must be a path such as {object}/{date}/{tab}-{run}.{ext}: letters, digits, . _ = - / and placeholders, ending in .{ext}.',
    );
  return t;
}

export function renderPath(template: string, values: Record<Placeholder, string>): string {
  return template.replace(/\{([a-z]+)\}/g, (_, p: Placeholder) => values[p]);
}

/** Whether each run makes a file of its own (the rest overwrite one file, or one a day). */
export function perRun(template: string): boolean {
  return template.includes('{run}') || template.includes('{time}');
}

/** The fixed start of the template's paths (what a listing asks for), and a matcher for its files and their manifests. */
export function pathMatcher(
  template: string,
  fixed: Partial<Record<Placeholder, string>>,
): { prefix: string; test: (name: string) => boolean } {
  const first = template.search(/\{(?!(?:object|tab|job|ext)\})/);
  const prefix = renderPath(first < 0 ? template : template.slice(0, first), { ...anyValues, ...fixed } as Record<Placeholder, string>);
  const escaped = template
    .split(/(\{[a-z]+\})/)
    .map((part) => {
      const p = /^\{([a-z]+)\}$/.exec(part)?.[1] as Placeholder | undefined;
      if (!p) return part.replace(/[.*+?^$()|[\]\\]/g, '\\$&');
      return fixed[p] !== undefined ? fixed[p]!.replace(/[.*+?^$()|[\]\\]/g, '\\$&') : '[^/]+';
    })
    .join('');
  const re = new RegExp(`^${escaped}(\\.manifest\\.json)?$`);
  return { prefix, test: (name) => re.test(name) };
}

const anyValues: Record<Placeholder, string> = { object: '', tab: '', job: '', date: '', time: '', run: '', ext: '' };
