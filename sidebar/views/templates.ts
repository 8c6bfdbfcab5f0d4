import type { App } from '../app';
import { h, type El } from '../dom';
import { call, plain } from '../logic/rpc';
import type { TemplateInfo } from '../../src/shared/rpc';

/** *New from template*: the gallery of ready-made jobs. */
export async function openTemplates(app: App): Promise<void> {
  app.set({ view: 'templates', notice: null });
  if (app.state.templates) return;
  try {
    app.set({ templates: await call('listTemplates') });
  } catch (e) {
    app.set({ notice: { kind: 'error', text: plain((e as Error).message) } });
  }
}

/** Makes the job (saved at once, like any other) and goes home, where it can be run or edited. */
async function useTemplate(app: App, t: TemplateInfo): Promise<void> {
  app.set({ notice: { kind: 'info', text: `Making “${t.title}”…` } });
  try {
    const job = await call('saveJobFromTemplate', t.name, t.scoreChoice && app.state.scorecards ? { score: 'scorecards' } : {});
    app.home({ kind: 'info', text: `Added “${job.name}” (tab “${job.sheetName}”). Run it now, or Edit it first.` });
  } catch (e) {
    app.set({ notice: { kind: 'error', text: plain((e as Error).message) } });
  }
}

export function templatesView(app: App): El {
  const list = app.state.templates;
  return h(
    'section',
    { 'aria-labelledby': 'templates-title' },
    h('h2', { id: 'templates-title' }, 'New from template'),
    h('p', { class: 'hint' }, 'Each template makes an ordinary sync job: change anything afterwards with Edit.'),
    !list
      ? h('p', {}, 'Loading…')
      : h(
          'ul',
          { class: 'jobs', 'aria-label': 'Templates' },
          ...list.map((t) =>
            h(
              'li',
              { class: 'job', key: t.name },
              h('div', { class: 'job-title' }, t.title),
              h('p', { class: 'job-meta' }, t.description),
              t.scoreChoice ? scoreChoice(app, t) : null,
              h('button', { class: 'action', onclick: () => void useTemplate(app, t), 'aria-label': `Use ${t.title}` }, 'Use'),
            ),
          ),
        ),
    h('button', { onclick: () => app.home() }, 'Back'),
  );
}

/** The brief's score: a column of the user's own unless they ask for Lever's scorecards (a request per candidate). */
function scoreChoice(app: App, t: TemplateInfo): El {
  const id = `score-${t.name}`;
  return h(
    'div',
    { class: 'radio' },
    h('input', {
      type: 'checkbox',
      id,
      checked: app.state.scorecards,
      onchange: (e: Event) => app.set({ scorecards: (e.target as HTMLInputElement).checked }),
    }),
    h('label', { for: id }, 'Score from Lever’s scorecards (one more request per candidate); else add a score column of your own'),
  );
}
