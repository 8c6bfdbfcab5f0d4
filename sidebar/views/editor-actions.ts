import type { App, EditorState } from '../app';
import { defaultFields, draftErrors, errorSlot, jobInput, type Draft, type DraftErrors } from '../logic/editor';
import type { SectionId } from './editor-sections';
import { call, RpcFailure } from '../logic/rpc';

/** What the editor does: change the draft, preview it, save it, switch its object. */

let previewTimer: ReturnType<typeof setTimeout> | undefined;

/** Applies a change to the draft; once a preview is showing, it follows the changes (debounced). */
export function patch(app: App, ed: EditorState, draft: Draft, rerender = true): void {
  ed.draft = draft;
  ed.errors = {};
  if (rerender) app.set({ editor: ed });
  if (ed.preview || ed.previewError) {
    clearTimeout(previewTimer);
    previewTimer = setTimeout(() => {
      if (app.state.editor === ed) void showPreview(app, ed);
    }, 600);
  }
}

export async function showPreview(app: App, ed: EditorState): Promise<void> {
  ed.busy = true;
  app.set({ editor: ed });
  try {
    ed.preview = await call(
      'previewJob',
      jobInput({ ...ed.draft, sheetName: ed.draft.sheetName || 'Preview' }, ed.base, app.state.server?.objects),
    );
    ed.previewError = null;
  } catch (e) {
    ed.previewError = (e as Error).message;
  }
  ed.busy = false;
  app.set({ editor: ed });
}

/** Where each of the form's errors is shown: its section, and the element focus goes to. */
const ERROR_PLACES: Record<keyof DraftErrors, { section: SectionId | null; focus: string }> = {
  sheetName: { section: 'tab', focus: '#f-tab' },
  fields: { section: 'columns', focus: '#fields-error' },
  schedule: { section: 'schedule', focus: '#f-schedule' },
  other: { section: null, focus: '#save-error' },
};

/** Opens the section of the first error and puts the focus (and the view) on it. */
function showErrors(app: App, ed: EditorState): void {
  const first = (Object.keys(ERROR_PLACES) as Array<keyof DraftErrors>).find((k) => ed.errors[k]);
  if (!first) return;
  const place = ERROR_PLACES[first];
  if (place.section) ed.open[place.section] = true;
  app.set({ editor: ed });
  const el = document.querySelector<HTMLElement>(place.focus);
  el?.focus();
  el?.scrollIntoView({ block: 'center' });
}

export async function save(app: App, ed: EditorState): Promise<void> {
  ed.errors = draftErrors(ed.draft);
  if (Object.keys(ed.errors).length) return showErrors(app, ed);
  ed.busy = true;
  app.set({ editor: ed });
  try {
    const job = await call('saveJob', jobInput(ed.draft, ed.base, app.state.server?.objects));
    app.home({ kind: 'info', text: `Saved “${job.name}”.` });
  } catch (e) {
    ed.busy = false;
    // A configuration error names its setting: shown beside that field, in plain words.
    const slot = errorSlot(e instanceof RpcFailure ? e.field : undefined);
    ed.errors = { [slot]: (e as Error).message };
    showErrors(app, ed);
  }
}

/** Whether the form differs from what was opened (Cancel asks before dropping the changes). */
export function isDirty(ed: EditorState): boolean {
  return JSON.stringify(jobInput(ed.draft, ed.base)) !== ed.initial;
}

export function leaveEditor(app: App, ed: EditorState): void {
  if (isDirty(ed) && !window.confirm('Leave the editor? Your changes to this job are not saved.')) return;
  app.home();
}

export async function changeObject(app: App, ed: EditorState, object: string): Promise<void> {
  try {
    const fields = await call('listFields', object);
    ed.fields = fields;
    ed.draft = { ...ed.draft, object, fields: defaultFields(fields) };
    ed.preview = null;
    app.set({ editor: ed });
  } catch (e) {
    app.set({ notice: { kind: 'error', text: (e as Error).message } });
  }
}
