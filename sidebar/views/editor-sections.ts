import type { App, EditorState } from '../app';
import { field, h, select, type El } from '../dom';
import { rereads, type Draft } from '../logic/editor';
import { MODE_TEXT } from '../logic/format';
import { changeObject, patch } from './editor-actions';
import { hashChainControl, retryControls } from './editor-mode-options';

/** The editor's sections that are not columns or schedule: each one control per option the API has. */

type Server = NonNullable<App['state']['server']>;

/** The editor's sections in page order; `filters` folds inside Data. */
export const SECTION_IDS = ['data', 'filters', 'columns', 'mode', 'tab', 'schedule', 'copies', 'resumes', 'alerts', 'privacy'] as const;
export type SectionId = (typeof SECTION_IDS)[number];

/** A collapsible section: its title, and what it is set to while closed. */
export function section(ed: EditorState, id: SectionId, title: string, summary: string, ...children: Array<El | null>): El {
  return h(
    'details',
    {
      class: 'section',
      id: `sec-${id}`,
      open: !!ed.open[id],
      ontoggle: (e: Event) => {
        ed.open[id] = (e.target as HTMLDetailsElement).open;
      },
    },
    h('summary', {}, h('span', { class: 'section-title' }, title), h('span', { class: 'section-summary' }, summary)),
    h('div', { class: 'section-body' }, ...children),
  );
}

const set = (app: App, ed: EditorState, change: Partial<Draft>, rerender = true) => patch(app, ed, { ...ed.draft, ...change }, rerender);

/** Choices as checkboxes: no Ctrl-click, and each one read out by a screen reader. */
function checkList(
  legend: string,
  idPrefix: string,
  options: Array<{ id: string; text: string; detail?: string }> | null,
  chosen: string[],
  failed: string | null,
  onChange: (ids: string[]) => void,
): El {
  const body = failed
    ? h('p', { class: 'error' }, failed)
    : !options
      ? h('p', { class: 'hint' }, 'Loading the choices from Lever…')
      : options.map((o) =>
          h(
            'div',
            { class: 'pick', key: o.id },
            h('input', {
              type: 'checkbox',
              id: `${idPrefix}-${o.id}`,
              checked: chosen.includes(o.id),
              onchange: (e: Event) =>
                onChange((e.target as HTMLInputElement).checked ? [...chosen, o.id] : chosen.filter((c) => c !== o.id)),
            }),
            h('label', { for: `${idPrefix}-${o.id}` }, o.text, o.detail ? h('span', { class: 'type' }, ` ${o.detail}`) : null),
          ),
        );
  return h('fieldset', { class: 'check-list' }, h('legend', {}, legend), h('p', { class: 'hint' }, 'None ticked: all of them.'), body);
}

/** Object, name and filters. */
export function dataSection(app: App, ed: EditorState, s: Server): El {
  const d = ed.draft;
  const filters = s.objects.find((o) => o.name === d.object)?.filters ?? [];
  const objectLabel = s.objects.find((o) => o.name === d.object)?.label ?? d.object;
  const nFilters = [
    d.archived !== 'any',
    d.confidentiality === 'all',
    d.stageIds.length,
    d.postingIds.length,
    d.createdAfter,
    d.createdBefore,
    d.upcomingDays.trim(),
  ].filter(Boolean).length;
  return section(
    ed,
    'data',
    'Data',
    `${objectLabel}${nFilters ? ` · ${nFilters} filter${nFilters > 1 ? 's' : ''}` : ''}`,
    field(
      'Lever object',
      select(
        s.objects.map((o) => [o.name, o.label]),
        d.object,
        (v) => void changeObject(app, ed, v),
        { disabled: !!d.id },
      ),
      d.id ? 'A saved job keeps its object: duplicate it to sync another.' : null,
    ),
    field(
      'Job name',
      h('input', {
        type: 'text',
        value: d.name,
        placeholder: 'e.g. Pipeline',
        oninput: (e: Event) => set(app, ed, { name: (e.target as HTMLInputElement).value }, false),
      }),
    ),
    filters.length ? filtersSection(app, ed, filters, nFilters) : null,
  );
}

