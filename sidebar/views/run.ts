import type { App } from '../app';
import { h } from '../dom';
import { durationText, estimateRemaining } from '../logic/format';

/** Progress of "Run now": figures move with every slice; cancel stops after the current one. */
// eslint-disable-next-line max-lines-per-function -- a view: one DOM tree, read top to bottom
export function runView(app: App): HTMLElement {
  const run = app.state.run;
  if (!run) return h('p', {}, '');
  const p = run.progress;
  const c = p?.counts;
  const done = !!p?.done || !!run.error || !!p?.paused || !!run.cancelled;
  const last = app.state.server?.jobs.find((j) => j.job.id === run.job.id)?.lastRun;
  const eta =
    p && !done ? estimateRemaining(Date.now() - run.startedAt, c?.pages ?? 0, last && !last.incremental ? last.counts.pages : null) : null;
  const status = run.cancelled
    ? 'Cancelled. The rows it wrote stay in the tab; the next run starts over. (Noted in the Sync log.)'
    : run.error
      ? `Stopped: ${run.error}`
      : run.waiting
        ? 'Waiting for another sync in this spreadsheet to finish…'
        : !p
          ? 'Starting…'
          : p.paused
            ? `Paused: ${p.paused.message}`
            : p.done
              ? p.status === 'ok'
                ? 'Done.'
                : `Failed: ${p.error?.message ?? ''}`
              : run.cancelling
                ? 'Cancelling after this step…'
                : `Working (${p.phase})…`;
  return h(
    'section',
    { 'aria-labelledby': 'run-title' },
    h('h2', { id: 'run-title' }, `Running “${run.job.name}”`),
    h('p', { class: p?.done && p.status === 'failed' ? 'error' : '', role: 'status', 'aria-live': 'polite', id: 'run-status' }, status),
    h('progress', { 'aria-label': 'Progress', ...(p?.done || run.error ? { max: 1, value: 1 } : {}) }),
    h(
      'dl',
      { class: 'figures' },
      h('dt', {}, 'Records fetched'),
      h('dd', { id: 'fig-records' }, String(c?.records ?? 0)),
      h('dt', {}, 'Rows written'),
      h('dd', { id: 'fig-rows' }, String((c?.rowsAdded ?? 0) + (c?.rowsUpdated ?? 0))),
      h('dt', {}, 'Rows removed'),
      h('dd', {}, String(c?.rowsDeleted ?? 0)),
      h('dt', {}, 'Lever requests'),
      h('dd', {}, String(c?.requests ?? 0)),
      eta !== null ? h('dt', {}, 'Time left') : null,
      eta !== null ? h('dd', {}, durationText(eta)) : null,
    ),
    h(
      'div',
      { class: 'buttons' },
      done
        ? h('button', { class: 'action', onclick: () => app.home() }, 'Back to jobs')
        : h(
            'button',
            {
              disabled: run.cancelling,
              onclick: () => {
                run.cancelling = true;
                app.set({ run });
              },
            },
            'Cancel',
          ),
    ),
  );
}
