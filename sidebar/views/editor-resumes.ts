import type { App, EditorState } from '../app';
import { field, h, select, type El } from '../dom';
import type { Draft } from '../logic/editor';
import { resumesSummary } from '../logic/resumes';
import { patch } from './editor-actions';
import { section } from './editor-sections';
import { text } from './editor-copies';

/**
 * The Resumes section (candidates jobs): each candidate's latest resume mirrored for screeners,
 * to a Drive folder of the add-on's or beside the copy in its bucket or container, with a Resume
 * column linking each row to its file.
 */
export function resumesSection(app: App, ed: EditorState): El | null {
  const d = ed.draft;
  if (d.object !== 'opportunities') return null;
  const set = (change: Partial<Draft>, redraw = true) => patch(app, ed, { ...ed.draft, ...change }, redraw);
  const besideCopy = (d.mirror !== 'none' && d.copyTo !== 'drive') || d.resumesTo === 'copy';
  const options: Array<[string, string]> = [
    ['none', 'Not mirrored'],
    ['drive', 'To a Drive folder'],
    ...(besideCopy ? [['copy', 'Beside the copy (S3 or Azure)'] as [string, string]] : []),
    ...(d.resumesTo === 'kept' ? [['kept', 'Kept where it is set'] as [string, string]] : []),
  ];
  return section(
    ed,
    'resumes',
    'Resumes',
    resumesSummary(d, ed.base),
    field(
      'Latest resume of each candidate',
      select(options, d.resumesTo, (v) => set({ resumesTo: v as Draft['resumesTo'] }), { id: 'resumes-to' }),
    ),
    folderField(d, (v) => set({ resumesFolder: v }, false)),
    d.resumesTo === 'none'
      ? null
      : field(
          'Largest file (MB)',
          h('input', {
            type: 'number',
            id: 'resumes-max',
            min: 1,
            max: 25,
            inputmode: 'numeric',
            value: d.resumesMaxMb,
            placeholder: '10',
            oninput: (e: Event) => set({ resumesMaxMb: (e.target as HTMLInputElement).value }, false),
          }),
          'Each run looks at 40 candidates in turn. A Resume column links each row to its file (not on append tabs).',
        ),
  );
}

/** Drive: the folder's name; beside the copy: the folder in the bucket or container. */
function folderField(d: Draft, onInput: (v: string) => void): El | null {
  if (d.resumesTo === 'drive')
    return field(
      'Drive folder',
      text('resumes-folder', d.resumesFolder, 'Resumes for screeners', onInput),
      'Made inside the add-on’s folder. Share it with screeners, or move it anywhere in your Drive: it is found again.',
    );
  if (d.resumesTo === 'copy')
    return field(
      'Folder in the bucket or container',
      text('resumes-folder', d.resumesFolder, 'resumes/', (v) => onInput(v.trim())),
      'Ending with /. The copy’s saved key or token is used.',
    );
  return null;
}
