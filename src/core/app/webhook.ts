import { ConfigError } from '../errors';
import { plainObject, rejectUnknownKeys } from '../jobs/checks';
import { USER_KEYS } from '../store/schema';
import { hex } from '../util/hex';
import { WEBHOOK_PREFIXES } from '../../shared/job';
import type { DestinationTest } from '../../shared/rpc';
import { meteredFetch } from './connection';
import type { UserPlatform } from './platform';

/**
 * The webhook alerts post to: one per user, kept with its signing secret in their user
 * properties (a Slack webhook's address is itself a credential), like the Lever key.
 */
export function saveWebhook(p: UserPlatform, input: unknown): { host: string; saved: true } {
  const obj = plainObject(input, 'webhook');
  rejectUnknownKeys(obj, ['url', 'secret'], '');
  const url = typeof obj.url === 'string' ? obj.url.trim() : '';
  if (!WEBHOOK_PREFIXES.some((prefix) => url.startsWith(prefix)) || /\s/.test(url))
    throw new ConfigError(
      'url',
      `must be an incoming webhook address starting with ${WEBHOOK_PREFIXES.join(' or ')} (a Slack or Google Chat webhook).`,
    );
  const secret = typeof obj.secret === 'string' ? obj.secret : '';
  if (secret.length < 16 || secret.length > 256)
    throw new ConfigError('secret', 'must be 16 to 256 characters: the receiver checks the signature of each post with it.');
  p.userStore.set(USER_KEYS.webhook, JSON.stringify({ url, secret }));
  return { host: url.split('/')[2], saved: true };
}

/** Posts a test message to the saved webhook. */
export function testWebhook(p: UserPlatform): DestinationTest {
  if (!p.userStore.get(USER_KEYS.webhook)) return { ok: false, message: 'No webhook is saved yet: save one first.' };
  return postWebhook(p, 'test', 'Lever Sync can post its alerts here.')
    ? { ok: true, message: 'Posted a test message to the webhook.' }
    : { ok: false, message: 'The webhook did not take the test message: check its address (the Apps Script log says what it answered).' };
}

/**
 * Posts Slack-style JSON to the webhook saved by the person whose runs send it, signed:
 * `X-Lever-Sync-Signature: v1=<hex HMAC-SHA256 of "v1:<timestamp>:<body>" under their secret>`
 * with the timestamp in `X-Lever-Sync-Timestamp` (seconds), so a receiver can refuse forgeries and
 * replays. The URL and the secret are theirs and never logged.
 */
export function postWebhook(p: UserPlatform, kind: string, text: string): boolean {
  const saved = p.userStore.get(USER_KEYS.webhook);
  if (!saved) {
    p.log('A job asks for webhook alerts, but no webhook is saved (saveWebhook): only the email went.');
    return false;
  }
  try {
    const { url, secret } = JSON.parse(saved) as { url: string; secret: string };
    const body = JSON.stringify({ text, kind, sentAt: new Date(p.clock.now()).toISOString() });
    const ts = String(Math.floor(p.clock.now() / 1000));
    const signature = hex(p.crypto.hmacSha256(secret, `v1:${ts}:${body}`));
    const res = meteredFetch(p).fetch({
      method: 'POST',
      url,
      headers: { 'X-Lever-Sync-Timestamp': ts, 'X-Lever-Sync-Signature': `v1=${signature}` },
      body,
      contentType: 'application/json',
    });
    if (res.status >= 200 && res.status < 300) return true;
    p.log(`The webhook answered HTTP ${res.status}: the alert was not posted.`);
  } catch (e) {
    p.log(`Could not post the alert to the webhook: ${e instanceof Error ? e.constructor.name : 'error'}.`);
  }
  return false;
}
