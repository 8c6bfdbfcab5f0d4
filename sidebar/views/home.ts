import type { JobView, QuotaPlan, SidebarState } from '../../src/shared/rpc';
import type { App } from '../app';
import { openTemplates } from './templates';
import { liveJobs, setLive } from '../live';
import { h, type El } from '../dom';
import { countsText, formatClock, formatTime, progressWords, scheduleText } from '../logic/format';
import { call } from '../logic/rpc';
import { statusText } from './connect';

/** A scheduled job saved by another editor waits for the schedule owner, whose key the runs use. */
function approval(app: App, v: JobView, s: SidebarState): El | null {
  if (!v.awaitingApproval) return null;
  if (!s.schedule.mine) {
    return h(
      'div',
      { class: 'job-meta' },
      `Scheduled runs wait for ${s.schedule.owner} to approve this version: they use ${s.schedule.owner}'s Lever key.`,
    );
  }
  const approve = async () => {
    try {
      await call('approveJob', v.job.id);
      app.home({ kind: 'info', text: `Approved “${v.job.name}” for scheduled runs with your key.` });
    } catch (e) {
      app.set({ notice: { kind: 'error', text: (e as Error).message } });
    }
  };
  return h(
    'div',
    { class: 'job-meta' },
    `Saved by another editor: scheduled runs will use your Lever key once you approve it. `,
    h('button', { class: 'link', onclick: () => void approve() }, 'Approve'),
  );
}

/** The last attempt of the run in progress failed: it goes on from where it stopped at the next run. */
function stalled(v: JobView): boolean {
  return !!v.running && v.lastRun?.status === 'failed' && v.lastRun.startedAt === v.running.startedAt;
}

/** The card's badge: what a glance at the list should tell. */
function badge(v: JobView): { text: string; kind: string } | null {
  if (stalled(v) || (!v.running && v.lastRun?.status === 'failed')) return { text: 'Failed', kind: 'failed' };
  if (v.running && (v.pausedUntil || v.held)) return { text: 'Paused', kind: 'paused' };
  if (v.running) return { text: 'Running', kind: 'running' };
  if (!v.lastRun) return null;
  return v.lastRun.status === 'cancelled' ? { text: 'Cancelled', kind: 'paused' } : { text: 'OK', kind: 'ok' };
}

function runningLine(v: JobView, tz: string): El | null {
  if (!v.running) return null;
  const since = `since ${formatTime(v.running.startedAt, tz)}`;
  const text = stalled(v)
    ? `Stopped at: ${progressWords(v.running.progress).replace(/^./, (c) => c.toLowerCase())}. The next run goes on from there.`
    : v.held
      ? v.held
      : v.pausedUntil
        ? `Paused ${since}: the day's Lever requests are used up; it goes on by itself after ${formatTime(v.pausedUntil, tz)}.`
        : `${progressWords(v.running.progress)} (${since}).`;
  return h('div', { class: 'job-run' }, text);
}

// eslint-disable-next-line max-lines-per-function -- a view: one DOM tree, read top to bottom
function jobCard(app: App, v: JobView, tz: string, approvalLine: El | null): El {
  const { job, lastRun } = v;
  const mark = badge(v);
  const openTab = async (dashboard = false) => {
    try {
      await call('openTab', job.id, { dashboard });
    } catch (e) {
      app.set({ notice: { kind: 'error', text: (e as Error).message } });
    }
  };
  const toggle = async (enabled: boolean) => {
    try {
      await call('saveJob', { ...job, enabled });
      void app.refresh();
    } catch (e) {
      app.set({ notice: { kind: 'error', text: (e as Error).message } });
    }
  };
  const remove = async () => {
    if (!window.confirm(`Delete the job "${job.name}"? The tab stays as it is.`)) return;
    try {
      await call('deleteJob', job.id);
      app.home({ kind: 'info', text: `Deleted "${job.name}".` });
    } catch (e) {
      app.set({ notice: { kind: 'error', text: (e as Error).message } });
    }
  };
  const enabledId = `enabled-${job.id}`;
  return h(
    'li',
    { class: 'job', key: job.id },
    h(
      'div',
      { class: 'job-title' },
      h('span', {}, job.name),
      mark ? h('span', { class: `status-badge ${mark.kind}`, 'aria-label': `Status: ${mark.text}` }, mark.text) : null,
    ),
    h('div', { class: 'job-meta' }, `${job.object} → tab “${job.sheetName}” · ${job.mode}`),
    h('div', { class: 'job-meta' }, scheduleText(job.schedule, tz)),
    job.dashboard ? h('div', { class: 'job-meta' }, `Dashboard with charts on tab “${job.dashboard.sheetName}”, after each run`) : null,
    lastRun
      ? h(
          'div',
          { class: lastRun.status === 'failed' ? 'job-run error' : 'job-run' },
          `Last run ${formatTime(lastRun.finishedAt, tz)}: ${lastRun.status === 'ok' ? countsText(lastRun.counts) : lastRun.status === 'cancelled' ? 'cancelled' : (lastRun.error?.message ?? 'failed')}`,
        )
      : h('div', { class: 'job-run' }, 'Not run yet'),
    runningLine(v, tz),
    v.runsWith ? h('div', { class: 'job-meta' }, `Runs with “${v.runsWith}”: one read of Lever for both.`) : null,
    v.nextRunAt ? h('div', { class: 'job-meta' }, `Next run ${formatTime(v.nextRunAt, tz)}`) : null,
    approvalLine,
    h(
      'div',
      { class: 'buttons' },
      h(
        'label',
        { class: 'switch', for: enabledId },
        h('input', {
          type: 'checkbox',
          id: enabledId,
          checked: job.enabled,
          'aria-label': `${job.name} enabled`,
          onchange: (e: Event) => void toggle((e.target as HTMLInputElement).checked),
        }),
        ' Enabled',
      ),
      h('button', { class: 'action', onclick: () => void app.runNow(job), 'aria-label': `Run ${job.name} now` }, 'Run now'),
      h('button', { onclick: () => void openTab(), 'aria-label': `Open the tab of ${job.name}` }, 'Open tab'),
      job.dashboard
        ? h('button', { onclick: () => void openTab(true), 'aria-label': `Open the dashboard of ${job.name}` }, 'Open dashboard')
        : null,
      h('button', { onclick: () => void app.openEditor(job), 'aria-label': `Edit ${job.name}` }, 'Edit'),
      h('button', { onclick: () => void app.openEditor(job, true), 'aria-label': `Duplicate ${job.name}` }, 'Duplicate'),
      h('button', { onclick: () => void remove(), 'aria-label': `Delete ${job.name}` }, 'Delete'),
    ),
  );
}

