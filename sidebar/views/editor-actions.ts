import type { App, EditorState } from '../app';
import { draftErrors, jobInput, type Draft } from '../logic/editor';
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
    ed.preview = await call('previewJob', jobInput({ ...ed.draft, sheetName: ed.draft.sheetName || 'Preview' }, ed.base));
    ed.previewError = null;
  } catch (e) {
    ed.previewError = (e as Error).message;
  }
  ed.busy = false;
  app.set({ editor: ed });
}

export async function save(app: App, ed: EditorState): Promise<void> {
  ed.errors = draftErrors(ed.draft);
  if (Object.keys(ed.errors).length) return app.set({ editor: ed });
  ed.busy = true;
  app.set({ editor: ed });
  try {
    const job = await call('saveJob', jobInput(ed.draft, ed.base));
    app.home({ kind: 'info', text: `Saved “${job.name}”.` });
  } catch (e) {
    ed.busy = false;
    ed.saveError = (e as Error).message;
    // A configuration error names its field: show it beside that input too.
    const field = e instanceof RpcFailure ? e.field : undefined;
    if (field === 'sheetName' || field === 'fields' || field === 'schedule') ed.errors = { ...ed.errors, [field]: ed.saveError };
    app.set({ editor: ed });
  }
}

export async function changeObject(app: App, ed: EditorState, object: string): Promise<void> {
  try {
    const fields = await call('listFields', object);
    ed.fields = fields;
    ed.draft = { ...ed.draft, object, fields: fields.filter((f) => f.default).map((f) => ({ path: f.path, column: '', array: 'join' })) };
    ed.preview = null;
    app.set({ editor: ed });
  } catch (e) {
    app.set({ notice: { kind: 'error', text: (e as Error).message } });
  }
}
