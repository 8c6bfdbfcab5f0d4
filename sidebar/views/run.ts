import type { App, RunState } from '../app';
import { h, type El } from '../dom';
import { durationText, estimateRemaining, num, progressShare, progressWords } from '../logic/format';

type Outcome = 'running' | 'done' | 'failed' | 'paused' | 'cancelled';

function outcomeOf(run: RunState): Outcome {
  const p = run.progress;
  if (run.cancelled) return 'cancelled';
  if (run.error || (p?.done && p.status === 'failed')) return 'failed';
  if (p?.paused || p?.held) return 'paused';
  return p?.done ? 'done' : 'running';
}

/** The one line a screen reader hears: it changes when the run's state does, not with every figure. */
function statusLine(run: RunState, outcome: Outcome): string {
  const p = run.progress;
  switch (outcome) {
    case 'cancelled':
      return 'Cancelled. The rows it wrote stay in the tab; the next run starts over. (Noted in the Sync log.)';
    case 'failed':
      return run.error ? `Stopped: ${run.error}` : `Failed: ${p?.error?.message ?? ''}`;
    case 'paused':
      return p?.held ? p.held : `Paused: ${p?.paused?.message ?? ''}`;
    case 'done':
      return 'Done.';
    default:
      return run.waiting ? 'Waiting for another sync in this spreadsheet to finish…' : run.cancelling ? 'Cancelling…' : 'Running…';
  }
}

/** Time left, from the rate since this sidebar started watching and the estimated total. */
function timeLeft(run: RunState): number | null {
  const pr = run.progress?.progress;
  if (!pr || !run.first || pr.phase !== 'records' || !pr.total) return null;
  return estimateRemaining(Date.now() - run.first.at, pr.listed - run.first.listed, pr.total - pr.listed);
}

/** A bar filled by the share done when there is a total; a failed run's bar stays where it stopped, in red. */
function bar(run: RunState, outcome: Outcome, words: string): El {
  const pr = run.progress?.progress;
  const share = outcome === 'done' ? 1 : pr ? progressShare(pr) : null;
  const label = `Progress of ${run.job.name}`;
  // No total to measure against: an indeterminate bar (no value at all), not an invented one.
  if (share === null)
    return h('progress', { key: 'indeterminate', id: 'run-bar', 'aria-label': label, 'aria-valuetext': words, class: outcome });
  return h('progress', {
    key: 'determinate',
    id: 'run-bar',
    'aria-label': label,
    'aria-valuetext': words,
    class: outcome,
    max: 100,
    value: Math.round(share * 100),
  });
}

/** Progress of "Run now": figures move with every slice; Cancel ends the run within one slice. */
// eslint-disable-next-line max-lines-per-function -- a view: one DOM tree, read top to bottom
export function runView(app: App): El {
  const run = app.state.run;
  if (!run) return h('p', {}, '');
  const p = run.progress;
  const c = p?.counts;
  const outcome = outcomeOf(run);
  const finished = outcome !== 'running';
  const words = p?.progress && !finished ? progressWords(p.progress) : outcome === 'done' ? `Done: ${num(c?.records ?? 0)} records` : '';
  const eta = finished ? null : timeLeft(run);
  const b = run.batch;
  return h(
    'section',
    { 'aria-labelledby': 'run-title' },
    h('h2', { id: 'run-title' }, b ? `Running all jobs: ${b.index + 1} of ${b.total}` : `Running “${run.job.name}”`),
    b ? h('p', { class: 'job-meta' }, `Now: “${run.job.name}”`) : null,
    h('p', { class: outcome === 'failed' ? 'error' : '', role: 'status', id: 'run-status' }, statusLine(run, outcome)),
    h('p', { class: 'progress-words', id: 'run-words' }, words),
    bar(run, outcome, words || statusLine(run, outcome)),
    eta !== null ? h('p', { class: 'job-meta', id: 'run-eta' }, durationText(eta)) : null,
    h(
      'dl',
      { class: 'figures' },
      h('dt', {}, 'Records fetched'),
      h('dd', { id: 'fig-records' }, num(c?.records ?? 0)),
      h('dt', {}, 'Rows written'),
      h('dd', { id: 'fig-rows' }, num((c?.rowsAdded ?? 0) + (c?.rowsUpdated ?? 0))),
      h('dt', {}, 'Rows removed'),
      h('dd', {}, num(c?.rowsDeleted ?? 0)),
      h('dt', {}, 'Lever requests'),
      h('dd', {}, num(c?.requests ?? 0)),
    ),
    b && b.results.length
      ? h(
          'ul',
          { class: 'log', 'aria-label': 'Jobs run so far' },
          ...b.results.map((r) => h('li', { key: r.name }, `${r.name}: ${r.outcome}`)),
        )
      : null,
    h(
      'div',
      { class: 'buttons' },
      finished
        ? h('button', { class: 'action', id: 'run-action', onclick: () => app.home() }, 'Back to jobs')
        : h(
            'button',
            {
              id: 'run-action',
              disabled: run.cancelling,
              'aria-label': `Cancel ${run.job.name}`,
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