/** Who runs the scheduled jobs, and the way to take that over. */
function scheduleLine(app: App, s: SidebarState): El | null {
  const { owner, mine, scheduled } = s.schedule;
  if (!scheduled || !owner) return null;
  if (mine) return h('div', { class: 'schedule-owner' }, 'Scheduled runs use your hourly trigger and your Lever key.');
  const takeOver = async () => {
    if (!window.confirm(`Run this spreadsheet's scheduled jobs with your Lever key instead of ${owner}'s?`)) return;
    try {
      await call('takeOverSchedule');
      app.home({ kind: 'info', text: 'Scheduled runs now use your trigger and your Lever key.' });
    } catch (e) {
      app.set({ notice: { kind: 'error', text: (e as Error).message } });
    }
  };
  return h(
    'div',
    { class: 'schedule-owner' },
    `Scheduled runs use ${owner}'s trigger and Lever key. `,
    h('button', { class: 'link', onclick: () => void takeOver() }, 'Take over the schedule'),
  );
}

/** The day's quota: the plan in a sentence, and which kind of Google account sets it. */
function quotaLine(app: App): El | null {
  const plan = app.state.plan;
  if (!plan) return null;
  const choose = async (kind: string) => {
    try {
      app.set({ plan: await call('setAccountKind', kind as QuotaPlan['account']) });
    } catch (e) {
      app.set({ notice: { kind: 'error', text: (e as Error).message } });
    }
  };
  return h(
    'div',
    { class: 'quota', id: 'quota-plan' },
    h('p', {}, plan.summary),
    h(
      'label',
      { for: 'account-kind' },
      'Google account ',
      h(
        'select',
        { id: 'account-kind', onchange: (e: Event) => void choose((e.target as HTMLSelectElement).value) },
        h('option', { value: 'consumer', selected: plan.account === 'consumer' }, 'Personal (Gmail)'),
        h('option', { value: 'workspace', selected: plan.account === 'workspace' }, 'Google Workspace'),
      ),
    ),
  );
}

/** The Live switch, for the jobs worth checking every minute, and what the last check found. */
function liveLine(app: App, s: SidebarState): El | null {
  const jobs = liveJobs(s.jobs.map((v) => v.job));
  if (!jobs.length || !s.connection.connected) return null;
  const l = app.state.live;
  const said = l.error
    ? `Live: ${l.error}`
    : l.lastAt !== null
      ? `Live: last checked ${formatClock(l.lastAt, s.timeZone)}, ${l.added} new`
      : 'Live: checking…';
  return h(
    'div',
    { class: 'live' },
    h(
      'label',
      {},
      h('input', {
        type: 'checkbox',
        role: 'switch',
        checked: l.on,
        'aria-checked': l.on ? 'true' : 'false',
        onchange: (e: Event) => setLive(app, (e.target as HTMLInputElement).checked),
      }),
      ` Live: check ${jobs.map((j) => j.name).join(', ')} every minute while this sidebar is open`,
    ),
    l.on ? h('p', { class: l.error ? 'error' : 'hint', role: 'status' }, said) : null,
  );
}

export function homeView(app: App): El {
  const s = app.state.server;
  if (!s) return h('p', {}, 'Loading…');
  const c = s.connection;
  return h(
    'section',
    {},
    h(
      'div',
      { class: c.status === 'rejected' ? 'connection error' : 'connection' },
      statusText(c),
      ' ',
      h('button', { class: 'link', onclick: () => app.set({ view: 'connect', notice: null }) }, c.connected ? 'Change' : 'Connect'),
    ),
    scheduleLine(app, s),
    quotaLine(app),
    h(
      'div',
      { class: 'buttons' },
      h('button', { class: 'create', onclick: () => void app.openEditor(), disabled: !c.connected }, 'New sync job'),
      h('button', { onclick: () => void openTemplates(app), disabled: !c.connected }, 'New from template'),
      s.jobs.some((v) => v.job.enabled) ? h('button', { onclick: () => void app.runAll(), disabled: !c.connected }, 'Run all') : null,
      h('button', { onclick: () => void app.openLog() }, 'Run log'),
      h('button', { onclick: () => void app.openUsage() }, 'Usage'),
      h('button', { onclick: () => void app.runCheck() }, 'Check this spreadsheet'),
    ),
    liveLine(app, s),
    s.jobs.length
      ? h('ul', { class: 'jobs', 'aria-label': 'Sync jobs' }, ...s.jobs.map((v) => jobCard(app, v, s.timeZone, approval(app, v, s))))
      : h('p', { class: 'hint' }, 'No sync jobs yet.'),
  );
}
