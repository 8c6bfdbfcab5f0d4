import type { SidebarState } from '../src/shared/rpc';

interface ScriptRun {
  withSuccessHandler<T>(f: (v: T) => void): ScriptRun;
  withFailureHandler(f: (e: Error) => void): ScriptRun;
  getSidebarState(): void;
}
declare const google: { script: { run: ScriptRun } };

/** Everything shown comes from Lever or the user: it goes in as text, never as HTML. */
function render(state: SidebarState): void {
  const status = document.getElementById('status') as HTMLElement;
  const list = document.getElementById('jobs') as HTMLElement;
  status.textContent = state.connection.connected
    ? `Connected to Lever (${state.connection.environment}). ${state.jobs.length} sync job(s).`
    : 'Not connected to Lever yet.';
  list.replaceChildren(
    ...state.jobs.map((v) => {
      const li = document.createElement('li');
      const last = v.lastRun ? `${v.lastRun.status}, ${v.lastRun.counts.records} records` : 'never run';
      li.textContent = `${v.job.name} → ${v.job.sheetName} (${last})`;
      return li;
    }),
  );
}

function fail(e: Error): void {
  const status = document.getElementById('status') as HTMLElement;
  status.textContent = e.message;
  status.className = 'error';
}

google.script.run.withSuccessHandler<SidebarState>(render).withFailureHandler(fail).getSidebarState();
