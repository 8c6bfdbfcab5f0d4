/**
 * The local playground: the built dist/Sidebar.html beside a live view of the emulated
 * spreadsheet, with google.script.run bridged to the shipped bundle in the local Apps Script host
 * running against the Lever sandbox. No Google account needed.
 */
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { DIST, type LocalWorld } from './local-world';

/** Stands in for google.script.run in the browser: every call becomes a POST to /rpc/<name>. */
const SHIM = `<script>
(function () {
  function runner(ok, fail) {
    return new Proxy({}, {
      get: function (_, name) {
        if (name === 'withSuccessHandler') return function (f) { return runner(f, fail); };
        if (name === 'withFailureHandler') return function (f) { return runner(ok, f); };
        if (name === 'withUserObject') return function () { return runner(ok, fail); };
        return function () {
          var args = Array.prototype.slice.call(arguments);
          fetch('/rpc/' + encodeURIComponent(String(name)), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(args) })
            .then(function (r) { return r.json(); })
            .then(function (res) {
              if (res.ok) { if (ok) ok(res.value); }
              else if (fail) fail(new Error(res.error));
            })
            .catch(function (e) { if (fail) fail(e); });
        };
      }
    });
  }
  window.google = { script: { run: runner(null, null), host: { close: function () {}, setHeight: function () {}, setWidth: function () {} } } };
})();
</script>`;

const PAGE = `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Lever Sync playground</title>
<style>
body { margin: 0; font-family: Roboto, Arial, sans-serif; font-size: 13px; display: flex; height: 100vh; background: #f8f9fa; }
#sheet { flex: 1; overflow: auto; padding: 8px 12px; }
#tabs button { font: inherit; margin: 0 4px 6px 0; padding: 4px 10px; border: 1px solid #dadce0; background: #fff; border-radius: 4px; cursor: pointer; }
#tabs button[aria-pressed=true] { background: #e8f0fe; border-color: #1a73e8; }
table { border-collapse: collapse; background: #fff; font-size: 12px; }
th, td { border: 1px solid #e0e0e0; padding: 2px 6px; white-space: nowrap; max-width: 240px; overflow: hidden; text-overflow: ellipsis; }
th { background: #f1f3f4; position: sticky; top: 0; }
aside { width: 300px; border-left: 1px solid #dadce0; background: #fff; display: flex; flex-direction: column; }
aside header { padding: 10px 12px; border-bottom: 1px solid #dadce0; font-weight: 500; }
iframe { border: 0; flex: 1; width: 300px; }
.bar { margin-bottom: 8px; color: #5f6368; }
</style></head>
<body>
<main id="sheet"><div class="bar">Emulated spreadsheet (live) · <button id="advance">Simulate 1 hour of Lever activity + hourly trigger</button></div><div id="tabs" role="tablist"></div><div id="grid"></div></main>
<aside><header>Lever Sync</header><iframe id="sidebar" title="Lever Sync sidebar" src="/sidebar"></iframe></aside>
<script>
var current = null;
function cell(v) { var td = document.createElement('td'); td.textContent = v === null ? '' : String(v); return td; }
function draw(data) {
  var tabs = document.getElementById('tabs');
  var names = data.map(function (t) { return t.name; });
  if (!current || names.indexOf(current) < 0) current = names[0] || null;
  tabs.replaceChildren.apply(tabs, data.map(function (t) {
    var b = document.createElement('button');
    b.textContent = t.name + ' (' + Math.max(0, t.rows.length - 1) + ')';
    b.setAttribute('role', 'tab');
    b.setAttribute('aria-pressed', String(t.name === current));
    b.onclick = function () { current = t.name; draw(data); };
    return b;
  }));
  var tab = data.filter(function (t) { return t.name === current; })[0];
  var grid = document.getElementById('grid');
  if (!tab) { grid.replaceChildren(); return; }
  var table = document.createElement('table');
  table.setAttribute('aria-label', 'Tab ' + tab.name);
  tab.rows.slice(0, 500).forEach(function (r, i) {
    var tr = document.createElement('tr');
    r.forEach(function (v) { var c = cell(v); if (i === 0) { var th = document.createElement('th'); th.textContent = c.textContent; tr.appendChild(th); } else tr.appendChild(c); });
    table.appendChild(tr);
  });
  grid.replaceChildren(table);
}
function poll() { fetch('/api/sheets').then(function (r) { return r.json(); }).then(draw).catch(function () {}); }
document.getElementById('advance').onclick = function () { fetch('/api/advance', { method: 'POST' }).then(poll); };
poll(); setInterval(poll, 1500);
</script></body></html>`;