/** The filters the object takes, and only those, folded inside Data. */
// eslint-disable-next-line max-lines-per-function -- a view: one control per filter, read top to bottom
function filtersSection(app: App, ed: EditorState, filters: string[], n: number): El {
  const d = ed.draft;
  return section(
    ed,
    'filters',
    'Filters',
    n ? `${n} set` : 'None: every record',
    filters.includes('archived')
      ? field(
          'Candidates',
          select(
            [
              ['any', 'Active and archived'],
              ['active', 'Active only'],
              ['archived', 'Archived only'],
            ],
            d.archived,
            (v) => set(app, ed, { archived: v as Draft['archived'] }),
          ),
        )
      : null,
    filters.includes('confidentiality')
      ? field(
          'Confidential records',
          select(
            [
              ['non-confidential', 'Leave out'],
              ['all', 'Include (if the key may see them)'],
            ],
            d.confidentiality,
            (v) => set(app, ed, { confidentiality: v as Draft['confidentiality'] }),
          ),
        )
      : null,
    filters.includes('stageIds')
      ? checkList('In stages', 'stage', ed.options?.stages ?? null, d.stageIds, ed.optionsError, (ids) => set(app, ed, { stageIds: ids }))
      : null,
    filters.includes('postingIds')
      ? checkList('For postings', 'posting', ed.options?.postings ?? null, d.postingIds, ed.optionsError, (ids) =>
          set(app, ed, { postingIds: ids }),
        )
      : null,
    filters.includes('createdAfter')
      ? field(
          'Created on or after',
          h('input', {
            type: 'date',
            value: d.createdAfter,
            onchange: (e: Event) => set(app, ed, { createdAfter: (e.target as HTMLInputElement).value }),
          }),
        )
      : null,
    filters.includes('createdBefore')
      ? field(
          'Created before',
          h('input', {
            type: 'date',
            value: d.createdBefore,
            onchange: (e: Event) => set(app, ed, { createdBefore: (e.target as HTMLInputElement).value }),
          }),
          'With the date above, a time range: a tab of last quarter’s candidates, say.',
        )
      : null,
    filters.includes('upcomingDays')
      ? field(
          'Only the next … days (replace mode; canceled ones left out)',
          h('input', {
            type: 'number',
            min: 1,
            max: 365,
            value: d.upcomingDays,
            placeholder: 'every one',
            onchange: (e: Event) => set(app, ed, { upcomingDays: (e.target as HTMLInputElement).value }),
          }),
        )
      : null,
  );
}

const REMOVED_TEXT: Record<Draft['removed'], string> = {
  delete: 'Delete their rows',
  mark: 'Keep their rows, marked as removed',
};

/** How rows are kept, what happens to removed candidates, how often children are re-read. */
export function modeSection(app: App, ed: EditorState, s: Server): El {
  const d = ed.draft;
  const child = rereads(d, s.objects);
  return section(
    ed,
    'mode',
    'Mode',
    d.mode[0].toUpperCase() + d.mode.slice(1),
    h(
      'fieldset',
      {},
      h('legend', {}, 'Mode'),
      ...(['upsert', 'append', 'replace'] as const).map((m) =>
        h(
          'div',
          { class: 'radio', key: m },
          h('input', {
            type: 'radio',
            name: 'mode',
            id: `mode-${m}`,
            value: m,
            checked: d.mode === m,
            onchange: () => set(app, ed, { mode: m }),
          }),
          h('label', { for: `mode-${m}` }, h('strong', {}, m[0].toUpperCase() + m.slice(1)), ' — ', MODE_TEXT[m]),
        ),
      ),
    ),
    d.mode === 'upsert'
      ? field(
          'Candidates deleted or anonymised in Lever',
          select(Object.entries(REMOVED_TEXT), d.removed, (v) => set(app, ed, { removed: v as Draft['removed'] })),
        )
      : null,
    d.mode === 'append' ? hashChainControl(app, ed) : null,
    child ? reconcileControl(app, ed) : null,
    retryControls(app, ed),
  );
}

function reconcileControl(app: App, ed: EditorState): El {
  return field(
    'Re-read every candidate’s records',
    select(
      [
        ['weekly', 'Weekly, a share each run (catches edits Lever does not flag)'],
        ['daily', 'Daily, a share each run'],
        ['never', 'Never: only candidates Lever marks as changed'],
      ],
      ed.draft.reconcile ?? 'weekly',
      (v) => set(app, ed, { reconcile: v as Draft['reconcile'] }),
    ),
  );
}

const PERSONAL_TEXT: Record<Draft['personalData'], string> = {
  include: 'Included as in Lever',
  exclude: 'Left out (columns stay empty)',
  mask: 'Masked (j•••@example.com)',
  hash: 'Hashed (the same person, the same code)',
};

const PERSONAL_SHORT: Record<Draft['personalData'], string> = { include: 'included', exclude: 'left out', mask: 'masked', hash: 'hashed' };

export function privacySection(app: App, ed: EditorState): El {
  const d = ed.draft;
  const pii = ed.fields.filter((f) => f.pii && ed.draft.fields.some((c) => c.path === f.path)).map((f) => f.label);
  return section(
    ed,
    'privacy',
    'Privacy',
    `Personal data: ${PERSONAL_SHORT[d.personalData]}`,
    field(
      'Personal data (names, emails, phones…)',
      select(Object.entries(PERSONAL_TEXT), d.personalData, (v) => set(app, ed, { personalData: v as Draft['personalData'] })),
      pii.length ? `In this job: ${pii.join(', ')}.` : 'None of the chosen columns holds personal data.',
    ),
  );
}
