import type { FieldInfo } from '../../src/shared/rpc';
import type { App, EditorState } from '../app';
import { field, h, select, type El } from '../dom';
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
              h('span', { class: 'type' }, f.type),
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

// eslint-disable-next-line max-lines-per-function -- a view: one DOM tree, read top to bottom
export function chosenFields(app: App, ed: EditorState): El {
  const info = new Map<string, FieldInfo>(ed.fields.map((f) => [f.path, f]));
  return h(
    'ol',
    { class: 'chosen', 'aria-label': 'Columns, in order' },
    // eslint-disable-next-line max-lines-per-function -- one chosen field's row of controls, read top to bottom
    ...ed.draft.fields.map((f, i) => {
      const def = info.get(f.path);
      const label = def?.label ?? f.path;
      return h(
        'li',
        { key: f.path },
        h(
          'div',
          { class: 'chosen-head' },
          h('span', {}, label),
          h(
            'button',
            {
              class: 'icon',
              'aria-label': `Move ${label} up`,
              disabled: i === 0,
              onclick: () => patch(app, ed, moveField(ed.draft, i, -1)),
            },
            '↑',
          ),
          h(
            'button',
            {
              class: 'icon',
              'aria-label': `Move ${label} down`,
              disabled: i === ed.draft.fields.length - 1,
              onclick: () => patch(app, ed, moveField(ed.draft, i, 1)),
            },
            '↓',
          ),
          h(
            'button',
            { class: 'icon', 'aria-label': `Remove ${label}`, onclick: () => patch(app, ed, toggleField(ed.draft, f.path)) },
            '×',
          ),
        ),
        field(
          `Column name for ${label}`,
          h('input', {
            type: 'text',
            value: f.column,
            placeholder: label,
            onchange: (e: Event) => patch(app, ed, updateField(ed.draft, i, { column: (e.target as HTMLInputElement).value }), false),
          }),
        ),
        def?.type === 'list'
          ? field(
              `Lists in ${label}`,
              select(ARRAY_MODES, f.array, (v) => patch(app, ed, updateField(ed.draft, i, { array: v as ArrayMode }), false)),
            )
          : null,
      );
    }),
  );
}