function body(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let data = '';
    req.on('data', (c: Buffer) => (data += c.toString('utf8')));
    req.on('end', () => resolve(data));
    req.on('error', reject);
  });
}

/** Cells as the grid shows them: dates as ISO text. */
function sheetsJson(world: LocalWorld): Array<{ name: string; rows: unknown[][] }> {
  return world.host.spreadsheet.sheets
    .filter((s) => !s.hidden && !(s.name === 'Sheet1' && s.lastRow() === 0))
    .map((s) => ({ name: s.name, rows: s.snapshot().map((r) => r.map((v) => (v instanceof Date ? v.toISOString() : v))) }));
}

export interface Playground {
  url: string;
  server: Server;
  close(): Promise<void>;
}

export interface PlaygroundOptions {
  port?: number;
  bundleDir?: string;
  /**
   * Added to every google.script.run answer: a real call takes about a second (the sidebar's
   * pace under Google), while the local host answers at once and a run would end unseen.
   */
  rpcDelayMs?: number;
}

export function startPlayground(world: LocalWorld, opts: PlaygroundOptions = {}): Promise<Playground> {
  const { port = 0, bundleDir = DIST, rpcDelayMs = 0 } = opts;
  const sidebar = () => readFileSync(join(bundleDir, 'Sidebar.html'), 'utf8').replace('<head>', () => `<head>${SHIM}`);
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const send = (status: number, type: string, content: string) => {
      res.writeHead(status, { 'content-type': `${type}; charset=utf-8`, 'cache-control': 'no-store' });
      res.end(content);
    };
    if (req.method === 'GET' && url.pathname === '/') return send(200, 'text/html', PAGE);
    if (url.pathname === '/favicon.ico') return send(204, 'text/plain', '');
    if (req.method === 'GET' && url.pathname === '/sidebar') return send(200, 'text/html', sidebar());
    if (req.method === 'GET' && url.pathname === '/api/sheets') return send(200, 'application/json', JSON.stringify(sheetsJson(world)));
    if (req.method === 'POST' && url.pathname === '/api/advance') {
      const from = world.clock.now();
      world.host.runHours(1, () => world.sandbox.activity.simulate(from, world.clock.now(), 10));
      return send(200, 'application/json', '{"ok":true}');
    }
    if (req.method === 'POST' && url.pathname.startsWith('/rpc/')) {
      const fn = decodeURIComponent(url.pathname.slice(5));
      void body(req).then((raw) => {
        let answer: string;
        try {
          const args = JSON.parse(raw || '[]') as unknown[];
          answer = JSON.stringify({ ok: true, value: world.host.call(fn, ...args) ?? null });
        } catch (e) {
          answer = JSON.stringify({ ok: false, error: (e as Error).message });
        }
        setTimeout(() => send(200, 'application/json', answer), rpcDelayMs);
      });
      return;
    }
    send(404, 'text/plain', 'Not found');
  });
  return new Promise((resolve) => {
    server.listen(port, '127.0.0.1', () => {
      const addr = server.address() as AddressInfo;
      resolve({ url: `http://127.0.0.1:${addr.port}`, server, close: () => new Promise<void>((done) => server.close(() => done())) });
    });
  });
}
