import type { Preview } from '../../src/shared/rpc';
import type { App, EditorState } from '../app';
import { field, h, select, type El } from '../dom';
import type { Draft } from '../logic/editor';
import { isoToZonedInput, scheduleText, zonedInputToIso } from '../logic/format';
import { leaveEditor, patch, save, showPreview } from './editor-actions';
import { columnsSection } from './editor-fields';
import { copiesSection } from './editor-copies';
import { alertsSection } from './editor-alerts';
import { resumesSection } from './editor-resumes';
import { dataSection, modeSection, privacySection, section } from './editor-sections';

type Server = NonNullable<App['state']['server']>;

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

/** One tab (or file) per posting, team, department or location. */
function splitControls(app: App, ed: EditorState): Array<El | null> {
  const d = ed.draft;
  return [
    field(
      'Split by',
      select(
        [
          ['', 'No split'],
          ['posting', 'Posting'],
          ['team', 'Team'],
          ['department', 'Department'],
          ['location', 'Location'],
        ],
        d.splitBy,
        (v) => patch(app, ed, { ...ed.draft, splitBy: v as Draft['splitBy'] }),
      ),
      'One tab per value, named “tab – value”, made from this tab after each run',
    ),
    d.splitBy
      ? field(
          'Split into',
          select(
            [
              ['tabs', 'Tabs'],
              ['files', 'Files (each copy once per value)'],
              ['both', 'Tabs and files'],
            ],
            d.splitInto,
            (v) => patch(app, ed, { ...ed.draft, splitInto: v as Draft['splitInto'] }),
          ),
        )
      : null,
  ];
}

function tabSection(app: App, ed: EditorState, s: Server): El {
  const d = ed.draft;
  return section(
    ed,
    'tab',
    'Tab',
    d.sheetName ? `“${d.sheetName}”` : 'Not chosen',
    field(
      'Tab',
      h('input', {
        type: 'text',
        value: d.sheetName,
        placeholder: 'e.g. Pipeline',
        list: 'existing-tabs',
        oninput: (e: Event) => patch(app, ed, { ...ed.draft, sheetName: (e.target as HTMLInputElement).value }, false),
      }),
      'Pick an existing tab or type a new name.',
      ed.errors.sheetName,
    ),
    h('datalist', { id: 'existing-tabs' }, ...s.tabs.map((t) => h('option', { value: t, key: t }))),
    ...splitControls(app, ed),
  );
}

function scheduleSection(app: App, ed: EditorState, s: Server): El {
  const d = ed.draft;
  return section(
    ed,
    'schedule',
    'Schedule',
    `${scheduleText(d.schedule, s.timeZone)}${d.enabled ? '' : ' · disabled'}`,
    scheduleControls(app, ed, s.timeZone),
    h(
      'div',
      { class: 'radio' },
      h('input', {
        type: 'checkbox',
        id: 'job-enabled',
        checked: d.enabled,
        onchange: (e: Event) => patch(app, ed, { ...ed.draft, enabled: (e.target as HTMLInputElement).checked }),
      }),
      h('label', { for: 'job-enabled' }, 'Enabled'),
    ),
  );
}

/**
 * The job editor: short at 300 px. Sections fold to a line saying what they are set to; Save,
 * Preview and Cancel stay in view at the bottom; Enter in any field saves (the form submits).
 */
export function editorView(app: App): El {
  const ed = app.state.editor;
  const s = app.state.server;
  if (!ed || !s) return h('p', {}, 'Loading…');
  const d = ed.draft;
  return h(
    'form',
    {
      class: 'editor',
      'aria-labelledby': 'editor-title',
      novalidate: true,
      onsubmit: (e: Event) => {
        e.preventDefault();
        void save(app, ed);
      },
    },
    h('h2', { id: 'editor-title' }, d.id ? `Edit “${d.name || d.sheetName}”` : 'New sync job'),
    dataSection(app, ed, s),
    columnsSection(app, ed),
    modeSection(app, ed, s),
    tabSection(app, ed, s),
    scheduleSection(app, ed, s),
    copiesSection(app, ed),
    resumesSection(app, ed),
    alertsSection(app, ed),
    privacySection(app, ed),
    ed.errors.other ? h('div', { class: 'error', id: 'save-error', tabindex: -1 }, ed.errors.other) : null,
    ed.previewError ? h('div', { class: 'error', role: 'alert' }, ed.previewError) : null,
    ed.preview ? previewTable(ed.preview) : null,
    h(
      'div',
      { class: 'buttons sticky' },
      h('button', { class: 'action', type: 'submit', disabled: ed.busy }, 'Save'),
      h('button', { type: 'button', disabled: ed.busy, onclick: () => void showPreview(app, ed) }, 'Preview'),
      h('button', { type: 'button', onclick: () => leaveEditor(app, ed) }, 'Cancel'),
    ),
  );
}
