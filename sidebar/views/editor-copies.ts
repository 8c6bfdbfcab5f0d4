import type { App, EditorState } from '../app';
import { field, h, select, type El } from '../dom';
import type { Draft } from '../logic/editor';
import { jobInput } from '../logic/editor';
import { call, plain } from '../logic/rpc';
import type { ExportConfig } from '../../src/shared/rpc';
import { S3_REGIONS } from '../../src/shared/job';
import { patch } from './editor-actions';
import { section } from './editor-sections';

/**
 * The Copies section: the format, what to keep, and where: the add-on's Drive folder, an Azure
 * container or an S3 bucket, whose SAS token or access key is saved apart as this user's secret
 * (never shown again).
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
  const where = { drive: 'Drive', azure: 'Azure', s3: 'S3' }[d.copyTo];
  return section(
    ed,
    'copies',
    'Copies',
    d.mirror === 'none' ? 'None' : `${label} in ${where}, ${keptText(d)}`,
    field(
      'Copy of the tab',
      select(formats, d.mirror, (v) => patch(app, ed, { ...ed.draft, mirror: v as Draft['mirror'] })),
    ),
    ...(d.mirror !== 'none' ? destinationControls(app, ed) : []),
  );
}

/** What the folded section says is kept: the warehouse's daily partitions, a path's files, or latest / one per run. */
function keptText(d: Draft): string {
  if (d.copyTo !== 'drive' && d.warehouse) return 'warehouse partitions';
  if (d.copyTo !== 'drive' && d.path) return /\{(run|time)\}/.test(d.path) ? 'a file per run by its path' : 'at its path';
  return d.mirrorKeep === 'latest' ? 'latest only' : 'one per run';
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
          ['s3', 'Amazon S3 (or S3-compatible)'],
        ],
        d.copyTo,
        (v) => set({ copyTo: v as Draft['copyTo'] }),
      ),
    ),
    ...(d.copyTo === 'azure' ? azureControls(app, ed) : d.copyTo === 's3' ? s3Controls(app, ed) : [driveFolderControl(app, ed)]),
    ...(d.copyTo !== 'drive' ? [warehouseControl(app, ed), ...(d.warehouse ? [] : [pathControl(app, ed)])] : []),
  ];
}

/** Drive: a folder of the add-on's, made inside its own; the user may move it anywhere in their Drive. */
function driveFolderControl(app: App, ed: EditorState): El {
  return field(
    'Folder',
    text('copy-folder', ed.draft.driveFolder, 'The add-on’s folder', (v) => patch(app, ed, { ...ed.draft, driveFolder: v }, false)),
    'Optional: a folder of this name is made inside the add-on’s; move it anywhere in your Drive and copies still go there',
  );
}

/** A path template for the copy's files (export/path-template.ts). */
function pathControl(app: App, ed: EditorState): El {
  return field(
    'File path',
    text('copy-path', ed.draft.path, '{object}/{date}/{tab}-{run}.{ext}', (v) => patch(app, ed, { ...ed.draft, path: v.trim() }, false)),
    'Optional. {object} {tab} {job} {date} {time} {run} {ext}; {run} or {time} make a file per run',
  );
}

function warehouseControl(app: App, ed: EditorState): El {
  return h(
    'div',
    { class: 'radio' },
    h('input', {
      type: 'checkbox',
      id: 'copy-warehouse',
      checked: ed.draft.warehouse,
      'aria-describedby': 'copy-warehouse-hint',
      onchange: (e: Event) => patch(app, ed, { ...ed.draft, warehouse: (e.target as HTMLInputElement).checked }),
    }),
    h('label', { for: 'copy-warehouse' }, 'Warehouse layout'),
    h(
      'div',
      { class: 'hint', id: 'copy-warehouse-hint' },
      'object=…/date=…/part-00000 files, a schema file, for BigQuery, Athena or Spark',
    ),
  );
}

