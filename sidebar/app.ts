import type {
  CheckReport,
  FieldInfo,
  FilterOptions,
  Job,
  Preview,
  QuotaPlan,
  RunLogEntry,
  UsageReport,
  SidebarState,
  SliceProgress,
  TemplateInfo,
} from '../src/shared/rpc';
import { checkView } from './views/check';
import { render } from 'preact';
import { h } from './dom';
import { draftFromJob, jobInput, newDraft, type Draft, type DraftErrors } from './logic/editor';
import { call, codeOf } from './logic/rpc';
import { connectView } from './views/connect';
import { editorView } from './views/editor';
import { homeView } from './views/home';
import { logView } from './views/log';
import { usageView } from './views/usage';
import { runView } from './views/run';
import { templatesView } from './views/templates';
import type { LiveState } from './live';

export interface RunState {
  job: Job;
  progress: SliceProgress | null;
  startedAt: number;
  cancelling: boolean;
  /** The server dropped the run (Cancel). */
  cancelled?: boolean;
  error: string | null;
  /** How many times in a row the run waited for another sync holding the lock. */
  waiting: number;
  /** Where the figures stood when this sidebar started watching, for the time left. */
  first: { at: number; listed: number } | null;
  /** Part of *Run all*: which job of how many, and how the ones before it ended. */
  batch: { index: number; total: number; results: Array<{ name: string; outcome: string }> } | null;
}

const BUSY_WAIT_MS = 10_000;
// A sync killed at Apps Script's 6-minute limit holds the spreadsheet until then: wait up to 7.5 min.
const BUSY_RETRIES = 45;

export interface EditorState {
  draft: Draft;
  /** Stages and postings to filter by; null until loaded (or when Lever could not be asked). */
  options: FilterOptions | null;
  base: Job | undefined;
  fields: FieldInfo[];
  query: string;
  preview: Preview | null;
  previewError: string | null;
  errors: DraftErrors;
  busy: boolean;
  /** The editor's sections that are open (by id). */
  open: Record<string, boolean>;
  /** The chosen column whose name and list handling are shown (✎). */
  renaming: string | null;
  /** The field picker is shown (*Add columns*). */
  adding: boolean;
  /** The job as it was opened, to tell whether Cancel would drop changes. */
  initial: string;
  /** Why the filters' choices (stages, postings) could not be loaded. */
  optionsError: string | null;
}

export interface AppState {
  view: 'home' | 'connect' | 'editor' | 'run' | 'log' | 'check' | 'templates' | 'usage';
  server: SidebarState | null;
  notice: { kind: 'error' | 'info'; text: string } | null;
  editor: EditorState | null;
  run: RunState | null;
  log: RunLogEntry[] | null;
  /** The Usage view's report, once loaded. */
  usage: UsageReport | null;
  /** The spreadsheet check: not run, running, or its report. */
  check: CheckReport | 'running' | null;
  /** How the scheduled jobs fit in the day's quotas (loaded with the home view). */
  plan: QuotaPlan | null;
  /** The template gallery, once loaded. */
  templates: TemplateInfo[] | null;
  /** The gallery's choice of a score from Lever's scorecards (templates that offer one). */
  scorecards: boolean;
  /** Live mode: a check of the live jobs every minute while the sidebar is open. */
  live: LiveState;
}

/** The sidebar: one state object, re-rendered on change; every server call goes through google.script.run. */
export class App {
  state: AppState = {
    view: 'home',
    server: null,
    notice: null,
    editor: null,
    run: null,
    log: null,
    usage: null,
    check: null,
    plan: null,
    templates: null,
    scorecards: false,
    live: { on: false, lastAt: null, added: 0, error: null },
  };

  constructor(private readonly root: HTMLElement) {}

