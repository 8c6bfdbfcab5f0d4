import type { App, EditorState } from '../app';
import { field, h, type El } from '../dom';
import type { Draft } from '../logic/editor';
import { call, plain } from '../logic/rpc';
import { patch } from './editor-actions';
import { section } from './editor-sections';

/**
 * The Alerts section: who is mailed (the schedule owner unless addresses are given), on recovery,
 * when data goes stale, a daily digest, and the webhook, whose address and signing secret are
 * saved apart as this user's secret (never shown again).
 */
export function alertsSection(app: App, ed: EditorState): El {
  const d = ed.draft;
  const set = (change: Partial<Draft>, redraw = false) => patch(app, ed, { ...ed.draft, ...change }, redraw);
  const check = (id: string, label: string, checked: boolean, key: 'alertRecovery' | 'digest' | 'alertWebhook') =>
    h(
      'div',
      { class: 'radio' },
      h('input', { type: 'checkbox', id, checked, onchange: (e: Event) => set({ [key]: (e.target as HTMLInputElement).checked }, true) }),
      h('label', { for: id }, label),
    );
  const extras = [d.staleHours.trim() ? `stale after ${d.staleHours} h` : '', d.digest ? 'digest' : '', d.alertWebhook ? 'webhook' : ''];
  return section(
    ed,
    'alerts',
    'Alerts',
    [d.alertTo.trim() ? d.alertTo.trim() : 'The schedule owner', ...extras.filter(Boolean)].join(' · '),
    field(
      'Email alerts to',
      h('input', {
        type: 'text',
        id: 'alert-to',
        value: d.alertTo,
        placeholder: 'The schedule owner',
        spellcheck: false,
        oninput: (e: Event) => set({ alertTo: (e.target as HTMLInputElement).value }),
      }),
      'Addresses separated by commas; a failure mails once a day at most',
    ),
    check('alert-recovery', 'Also when it works again', d.alertRecovery, 'alertRecovery'),
    field(
      'Alert when the data is older than (hours)',
      h('input', {
        type: 'number',
        id: 'alert-stale',
        min: 1,
        max: 720,
        inputmode: 'numeric',
        value: d.staleHours,
        placeholder: 'Never',
        oninput: (e: Event) => set({ staleHours: (e.target as HTMLInputElement).value }),
      }),
    ),
    check('alert-digest', 'A daily digest of the runs', d.digest, 'digest'),
    check('alert-webhook', 'Also post alerts to my webhook', d.alertWebhook, 'alertWebhook'),
    ...(d.alertWebhook ? webhookControls(app) : []),
  );
}

function webhookControls(app: App): El[] {
  return [
    field(
      'Webhook address',
      h('input', { type: 'password', id: 'webhook-url', autocomplete: 'off', placeholder: 'https://hooks.slack.com/services/…' }),
      'Slack or Google Chat. Saved for you only; never shown again.',
    ),
    field(
      'Signing secret',
      h('input', { type: 'password', id: 'webhook-secret', autocomplete: 'off' }),
      'Each post carries X-Lever-Sync-Signature: an HMAC-SHA256 with this secret.',
    ),
    h(
      'div',
      { class: 'buttons' },
      h('button', { type: 'button', onclick: () => void saveHook(app) }, 'Save webhook'),
      h('button', { type: 'button', onclick: () => void testHook(app) }, 'Test webhook'),
    ),
  ];
}

async function saveHook(app: App): Promise<void> {
  const url = document.getElementById('webhook-url') as HTMLInputElement | null;
  const secret = document.getElementById('webhook-secret') as HTMLInputElement | null;
  try {
    const saved = await call('saveWebhook', { url: url?.value ?? '', secret: secret?.value ?? '' });
    for (const f of [url, secret]) if (f) f.value = '';
    app.set({ notice: { kind: 'info', text: `Webhook saved (${saved.host}).` } });
  } catch (e) {
    app.set({ notice: { kind: 'error', text: plain((e as Error).message) } });
  }
}

async function testHook(app: App): Promise<void> {
  try {
    const res = await call('testWebhook');
    app.set({ notice: { kind: res.ok ? 'info' : 'error', text: res.message } });
  } catch (e) {
    app.set({ notice: { kind: 'error', text: plain((e as Error).message) } });
  }
}
