import type { App } from '../app';
import { field, h, select } from '../dom';
import { call } from '../logic/rpc';

/** Connect: the key (masked, kept in this user's properties only), the environment, a test. */
// eslint-disable-next-line max-lines-per-function -- a view: one DOM tree, read top to bottom
export function connectView(app: App): HTMLElement {
  const info = app.state.server?.connection;
  const key = h('input', {
    type: 'password',
    autocomplete: 'off',
    spellcheck: 'false',
    placeholder: info?.keyHint ? `saved key ${info.keyHint}` : 'Paste the Lever API key',
  }) as HTMLInputElement;
  let env = info?.environment ?? 'production';
  const envSelect = select(
    [
      ['production', 'Production (api.lever.co)'],
      ['sandbox', 'Sandbox (api.sandbox.lever.co)'],
    ],
    env,
    (v) => (env = v as typeof env),
  );
  const test = app.state.test;
  const save = async () => {
    const saveButton = document.getElementById('save-connection') as HTMLButtonElement;
    saveButton.disabled = true;
    app.set({ notice: { kind: 'info', text: 'Checking the key with Lever…' }, test: null });
    try {
      if (key.value.trim() || !info?.connected || env !== info.environment)
        await call('saveConnection', { apiKey: key.value || '', environment: env });
      // What was saved is what the form shows from now on (environment, key hint).
      app.state.server = await call('getSidebarState');
      const result = await call('testConnection');
      if (!result.ok) return app.set({ test: result, notice: { kind: 'error', text: result.message } });
      const confidential = result.confidentialAccess === true ? ' Confidential records are visible to this key.' : '';
      app.home({ kind: 'info', text: `${result.message}${confidential}` });
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
        void save();
      },
    },
    h('h2', { id: 'connect-title' }, 'Connect to Lever'),
    h(
      'p',
      { class: 'hint' },
      'A Lever Super Admin creates keys in Settings → Integrations and API → API credentials. The key is stored for you only, in this spreadsheet.',
    ),
    field('API key', key),
    field('Environment', envSelect),
    h(
      'div',
      { class: 'buttons' },
      h('button', { class: 'action', id: 'save-connection', type: 'submit' }, 'Save and test'),
      info?.connected ? h('button', { type: 'button', onclick: () => app.home() }, 'Back') : null,
    ),
    test?.ok
      ? h(
          'div',
          { class: 'test-result', role: 'status' },
          h('p', {}, `Readable: ${test.readable.join(', ') || 'nothing'}`),
          test.forbidden.length ? h('p', {}, `Not allowed: ${test.forbidden.join(', ')}`) : null,
          h(
            'p',
            {},
            test.confidentialAccess === true
              ? 'Confidential records: visible to this key.'
              : test.confidentialAccess === false
                ? 'Confidential records: not visible to this key.'
                : 'Confidential records: none seen (the key may not have access).',
          ),
        )
      : null,
  );
}