  /**
   * Keeps the home screen current while it is open (an hourly run finished, a job is running):
   * every 30 s, every 10 s while something runs, and at once when the sidebar is shown again.
   */
  startRefreshing(): void {
    const tick = () => {
      const running = this.state.server?.jobs.some((j) => j.running) ?? false;
      setTimeout(tick, running ? 10_000 : 30_000);
      if (this.state.view === 'home' && !document.hidden) void this.refresh(true);
    };
    setTimeout(tick, 30_000);
    document.addEventListener('visibilitychange', () => {
      if (!document.hidden && this.state.view === 'home') void this.refresh(true);
    });
  }

  set(patch: Partial<AppState>): void {
    this.state = { ...this.state, ...patch };
    this.render();
  }

  render(): void {
    const s = this.state;
    const body =
      s.view === 'connect'
        ? connectView(this)
        : s.view === 'editor'
          ? editorView(this)
          : s.view === 'run'
            ? runView(this)
            : s.view === 'log'
              ? logView(this)
              : s.view === 'check'
                ? checkView(this)
                : s.view === 'templates'
                  ? templatesView(this)
                  : s.view === 'usage'
                    ? usageView(this)
                    : homeView(this);
    const notice = s.notice
      ? h(
          'div',
          { class: s.notice.kind === 'error' ? 'notice error' : 'notice', role: s.notice.kind === 'error' ? 'alert' : 'status' },
          s.notice.text,
        )
      : null;
    render(h('div', { class: 'page' }, h('h1', {}, 'Lever Sync'), notice, body), this.root);
  }

  /** Reloads the jobs and the connection; `quiet` (the timer's) leaves notices alone on failure. */
  async refresh(quiet = false): Promise<void> {
    try {
      const server = await call('getSidebarState');
      this.set({ server, view: this.state.view === 'home' && !server.connection.connected ? 'connect' : this.state.view });
    } catch (e) {
      if (!quiet) this.set({ notice: { kind: 'error', text: (e as Error).message } });
    }
  }

  home(notice: AppState['notice'] = null): void {
    this.set({ view: 'home', notice, editor: null });
    void this.refresh().then(() => this.loadPlan());
  }

  /** The quota plan, when there are scheduled jobs to plan (it may sample Lever once a week). */
  async loadPlan(): Promise<void> {
    const s = this.state.server;
    if (!s?.connection.connected || !s.jobs.some((j) => j.job.enabled && j.job.schedule.every !== 'manual')) return;
    try {
      this.set({ plan: await call('getQuotaPlan') });
    } catch {
      // The plan is advice: without it the jobs still run within the budget.
    }
  }

  /** The editor, on a new job, a saved one, or a copy of one (`copy`: saved as a new job). */
  async openEditor(job?: Job, copy = false): Promise<void> {
    const object = job?.object ?? 'opportunities';
    this.set({ view: 'editor', notice: { kind: 'info', text: 'Loading fields…' } });
    try {
      const fields = await call('listFields', object);
      const draft = job ? draftFromJob(job) : newDraft(object, fields);
      let base = job;
      if (job && copy) {
        const { id: _id, ...rest } = job;
        base = rest as Job;
        delete draft.id;
        draft.name = `${job.name} (copy)`;
        draft.sheetName = `${job.sheetName} (copy)`;
      }
      const editor: EditorState = {
        draft,
        base,
        fields,
        options: null,
        query: '',
        preview: null,
        previewError: null,
        errors: {},
        busy: false,
        // A new job opens on what it needs (object, name, tab); a saved one shows its summary lines.
        open: job && !copy ? {} : { data: true, tab: true },
        renaming: null,
        adding: false,
        initial: JSON.stringify(jobInput(draft, base)),
        optionsError: null,
      };
      this.set({ notice: null, editor });
      call('listFilterOptions')
        .then((options) => {
          editor.options = options;
          if (this.state.editor === editor) this.set({ editor });
        })
        .catch((e: Error) => {
          editor.optionsError = `The stages and postings to choose from could not be loaded from Lever (${e.message}). The job keeps the ones it has; try again later.`;
          if (this.state.editor === editor) this.set({ editor });
        });
    } catch (e) {
      this.set({ notice: { kind: 'error', text: (e as Error).message } });
    }
  }

