import type { Preview } from '../../src/shared/rpc';
import type { App, EditorState } from '../app';
import type { AppState } from '../app';
import { field, h, select, type El } from '../dom';
import type { Draft } from '../logic/editor';
import { MODE_TEXT, isoToZonedInput, zonedInputToIso } from '../logic/format';
import { changeObject, patch, save, showPreview } from './editor-actions';
import { chosenFields, fieldPicker } from './editor-fields';

type Server = NonNullable<AppState['server']>;

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

function scheduleControls(app: App, ed: EditorState, tz: string): El {
  const s = ed.draft.schedule;
  const set = (next: Draft['schedule']) => patch(app, ed, { ...ed.draft, schedule: next });
  const every = select(
    [
      ['manual', 'Manual only'],
      ['hour', 'Every hour'],
      ['day', 'Every day'],
      ['week', 'Every week'],
      ['once', 'Once'],
    ],
    s.every,
    (v) => {
      const e = v as Draft['schedule']['every'];
      set(e === 'day' ? { every: e, hour: 6 } : e === 'week' ? { every: e, hour: 6, weekday: 1 } : { every: e });
    },
  );
  const hours: Array<[string, string]> = Array.from({ length: 24 }, (_, i) => [String(i), `${String(i).padStart(2, '0')}:00`]);
  return h(
    'div',
    {},
    field('Schedule', every, `Times are in the spreadsheet's time zone (${tz}).`, ed.errors.schedule),
    s.every === 'day' || s.every === 'week'
      ? field(
          'At',
          select(hours, String(s.hour ?? 6), (v) => set({ ...s, hour: Number(v) })),
        )
      : null,
    s.every === 'week'
      ? field(
          'On',
          select(
            WEEKDAYS.map((d, i) => [String(i), d]),
            String(s.weekday ?? 1),
            (v) => set({ ...s, weekday: Number(v) }),
          ),
        )
      : null,
    s.every === 'once'
      ? field(
          'Date and time',
          h('input', {
            type: 'datetime-local',
            value: isoToZonedInput(s.at, tz),
            onchange: (e: Event) => set({ every: 'once', at: zonedInputToIso((e.target as HTMLInputElement).value, tz) }),
          }),
        )
      : null,
  );
}

/** A multiple choice list (empty choice = no filter). */
function multiPick(label: string, options: Array<{ id: string; text: string }>, chosen: string[], onChange: (ids: string[]) => void): El {
  const el = h(
    'select',
    {
      multiple: true,
      size: Math.min(5, Math.max(2, options.length)),
      onchange: (e: Event) => onChange([...(e.target as HTMLSelectElement).selectedOptions].map((o) => o.value)),
    },
    ...options.map((o) => h('option', { value: o.id, selected: chosen.includes(o.id) }, o.text)),
  );
  return field(label, el, options.length ? 'None chosen: all of them.' : 'Loading the choices from Lever…');
}

function previewTable(preview: Preview): El {
  return h(
    'div',
    { class: 'preview', tabindex: 0, 'aria-label': 'Preview of the first rows' },
    h(
      'table',
      {},
      h('thead', {}, h('tr', {}, ...preview.header.map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', {}, ...preview.rows.map((r) => h('tr', {}, ...r.map((c) => h('td', {}, c === null ? '' : String(c)))))),
    ),
  );
}

/** Object, name, tab and mode. */
function basicsSection(app: App, ed: EditorState, s: Server): El[] {
  const d = ed.draft;
  const text = (key: 'name' | 'sheetName', placeholder: string, list?: string) =>
    h('input', {
      type: 'text',
      value: d[key],
      placeholder,
      list,
      onchange: (e: Event) => patch(app, ed, { ...ed.draft, [key]: (e.target as HTMLInputElement).value }, false),
    });
  const tabInput = text('sheetName', 'e.g. Opportunities', 'existing-tabs');
  return [
    field(
      'Lever object',
      select(
        s.objects.map((o) => [o.name, o.label]),
        d.object,
        (v) => void changeObject(app, ed, v),
        { disabled: !!d.id },
      ),
    ),
    field('Job name', text('name', 'e.g. Pipeline')),
    field('Tab', tabInput, 'Pick an existing tab or type a new name.', ed.errors.sheetName),
    h('datalist', { id: 'existing-tabs' }, ...s.tabs.map((t) => h('option', { value: t }))),
    h(
      'fieldset',
      {},
      h('legend', {}, 'Mode'),
      ...(['upsert', 'append', 'replace'] as const).map((m) =>
        h(
          'div',
          { class: 'radio' },
          h('input', {
            type: 'radio',
            name: 'mode',
            id: `mode-${m}`,
            value: m,
            checked: d.mode === m,
            onchange: () => patch(app, ed, { ...ed.draft, mode: m }),
          }),
          h('label', { for: `mode-${m}` }, h('strong', {}, m[0].toUpperCase() + m.slice(1)), ' — ', MODE_TEXT[m]),
        ),
      ),
    ),
  ];
}

/** The filters the object takes, and only those. */
// eslint-disable-next-line max-lines-per-function -- a view: one control per filter, read top to bottom
function filtersSection(app: App, ed: EditorState, s: Server): Array<El | null> {
  const d = ed.draft;
  const filters = s.objects.find((o) => o.name === d.object)?.filters ?? [];
  return [
    filters.length ? h('h3', {}, 'Filters') : null,
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
            (v) => patch(app, ed, { ...ed.draft, archived: v as Draft['archived'] }, false),
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
            (v) => patch(app, ed, { ...ed.draft, confidentiality: v as Draft['confidentiality'] }, false),
          ),
        )
      : null,
    filters.includes('stageIds')
      ? multiPick('In stages', ed.options?.stages ?? [], d.stageIds, (ids) => patch(app, ed, { ...ed.draft, stageIds: ids }, false))
      : null,
    filters.includes('postingIds')
      ? multiPick('For postings', ed.options?.postings ?? [], d.postingIds, (ids) =>
          patch(app, ed, { ...ed.draft, postingIds: ids }, false),
        )
      : null,
    filters.includes('createdAfter')
      ? field(
          'Created on or after',
          h('input', {
            type: 'date',
            value: d.createdAfter,
            onchange: (e: Event) => patch(app, ed, { ...ed.draft, createdAfter: (e.target as HTMLInputElement).value }, false),
          }),
        )
      : null,
  ];
}

