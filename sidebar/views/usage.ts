import type { App } from '../app';
import { h, type El } from '../dom';
import { num } from '../logic/format';
import type { JobUsage, UsageReport } from '../../src/shared/rpc';

/** Bytes in words: 950 B, 12.4 KB, 3.1 MB. */
export function bytesText(n: number): string {
  if (n < 1000) return `${n} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let v = n;
  let u = -1;
  while (v >= 1000 && u < units.length - 1) {
    v /= 1000;
    u++;
  }
  return `${v.toFixed(v < 10 ? 1 : 0)} ${units[u]}`;
}

const share = (x: number) => (x > 0 && x < 0.001 ? 'under 0.1%' : `${Math.round(x * 1000) / 10}%`);
const percent = (part: number, whole: number) => `${whole ? Math.round((part / whole) * 1000) / 10 : 0}%`;

/** What the add-on uses of the day's quotas and of the spreadsheet's room, and what each copy keeps. */
export function usageView(app: App): El {
  const u = app.state.usage;
  return h(
    'section',
    { 'aria-labelledby': 'usage-title' },
    h('h2', { id: 'usage-title' }, 'Usage'),
    h('button', { onclick: () => app.home() }, 'Back'),
    u ? report(u) : h('p', {}, 'Loading…'),
  );
}

function report(u: UsageReport): El {
  const s = u.spreadsheet;
  const a = u.account;
  const projection =
    s.growthPerDay === null
      ? 'Growth a day: known after two days of samples.'
      : s.fullInDays === null
        ? `Not growing (${num(s.growthPerDay)} cells a day).`
        : `Growing ${num(s.growthPerDay)} cells a day: full in ~${num(s.fullInDays)} days.`;
  return h(
    'div',
    { class: 'usage' },
    h('h3', {}, 'Your account, last 24 hours'),
    h(
      'p',
      { id: 'usage-requests' },
      `Lever requests: ${num(a.requests24h)} of ${num(a.requestLimit)} (${percent(a.requests24h, a.requestLimit)})`,
    ),
    h('p', { id: 'usage-trigger' }, `Trigger time: ${a.triggerMinutes24h} of ${a.triggerMinuteLimit} minutes`),
    h('h3', {}, 'This spreadsheet'),
    h('p', { id: 'usage-cells' }, `Cells: ${num(s.cells)} of ${num(s.cellLimit)} (${percent(s.cells, s.cellLimit)})`),
    h('p', { id: 'usage-projection', class: 'job-meta' }, projection),
    h('h3', {}, 'Jobs'),
    u.jobs.length === 0 ? h('p', { class: 'hint' }, 'No jobs yet.') : h('ul', { class: 'log' }, ...u.jobs.map(jobItem)),
  );
}

function jobItem(j: JobUsage): El {
  return h(
    'li',
    { key: j.jobId },
    h('div', { class: 'job-title' }, j.name),
    h(
      'div',
      { class: 'job-meta' },
      `${num(j.requestsToday)} ${j.requestsToday === 1 ? 'request' : 'requests'} in 24 h (${share(j.quotaShare)} of the quota) · ${num(j.requests7d)} in 7 days · ${j.runMinutes7d} min of runs`,
    ),
    h('div', { class: 'job-meta' }, `${num(j.cells)} cells in its tab`),
    ...j.copies.map((c) =>
      h(
        'div',
        { class: c.error ? 'error' : 'job-meta' },
        c.error
          ? `${c.where}: ${c.error}`
          : `${c.where}: ${num(c.files)} files, ${bytesText(c.bytes)}${c.growthPerDay === null ? '' : `, ${c.growthPerDay >= 0 ? '+' : '−'}${bytesText(Math.abs(c.growthPerDay))} a day`}`,
      ),
    ),
  );
}