  async runCheck(): Promise<void> {
    this.set({ view: 'check', check: 'running', notice: null });
    try {
      this.set({ check: await call('checkSpreadsheet') });
    } catch (e) {
      this.set({ check: null, notice: { kind: 'error', text: (e as Error).message } });
    }
  }

  async openUsage(): Promise<void> {
    this.set({ view: 'usage', usage: null, notice: null });
    try {
      this.set({ usage: await call('getUsage') });
    } catch (e) {
      this.set({ notice: { kind: 'error', text: (e as Error).message } });
    }
  }

  async openLog(): Promise<void> {
    this.set({ view: 'log', log: null });
    try {
      this.set({ log: await call('getRunLog', 20) });
    } catch (e) {
      this.set({ notice: { kind: 'error', text: (e as Error).message } });
    }
  }

  /** *Run all*: every enabled job, one after another, in this sidebar. */
  async runAll(): Promise<void> {
    const jobs = (this.state.server?.jobs ?? []).filter((v) => v.job.enabled).map((v) => v.job);
    const results: Array<{ name: string; outcome: string }> = [];
    for (let i = 0; i < jobs.length; i++) {
      const run = await this.runNow(jobs[i], { index: i, total: jobs.length, results });
      if (this.state.run !== run || run.cancelled) return;
      const p = run.progress;
      results.push({
        name: jobs[i].name,
        outcome: run.error
          ? 'stopped'
          : p?.paused
            ? 'paused'
            : p?.held
              ? 'row limit reached'
              : p?.status === 'ok'
                ? 'done'
                : (p?.status ?? 'stopped'),
      });
      if (p?.paused) return;
    }
  }

  /** "Run now": keeps calling runJobSlice while the sidebar is open, so a long first sync finishes. */
  async runNow(job: Job, batch: RunState['batch'] = null): Promise<RunState> {
    const run: RunState = { job, progress: null, startedAt: Date.now(), cancelling: false, error: null, waiting: 0, first: null, batch };
    this.set({ view: 'run', run, notice: null });
    this.keepRunFocus();
    await this.follow(run);
    this.keepRunFocus();
    return run;
  }

  /**
   * The run view replaces the button that started it, and its Cancel becomes Back to jobs: a
   * keyboard user left on nothing (the page's body) is put on the view's one button.
   */
  private keepRunFocus(): void {
    const active = document.activeElement;
    if (this.state.view === 'run' && (!active || active === document.body)) document.getElementById('run-action')?.focus();
  }

  private async follow(run: RunState): Promise<void> {
    const job = run.job;
    for (;;) {
      if (this.state.run !== run) return;
      if (run.cancelling) {
        try {
          await call('cancelRun', job.id);
          run.cancelled = true;
        } catch (e) {
          run.error = (e as Error).message;
        }
        this.set({ run });
        return;
      }
      try {
        run.progress = await call('runJobSlice', job.id);
        run.waiting = 0;
        if (!run.first && run.progress.progress) run.first = { at: Date.now(), listed: run.progress.progress.listed };
      } catch (e) {
        // The hourly trigger may hold the document lock for a few minutes: wait for it.
        if (codeOf(e) === 'BUSY' && run.waiting < BUSY_RETRIES) {
          run.waiting++;
          this.set({ run });
          await new Promise((r) => setTimeout(r, BUSY_WAIT_MS));
          continue;
        }
        run.error = (e as Error).message;
        this.set({ run });
        return;
      }
      this.set({ run });
      // A paused run goes on by itself (hourly trigger) once the day's requests free up; a held
      // one (maxRowsPerRun) at the next scheduled run.
      if (run.progress.done || run.progress.paused || run.progress.held) return;
    }
  }
}
