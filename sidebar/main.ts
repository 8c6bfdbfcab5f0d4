import { App } from './app';

/**
 * Starts once the whole page is parsed: the menu's "Check this spreadsheet" appends a marker
 * after the page, asking the sidebar to open on the check.
 */
function start(): void {
  const root = document.getElementById('app') as HTMLElement;
  const app = new App(root);
  const startView = document.getElementById('lever-sync-start')?.getAttribute('data-view');
  app.render();
  if (startView === 'check') void app.runCheck();
  void app.refresh().then(() => app.loadPlan());
  app.startRefreshing();
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
else start();
