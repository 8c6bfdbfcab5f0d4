import type { App, EditorState } from '../app';
import { field, h, type El } from '../dom';
import type { Draft } from '../logic/editor';
import { patch } from './editor-actions';

/** The Mode section's finer settings: the hash chain of an append tab, retries, the row limit. */

const set = (app: App, ed: EditorState, change: Partial<Draft>, rerender = true) => patch(app, ed, { ...ed.draft, ...change }, rerender);

/** Append: each row's hash covers the row above (sync/hash-chain.ts). */
export function hashChainControl(app: App, ed: EditorState): El {
  const d = ed.draft;
  return h(
    'div',
    { class: 'radio' },
    h('input', {
      type: 'checkbox',
      id: 'hash-chain',
      checked: d.hashChain,
      'aria-describedby': 'hash-chain-hint',
      onchange: (e: Event) => set(app, ed, { hashChain: (e.target as HTMLInputElement).checked }),
    }),
    h('label', { for: 'hash-chain' }, 'Row hash chain'),
    h('div', { class: 'hint', id: 'hash-chain-hint' }, 'Each row’s hash covers the row above: every run reports a row changed or removed'),
  );
}

/** How hard a run tries again after Lever or a copy's destination fails for a moment. */
export function retryControls(app: App, ed: EditorState): El {
  const d = ed.draft;
  const number = (id: string, value: string, placeholder: string, max: number, key: 'retryAttempts' | 'retryWait' | 'maxRows') =>
    h('input', {
      type: 'number',
      id,
      min: key === 'maxRows' ? 100 : 1,
      max,
      inputmode: 'numeric',
      value,
      placeholder,
      oninput: (e: Event) => patch(app, ed, { ...ed.draft, [key]: (e.target as HTMLInputElement).value }, false),
    });
  return h(
    'div',
    { class: 'retry' },
    field('Tries after a passing error', number('retry-attempts', d.retryAttempts, '6', 10, 'retryAttempts'), 'Lever and copies; 1 to 10'),
    field('Longest wait between tries (seconds)', number('retry-wait', d.retryWait, '30', 120, 'retryWait'), '1 to 120'),
    field(
      'Most rows per run',
      number('max-rows', d.maxRows, 'No limit', 5_000_000, 'maxRows'),
      'Past it the run stops at the end of a page and goes on at the next scheduled run',
    ),
  );
}
