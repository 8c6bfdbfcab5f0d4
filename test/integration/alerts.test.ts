/**
 * Alerts through the shipped bundle: mail to a job's recipients on failure (once a day for the
 * same error) and on recovery, a stale-data alert, the daily digest, and each posted to a webhook
 * receiver on loopback with an HMAC-SHA256 signature the test checks itself. The webhook's address
 * and secret appear nowhere but the user's properties.
 */
import { createHmac } from 'node:crypto';
import type { LocalWorld } from '../../src/cli/local-world';
import { startWebhookReceiver, type ReceivedPost, type WebhookReceiver } from '../../src/emulators/webhook';
import type { SidebarState } from '../../src/shared/rpc';
import { connectedWorld, rpcErrorOf, saveJob, sheetObjects } from '../helpers/world';

jest.setTimeout(60_000);

const HOOK = 'https://hooks.slack.com/services/T0LEVER/B0SYNC/abcdefghijklmnop';
const SECRET = 'shared-signing-secret-4f9a2c';
let receiver: WebhookReceiver;
let world: LocalWorld;

beforeAll(async () => {
  receiver = await startWebhookReceiver();
  world = connectedWorld({
    sandbox: { seed: 8, opportunities: 30 },
    loopback: [{ prefix: 'https://hooks.slack.com/', port: receiver.port }],
  });
});

afterAll(async () => {
  await receiver?.stop();
});

/** The signature a receiver computes with the shared secret; null when it does not match. */
function verified(post: ReceivedPost): { text: string; kind: string } | null {
  const ts = post.headers['x-lever-sync-timestamp'] ?? '';
  const expected = `v1=${createHmac('sha256', SECRET).update(`v1:${ts}:${post.body}`).digest('hex')}`;
  return post.headers['x-lever-sync-signature'] === expected ? (JSON.parse(post.body) as { text: string; kind: string }) : null;
}