/** The export form: the Drive copy (a destination's settings go here, docs/ARCHITECTURE.md). */
function exportSection(app: App, ed: EditorState): Array<El | null> {
  const d = ed.draft;
  return [
    h('h3', {}, 'Copy in Google Drive'),
    field(
      'Copy',
      select(
        [
          ['none', 'None'],
          ['csv', 'CSV'],
          ['csv.gz', 'CSV, gzipped'],
          ['xlsx', 'Excel (.xlsx)'],
        ],
        d.mirror,
        (v) => patch(app, ed, { ...ed.draft, mirror: v as Draft['mirror'] }),
      ),
    ),
    d.mirror !== 'none'
      ? field(
          'Keep',
          select(
            [
              ['latest', 'The latest copy only'],
              ['history', 'A copy per run'],
            ],
            d.mirrorKeep,
            (v) => patch(app, ed, { ...ed.draft, mirrorKeep: v as Draft['mirrorKeep'] }, false),
          ),
        )
      : null,
  ];
}

/** The job editor: object, fields, mode, filters, tab, exports, schedule and a live preview. */
export function editorView(app: App): El {
  const ed = app.state.editor;
  const s = app.state.server;
  if (!ed || !s) return h('p', {}, 'Loading…');
  const d = ed.draft;
  return h(
    'section',
    { 'aria-labelledby': 'editor-title' },
    h('h2', { id: 'editor-title' }, d.id ? 'Edit sync job' : 'New sync job'),
    ...basicsSection(app, ed, s),
    h('h3', {}, 'Columns'),
    ed.errors.fields ? h('div', { class: 'error', role: 'alert' }, ed.errors.fields) : null,
    chosenFields(app, ed),
    fieldPicker(app, ed),
    ...filtersSection(app, ed, s),
    ...exportSection(app, ed),
    h('h3', {}, 'When'),
    scheduleControls(app, ed, s.timeZone),
    h(
      'div',
      { class: 'radio' },
      h('input', {
        type: 'checkbox',
        id: 'job-enabled',
        checked: d.enabled,
        onchange: (e: Event) => patch(app, ed, { ...ed.draft, enabled: (e.target as HTMLInputElement).checked }, false),
      }),
      h('label', { for: 'job-enabled' }, 'Enabled'),
    ),
    ed.saveError ? h('div', { class: 'error', role: 'alert' }, ed.saveError) : null,
    h(
      'div',
      { class: 'buttons' },
      h('button', { class: 'action', disabled: ed.busy, onclick: () => void save(app, ed) }, 'Save'),
      h('button', { disabled: ed.busy, onclick: () => void showPreview(app, ed) }, 'Preview'),
      h('button', { onclick: () => app.home() }, 'Cancel'),
    ),
    ed.previewError ? h('div', { class: 'error', role: 'alert' }, ed.previewError) : null,
    ed.preview ? previewTable(ed.preview) : null,
  );
}
