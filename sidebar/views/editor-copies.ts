import type { App, EditorState } from '../app';
import { field, h, select, type El } from '../dom';
import type { Draft } from '../logic/editor';
import { jobInput } from '../logic/editor';
import { call, plain } from '../logic/rpc';
import type { ExportConfig } from '../../src/shared/rpc';
import { patch } from './editor-actions';
import { section } from './editor-sections';

/**
 * The Copies section: the format, what to keep, and where: the add-on's Drive folder or an
 * Azure container, whose SAS token is saved apart as this user's secret (never shown again).
 */
export function copiesSection(app: App, ed: EditorState): El {
  const d = ed.draft;
  const formats: Array<[string, string]> = [
    ['none', 'None'],
    ['csv', 'CSV'],
    ['csv.gz', 'CSV, gzipped'],
    ['xlsx', 'Excel (.xlsx)'],
  ];
  const label = formats.find(([v]) => v === d.mirror)![1];
  const where = d.copyTo === 'azure' ? 'Azure' : 'Drive';
  return section(
    ed,
    'copies',
    'Copies',
    d.mirror === 'none' ? 'None' : `${label} in ${where}, ${d.mirrorKeep === 'latest' ? 'latest only' : 'one per run'}`,
    field(
      'Copy of the tab',
      select(formats, d.mirror, (v) => patch(app, ed, { ...ed.draft, mirror: v as Draft['mirror'] })),
    ),
    ...(d.mirror !== 'none' ? destinationControls(app, ed) : []),
  );
}

function destinationControls(app: App, ed: EditorState): El[] {
  const d = ed.draft;
  const set = (change: Partial<Draft>) => patch(app, ed, { ...ed.draft, ...change });
  return [
    field(
      'Keep',
      select(
        [
          ['latest', 'The latest copy only'],
          ['history', 'A copy per run'],
        ],
        d.mirrorKeep,
        (v) => set({ mirrorKeep: v as Draft['mirrorKeep'] }),
      ),
    ),
    field(
      'Where',
      select(
        [
          ['drive', 'Google Drive (a folder of the add-on’s)'],
          ['azure', 'Azure Blob Storage'],
        ],
        d.copyTo,
        (v) => set({ copyTo: v as Draft['copyTo'] }),
      ),
    ),
    ...(d.copyTo === 'azure' ? azureControls(app, ed) : []),
  ];
}

function azureControls(app: App, ed: EditorState): El[] {
  const d = ed.draft;
  const text = (id: string, value: string, placeholder: string, onInput: (v: string) => void) =>
    h('input', {
      type: 'text',
      id,
      value,
      placeholder,
      spellcheck: false,
      oninput: (e: Event) => onInput((e.target as HTMLInputElement).value),
    });
  return [
    field(
      'Container address',
      text('azure-container', d.containerUrl, 'https://account.blob.core.windows.net/container', (v) =>
        patch(app, ed, { ...ed.draft, containerUrl: v.trim() }, false),
      ),
    ),
    field(
      'Folder in the container',
      text('azure-prefix', d.prefix, 'lever/', (v) => patch(app, ed, { ...ed.draft, prefix: v.trim() }, false)),
      'Optional, ending with /',
    ),
    field(
      'SAS token',
      h('input', { type: 'password', id: 'azure-sas', autocomplete: 'off', placeholder: 'sv=…&sig=…' }),
      'Read, Write, Delete and List. Saved for you only, like your Lever key; it is never shown again.',
    ),
    h(
      'div',
      { class: 'buttons' },
      h('button', { type: 'button', onclick: () => void saveToken(app, ed) }, 'Save token'),
      h('button', { type: 'button', onclick: () => void testCopy(app, ed) }, 'Test destination'),
    ),
  ];
}

async function saveToken(app: App, ed: EditorState): Promise<void> {
  const input = document.getElementById('azure-sas') as HTMLInputElement | null;
  try {
    await call('saveDestinationSecret', { to: 'azure', containerUrl: ed.draft.containerUrl, sas: input?.value ?? '' });
    if (input) input.value = '';
    app.set({ notice: { kind: 'info', text: `Token saved for ${ed.draft.containerUrl}.` } });
  } catch (e) {
    app.set({ notice: { kind: 'error', text: plain((e as Error).message) } });
  }
}

async function testCopy(app: App, ed: EditorState): Promise<void> {
  app.set({ notice: { kind: 'info', text: 'Testing the destination…' } });
  try {
    const exp = jobInput(ed.draft, ed.base).exports?.[0] as ExportConfig;
    const res = await call('testDestination', exp);
    app.set({ notice: { kind: res.ok ? 'info' : 'error', text: res.message } });
  } catch (e) {
    app.set({ notice: { kind: 'error', text: plain((e as Error).message) } });
  }
}
