import type { App } from '../app';
import { h, type El } from '../dom';

/** "Check this spreadsheet": each finding in plain words, a tick or a cross. */
export function checkView(app: App): El {
  const report = app.state.check;
  return h(
    'section',
    { 'aria-labelledby': 'check-title' },
    h('h2', { id: 'check-title' }, 'Check this spreadsheet'),
    h('button', { onclick: () => app.home() }, 'Back'),
    h('button', { onclick: () => void app.runCheck(), disabled: report === 'running' }, 'Check again'),
    report === null || report === 'running'
      ? h('p', { role: 'status' }, 'Checking what Google allows here (about half a minute)…')
      : h(
          'div',
          {},
          h(
            'p',
            { class: report.ok ? 'check-summary ok' : 'check-summary error', role: 'status' },
            report.ok ? 'All checks passed.' : 'Some checks failed: see below.',
          ),
          h(
            'ul',
            { class: 'log', 'aria-label': 'Check results' },
            ...report.results.map((r) =>
              h(
                'li',
                { class: r.ok ? 'check ok' : 'check error' },
                h('div', { class: 'job-title' }, `${r.ok ? '✓' : '✗'} ${r.name}`),
                h('div', { class: 'job-meta' }, r.detail),
              ),
            ),
          ),
          h('p', { class: 'hint' }, 'The same report is in the Sync log tab.'),
        ),
  );
}
