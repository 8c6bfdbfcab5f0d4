import type { FieldInfo } from '../../src/shared/rpc';
import type { App, EditorState } from '../app';
import { field, h, select, type El } from '../dom';
import { section } from './editor-sections';
import { groupFields, moveField, searchFields, toggleField, updateField, type ArrayMode } from '../logic/editor';
import { patch } from './editor-actions';

/** The editor's columns: the chosen fields (order, names, list handling) and the searchable picker. */

const ARRAY_MODES: Array<[ArrayMode, string]> = [
  ['join', 'All, joined'],
  ['first', 'First only'],
  ['count', 'Count'],
  ['numbered', 'Numbered columns'],
  ['json', 'JSON'],
  ['explode', 'One row each'],
];
/** Column types as the picker names them. */
const TYPE_WORDS: Record<string, string> = {
  id: 'id',
  text: 'text',
  enum: 'choice',
  number: 'number',
  boolean: 'yes/no',
  date: 'date and time',
  day: 'date',
  list: 'list',
  url: 'link',
  json: 'JSON',
};

export function fieldPicker(app: App, ed: EditorState): El {
  const chosen = new Set(ed.draft.fields.map((f) => f.path));
  const list = h(
    'div',
    { class: 'field-list', role: 'group', 'aria-label': 'Available fields' },
    ...groupFields(searchFields(ed.fields, ed.query)).map((g) =>
      h(
        'fieldset',
        {},
        h('legend', {}, g.group),
        ...g.fields.map((f) => {
          const id = `pick-${f.path.replace(/[^\w]/g, '_')}`;
          return h(
            'div',
            { class: 'pick', key: f.path },
            h('input', {
              type: 'checkbox',
              id,
              checked: chosen.has(f.path),
              onchange: () => patch(app, ed, toggleField(ed.draft, f.path)),
            }),
            h(
              'label',
              { for: id },
              f.label,
              ' ',
              h('span', { class: 'type' }, TYPE_WORDS[f.type] ?? f.type),
              f.pii ? h('span', { class: 'badge', title: 'Personal data' }, 'PII') : null,
            ),
            f.example !== null && f.example !== '' ? h('div', { class: 'example' }, `e.g. ${String(f.example).slice(0, 80)}`) : null,
          );
        }),
      ),
    ),
  );
  const search = h('input', {
    type: 'search',
    value: ed.query,
    placeholder: 'Search fields',
    oninput: (e: Event) => {
      ed.query = (e.target as HTMLInputElement).value;
      app.set({ editor: ed });
    },
  });
  return h('div', {}, field('Find a field', search), list);
}

/**
 * One chosen column: its name (and the new one) and one button, ✎, that opens what can be done to
 * it (rename, list handling, move, remove), so a long list costs one Tab stop per column.
 */
function chosenRow(app: App, ed: EditorState, info: Map<string, FieldInfo>, i: number): El {
  const f = ed.draft.fields[i];
  const label = info.get(f.path)?.label ?? f.path;
  const editing = ed.renaming === f.path;
  const toggle = () => {
    ed.renaming = editing ? null : f.path;
    app.set({ editor: ed });
  };
  return h(
    'li',
    { key: f.path },
    h(
      'div',
      { class: 'chosen-head' },
      h('span', {}, f.column.trim() ? `${label} → ${f.column.trim()}` : label),
      h(
        'button',
        {
          type: 'button',
          class: 'icon',
          'aria-label': `Edit column ${label}`,
          title: 'Rename, move or remove',
          'aria-expanded': editing ? 'true' : 'false',
          onclick: toggle,
        },
        '✎',
      ),
    ),
    editing ? chosenEdit(app, ed, info.get(f.path), label, i) : null,
  );
}

/** What ✎ opens: the column's name, its list handling, and its place in the list. */
function chosenEdit(app: App, ed: EditorState, def: FieldInfo | undefined, label: string, i: number): El {
  const f = ed.draft.fields[i];
  const act = (text: string, onclick: () => void, disabled = false) => h('button', { type: 'button', disabled, onclick }, text);
  return h(
    'div',
    { class: 'chosen-edit' },
    field(
      `Column name for ${label}`,
      h('input', {
        type: 'text',
        value: f.column,
        placeholder: label,
        oninput: (e: Event) => patch(app, ed, updateField(ed.draft, i, { column: (e.target as HTMLInputElement).value }), false),
      }),
    ),
    def?.type === 'list'
      ? field(
          `Lists in ${label}`,
          select(ARRAY_MODES, f.array, (v) => patch(app, ed, updateField(ed.draft, i, { array: v as ArrayMode }))),
        )
      : null,
    h(
      'div',
      { class: 'chosen-actions', role: 'group', 'aria-label': `Place of ${label}` },
      act('Move up', () => patch(app, ed, moveField(ed.draft, i, -1)), i === 0),
      act('Move down', () => patch(app, ed, moveField(ed.draft, i, 1)), i === ed.draft.fields.length - 1),
      act('Remove', () => {
        ed.renaming = null;
        patch(app, ed, toggleField(ed.draft, f.path));
      }),
    ),
  );
}

/**
 * The Columns section: the chosen columns as a compact list in tab order, and the picker behind
 * *Add columns*. A key column the mode needs stays whatever the list says (the hint says so).
 */
export function columnsSection(app: App, ed: EditorState): El {
  const info = new Map<string, FieldInfo>(ed.fields.map((f) => [f.path, f]));
  const n = ed.draft.fields.length;
  return section(
    ed,
    'columns',
    'Columns',
    `${n} column${n === 1 ? '' : 's'}`,
    ed.errors.fields ? h('div', { class: 'error field-error', id: 'fields-error', tabindex: -1 }, ed.errors.fields) : null,
    h(
      'p',
      { class: 'hint' },
      ed.base
        ? 'In a tab already written, columns stay where they are (the sync finds them by their header): move them in the sheet itself. New columns go on the right.'
        : 'A new tab gets these columns in this order.',
    ),
    ed.draft.fields.some((f) => f.path === 'id')
      ? null
      : h(
          'p',
          { class: 'hint', id: 'key-stays' },
          'The ID column stays in the tab even when not listed: each row is matched to its record by it.',
        ),
    h('ol', { class: 'chosen', 'aria-label': 'Columns, in order' }, ...ed.draft.fields.map((_, i) => chosenRow(app, ed, info, i))),
    h(
      'button',
      {
        type: 'button',
        'aria-expanded': ed.adding ? 'true' : 'false',
        onclick: () => {
          ed.adding = !ed.adding;
          app.set({ editor: ed });
        },
      },
      ed.adding ? 'Done adding' : 'Add columns',
    ),
    ed.adding ? fieldPicker(app, ed) : null,
  );
}