/** A one-line text field of the editor. */
export function text(id: string, value: string, placeholder: string, onInput: (v: string) => void): El {
  return h('input', {
    type: 'text',
    id,
    value,
    placeholder,
    spellcheck: false,
    oninput: (e: Event) => onInput((e.target as HTMLInputElement).value),
  });
}

function secretButtons(app: App, ed: EditorState, save: string): El {
  return h(
    'div',
    { class: 'buttons' },
    h('button', { type: 'button', onclick: () => void saveSecret(app, ed) }, save),
    h('button', { type: 'button', onclick: () => void testCopy(app, ed) }, 'Test destination'),
  );
}

function s3Controls(app: App, ed: EditorState): El[] {
  const d = ed.draft;
  const set = (change: Partial<Draft>, redraw = false) => patch(app, ed, { ...ed.draft, ...change }, redraw);
  return [
    field(
      'Bucket',
      text('s3-bucket', d.bucket, 'acme-lever-exports', (v) => set({ bucket: v.trim() })),
    ),
    field(
      'Region',
      select([['', 'Choose…'] as [string, string], ...S3_REGIONS.map((r): [string, string] => [r, r])], d.region, (v) =>
        set({ region: v }, true),
      ),
    ),
    field(
      'Folder in the bucket',
      text('s3-prefix', d.prefix, 'lever/', (v) => set({ prefix: v.trim() })),
      'Optional, ending with /',
    ),
    field(
      'Encryption',
      select(
        [
          ['', 'The bucket’s default'],
          ['AES256', 'S3-managed keys (AES256)'],
          ['aws:kms', 'AWS KMS'],
        ],
        d.encryption,
        (v) => set({ encryption: v as Draft['encryption'] }, true),
      ),
    ),
    field(
      'S3-compatible service',
      text('s3-endpoint', d.endpoint, 'https://storage.example.com', (v) => set({ endpoint: v.trim() })),
      'Only for a store other than AWS; its address must be in the add-on’s allowlist.',
    ),
    field('Access key ID', h('input', { type: 'text', id: 's3-key-id', autocomplete: 'off', spellcheck: false, placeholder: 'AKIA…' })),
    field(
      'Secret access key',
      h('input', { type: 'password', id: 's3-secret', autocomplete: 'off' }),
      'Needs s3:PutObject, s3:ListBucket and s3:DeleteObject. Saved for you only, like your Lever key; never shown again.',
    ),
    secretButtons(app, ed, 'Save key'),
  ];
}

function azureControls(app: App, ed: EditorState): El[] {
  const d = ed.draft;
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
    field(
      'Or the account key',
      h('input', { type: 'password', id: 'azure-key', autocomplete: 'off', placeholder: 'key1 from Access keys' }),
      'Instead of a token: every request is signed with it (Shared Key).',
    ),
    secretButtons(app, ed, 'Save token'),
  ];
}

/** Sends the secret fields once, then empties them: the secret lives in the user's properties only. */
async function saveSecret(app: App, ed: EditorState): Promise<void> {
  const d = ed.draft;
  const input = (id: string) => document.getElementById(id) as HTMLInputElement | null;
  const fields = d.copyTo === 'azure' ? [input('azure-sas'), input('azure-key')] : [input('s3-key-id'), input('s3-secret')];
  const value = (i: number) => fields[i]?.value ?? '';
  try {
    const saved =
      d.copyTo === 'azure'
        ? await call(
            'saveDestinationSecret',
            value(1).trim()
              ? { to: 'azure', containerUrl: d.containerUrl, accountKey: value(1) }
              : { to: 'azure', containerUrl: d.containerUrl, sas: value(0) },
          )
        : await call('saveDestinationSecret', {
            to: 's3',
            bucket: d.bucket,
            ...(d.region ? { region: d.region } : {}),
            ...(d.endpoint ? { endpoint: d.endpoint } : {}),
            accessKeyId: value(0),
            secretAccessKey: value(1),
          });
    const what = d.copyTo === 'azure' && !value(1).trim() ? 'Token' : 'Key';
    for (const f of fields) if (f) f.value = '';
    app.set({ notice: { kind: 'info', text: `${what} saved for ${saved.address}.` } });
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
