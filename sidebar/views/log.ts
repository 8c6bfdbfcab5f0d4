import type { App } from '../app';
import { h, type El } from '../dom';

export function logView(app: App): El {
  const log = app.state.log;
  return h(
    'section',
    { 'aria-labelledby': 'log-title' },
    h('h2', { id: 'log-title' }, 'Run log'),
    h('button', { onclick: () => app.home() }, 'Back'),
    !log
      ? h('p', {}, 'Loading…')
      : log.length === 0
        ? h('p', { class: 'hint' }, 'No runs yet.')
        : h(
            'ol',
            { class: 'log' },
            ...log.map((r) =>
              h(
                'li',
                { class: r.status === 'failed' ? 'error' : '' },
                h('div', { class: 'job-title' }, `${r.job}: ${r.status}`),
                h('div', { class: 'job-meta' }, `${r.startedAt.replace('T', ' ').slice(0, 16)} · ${r.kind} · ${r.seconds} s`),
                h(
                  'div',
                  { class: 'job-meta' },
                  `${r.records} records · +${r.rowsAdded} · ${r.rowsUpdated} updated · ${r.rowsDeleted} removed · ${r.requests} requests${r.rateLimited ? ` · ${r.rateLimited}× slowed down` : ''}`,
                ),
                r.error ? h('div', { class: 'error' }, r.error) : null,
              ),
            ),
          ),
  );
}