describe('alerts', () => {
  it('a webhook is saved as a secret, checked, and a test post arrives signed', async () => {
    expect(rpcErrorOf(() => world.host.call('saveWebhook', { url: 'https://evil.example/hook', secret: SECRET })).message).toMatch(
      /^url: must be an incoming webhook address starting with https:\/\/hooks\.slack\.com\/services\//,
    );
    expect(rpcErrorOf(() => world.host.call('saveWebhook', { url: HOOK, secret: 'short' })).message).toMatch(/^secret: must be 16 to 256/);
    expect(world.host.call('saveWebhook', { url: HOOK, secret: SECRET })).toEqual({ host: 'hooks.slack.com', saved: true });
    expect(world.host.call('testWebhook')).toEqual({ ok: true, message: 'Posted a test message to the webhook.' });
    const [post] = await receiver.received();
    expect(post.path).toBe('/services/T0LEVER/B0SYNC/abcdefghijklmnop');
    expect(post.headers['content-type']).toMatch(/^application\/json/);
    expect(verified(post)).toMatchObject({ kind: 'test', text: 'Lever Sync can post its alerts here.' });
    // A forged body fails the check.
    expect(verified({ ...post, body: post.body.replace('here', 'there') })).toBeNull();
  });

  it('failure mails the recipients once a day for the same error, recovery once, each posted signed', async () => {
    const job = saveJob(world, {
      object: 'opportunities',
      sheetName: 'Pipeline',
      fields: ['name', 'id'],
      schedule: { every: 'hour' },
      alerts: { to: ['Lead@Team.example', 'ops@team.example'], webhook: true },
    });
    expect(job.alerts).toEqual({ to: ['lead@team.example', 'ops@team.example'], onRecovery: true, digest: false, webhook: true });
    world.sandbox.injectFaults([{ kind: 'status-503', path: '/opportunities', from: 1, count: 100_000 }]);
    world.host.runHours(3);
    const failed = world.host.outbox.filter((m) => m.subject === `Lever sync failed: ${job.name}`);
    expect(failed).toHaveLength(1);
    expect(failed[0].to).toBe('lead@team.example,ops@team.example');
    world.sandbox.faults.set([]);
    world.host.runHours(1);
    expect(world.host.outbox.filter((m) => m.subject === `Lever sync recovered: ${job.name}`)).toHaveLength(1);
    // The same failure again the same day: the log says it, no second mail.
    world.sandbox.injectFaults([{ kind: 'status-503', path: '/opportunities', from: 1, count: 100_000 }]);
    world.host.runHours(1);
    expect(world.host.outbox.filter((m) => m.subject === `Lever sync failed: ${job.name}`)).toHaveLength(1);
    world.sandbox.faults.set([]);
    world.host.runHours(1);
    const posts = (await receiver.received()).map(verified);
    expect(posts.every((p) => p !== null)).toBe(true);
    expect(posts.map((p) => p!.kind)).toEqual([
      'test',
      `Lever sync failed: ${job.name}`,
      `Lever sync recovered: ${job.name}`,
      `Lever sync recovered: ${job.name}`,
    ]);
    const everywhere = JSON.stringify([
      world.host.logs,
      world.host.outbox,
      sheetObjects(world.host.spreadsheet.tab('Sync log')),
      world.host.call<SidebarState>('getSidebarState'),
    ]);
    expect(everywhere).not.toContain(SECRET);
    expect(everywhere).not.toContain('abcdefghijklmnop');
  });

  it('stale data is said once until a good run; the daily digest sums the day from the Sync log', () => {
    const job = saveJob(world, {
      object: 'stages',
      sheetName: 'Stages',
      schedule: { every: 'hour' },
      alerts: { to: ['ops@team.example'], staleAfterHours: 3, digest: true },
    });
    const stale = () => world.host.outbox.filter((m) => m.subject === `Lever sync data is stale: ${job.name}`);
    world.host.runHours(1);
    world.sandbox.injectFaults([{ kind: 'status-503', path: '/stages', from: 1, count: 100_000 }]);
    world.host.runHours(6);
    expect(stale()).toHaveLength(1);
    expect(stale()[0].to).toBe('ops@team.example');
    expect(stale()[0].body).toMatch(/last ran successfully \d hours ago, more than the 3 hours you allowed/);
    world.sandbox.faults.set([]);
    world.host.runHours(3);
    expect(stale()).toHaveLength(1);
    // Stale again after a good run: said again.
    world.sandbox.injectFaults([{ kind: 'status-503', path: '/stages', from: 1, count: 100_000 }]);
    world.host.runHours(5);
    expect(stale()).toHaveLength(2);
    world.sandbox.faults.set([]);
    world.host.runHours(12);
    const digests = world.host.outbox.filter((m) => m.subject.startsWith('Lever sync daily digest'));
    expect(digests).toHaveLength(1);
    expect(digests[0].to).toBe('ops@team.example');
    const day = sheetObjects(world.host.spreadsheet.tab('Sync log')).filter(
      (r) =>
        r.Job === job.name &&
        (r.Started as Date).getTime() > digests[0].at - 24 * 3600_000 &&
        (r.Started as Date).getTime() < digests[0].at,
    );
    const failed = day.filter((r) => r.Status === 'failed').length;
    expect(failed).toBeGreaterThan(0);
    const added = day.reduce((n, r) => n + Number(r['Rows added']), 0);
    expect(digests[0].body).toContain(`${job.name} (tab "Stages"): ${day.length} runs, ${failed} failed; rows added ${added},`);
  });

  it('bad alert settings say what to fix', () => {
    const save = (alerts: unknown) => rpcErrorOf(() => world.host.call('saveJob', { object: 'users', sheetName: 'U', alerts })).message;
    expect(save({ to: ['not-an-address'] })).toBe('alerts.to: "not-an-address" is not an email address.');
    expect(save({ to: [] })).toMatch(/^alerts\.to: must list 1 to 10 email addresses/);
    expect(save({ staleAfterHours: 0 })).toBe('alerts.staleAfterHours: must be a whole number from 1 to 720 (got 0).');
    expect(save({ webhook: 'yes' })).toBe('alerts.webhook: must be true or false.');
    expect(save({ to: ['a@b.example'], page: true })).toMatch(/^alerts/);
    expect(
      rpcErrorOf(() =>
        world.host.call('saveJob', { object: 'users', sheetName: 'U', schedule: { every: 'day' }, alerts: { staleAfterHours: 24 } }),
      ).message,
    ).toBe('alerts.staleAfterHours: must be more than 24 hours: a job run every day is that old between two good runs (give, say, 48).');
  });
});
