import type { ConnectionInfo } from '../../src/shared/rpc';
import type { App } from '../app';
import { field, h, select, type El } from '../dom';
import { call } from '../logic/rpc';

let chosenEnv: 'production' | 'sandbox' | null = null;
/** A key is being checked with Lever: Save and test waits. */
let checking = false;

/** Connect: the key (masked, kept in this user's properties only), the environment, a test. */
// eslint-disable-next-line max-lines-per-function -- a view: one DOM tree, read top to bottom
export function connectView(app: App): El {
  const info = app.state.server?.connection;
  const key = h('input', {
    type: 'password',
    name: 'apiKey',
    autocomplete: 'off',
    spellcheck: 'false',
    placeholder: info?.keyHint ? `saved key ${info.keyHint}` : 'Paste the Lever API key',
  });
  // The environment chosen survives a redraw (a refused key must not flip it back to production).
  let env = chosenEnv ?? info?.environment ?? 'production';
  const envSelect = select(
    [
      ['production', 'Production (api.lever.co)'],
      ['sandbox', 'Sandbox (api.sandbox.lever.co)'],
    ],
    env,
    (v) => (env = chosenEnv = v as typeof env),
  );
  const save = async (form: HTMLFormElement) => {
    // Read from the form, not kept in the page's state: the key lives in the input until sent.
    const apiKey = String(new FormData(form).get('apiKey') ?? '');
    checking = true;
    app.set({ notice: { kind: 'info', text: 'Checking the key with Lever…' } });
    try {
      // The server asks Lever first and stores the key only if Lever accepts it.
      const saved = await call('saveConnection', { apiKey, environment: env });
      checking = false;
      app.home({ kind: 'info', text: saved.message });
    } catch (e) {
      checking = false;
      app.set({ notice: { kind: 'error', text: (e as Error).message } });
    }
  };
  const disconnect = async () => {
    if (!window.confirm('Disconnect from Lever? Your key is removed, and scheduled syncs that use it stop until you connect again.'))
      return;
    try {
      const connection = await call('disconnect');
      if (app.state.server) app.state.server = { ...app.state.server, connection };
      app.set({ notice: { kind: 'info', text: 'Disconnected: your Lever key is removed.' }, view: 'connect' });
    } catch (e) {
      app.set({ notice: { kind: 'error', text: (e as Error).message } });
    }
  };
  return h(
    'form',
    {
      'aria-labelledby': 'connect-title',
      onsubmit: (e: Event) => {
        e.preventDefault();
        void save(e.currentTarget as HTMLFormElement);
      },
    },
    h('h2', { id: 'connect-title' }, 'Connect to Lever'),
    h(
      'p',
      { class: 'hint' },
      'A Lever Super Admin creates keys in Settings → Integrations and API → API credentials. The key is stored for you only, in this spreadsheet.',
    ),
    info?.connected ? h('p', { class: info.status === 'rejected' ? 'error' : 'hint', id: 'key-status' }, statusText(info)) : null,
    field('API key', key),
    field('Environment', envSelect),
    h(
      'div',
      { class: 'buttons' },
      h('button', { class: 'action', id: 'save-connection', type: 'submit', disabled: checking }, 'Save and test'),
      info?.connected ? h('button', { type: 'button', onclick: () => app.home() }, 'Back') : null,
      info?.connected ? h('button', { type: 'button', onclick: () => void disconnect() }, 'Disconnect') : null,
    ),
  );
}

/** The saved key's state in words. */
export function statusText(c: ConnectionInfo): string {
  if (c.status === 'not connected') return 'Not connected to Lever.';
  if (c.status === 'rejected')
    return `Lever refused the saved key (${c.environment}, ending ${c.keyHint}) at the last run: scheduled syncs fail until you save a working key.`;
  const cannot = c.cannotRead.length ? ` It cannot read ${c.cannotRead.join(', ')}.` : '';
  return `Connected to Lever ${c.environment} (key ${c.keyHint}).${cannot}`;
}
