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
import { shownSheet, type ShownSheet } from '../host/shown';
import { CHARTS_SCRIPT } from './playground-charts';

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
table { border-collapse: collapse; background: #fff; font-size: 12px; table-layout: fixed; }
th, td { border: 1px solid #e2e3e3; padding: 2px 4px; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; height: 19px; }
thead th { background: #f8f9fa; color: #5f6368; font-weight: normal; text-align: center; position: sticky; top: 0; z-index: 2; }
th.row { background: #f8f9fa; color: #5f6368; font-weight: normal; text-align: center; position: sticky; left: 0; z-index: 1; }
tr.frozen td, tr.frozen th.row { position: sticky; top: 24px; z-index: 1; background: #fff; border-bottom: 3px solid #c0c0c0; }
td.right { text-align: right; }
td.bold { font-weight: 700; }
td a { color: #1155cc; text-decoration: underline; }
td.note { position: relative; }
td.note::after { content: ''; position: absolute; top: 0; right: 0; border-style: solid; border-width: 0 6px 6px 0; border-color: transparent #f4b400 transparent transparent; }
td .filter { float: right; color: #188038; margin-left: 4px; font-size: 10px; }
aside { width: 300px; border-left: 1px solid #dadce0; background: #fff; display: flex; flex-direction: column; }
aside header { padding: 10px 12px; border-bottom: 1px solid #dadce0; font-weight: 500; }
iframe { border: 0; flex: 1; width: 300px; }
.bar { margin-bottom: 8px; color: #5f6368; }
.charts { margin-top: 12px; }
.chart { margin: 0 0 12px; }
.chart figcaption { color: #5f6368; font-size: 11px; }
</style></head>
<body>
<main id="sheet"><div class="bar">Emulated spreadsheet (live) · <button id="advance">Simulate 1 hour of Lever activity + hourly trigger</button></div><div id="tabs" role="tablist"></div><div id="grid"></div></main>
<aside><header>Lever Sync</header><iframe id="sidebar" title="Lever Sync sidebar" src="/sidebar"></iframe></aside>
<script>${CHARTS_SCRIPT}
var current = null;
function letters(n) { var s = ''; for (; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s; return s; }
function el(tag, cls) { var e = document.createElement(tag); if (cls) e.className = cls; return e; }
function cellOf(c, r, col, tab) {
  var td = el('td', [c.right ? 'right' : '', c.bold ? 'bold' : '', c.note ? 'note' : ''].join(' ').trim());
  if (c.link && (c.link.indexOf('https://') === 0 || c.link.indexOf('http://') === 0)) { var a = el('a'); a.href = c.link; a.target = '_blank'; a.rel = 'noopener noreferrer'; a.textContent = c.t; td.appendChild(a); }
  else td.textContent = c.t;
  if (c.note) td.title = c.note;
  var f = tab.filter;
  if (f && r === f.row && col >= f.col && col < f.col + f.numCols) { var b = el('span', 'filter'); b.textContent = '\u25BE'; b.title = 'Filter'; b.setAttribute('aria-label', 'Filter'); td.appendChild(b); }
  return td;
}
function grid(tab) {
  var table = el('table');
  table.setAttribute('aria-label', 'Tab ' + tab.name);
  var cols = el('colgroup'), corner = el('col');
  corner.style.width = '40px'; cols.appendChild(corner);
  var total = 40;
  tab.widths.forEach(function (w) { var c = el('col'); c.style.width = w + 'px'; cols.appendChild(c); total += w; });
  table.style.width = total + 'px';
  table.appendChild(cols);
  var head = el('thead'), hr = el('tr');
  hr.appendChild(el('th'));
  tab.widths.forEach(function (_, i) { var th = el('th'); th.textContent = letters(i + 1); hr.appendChild(th); });
  head.appendChild(hr); table.appendChild(head);
  var body = el('tbody');
  tab.rows.forEach(function (row, i) {
    var tr = el('tr', i < tab.frozenRows ? 'frozen' : '');
    var n = el('th', 'row'); n.textContent = String(i + 1); tr.appendChild(n);
    row.forEach(function (c, j) { tr.appendChild(cellOf(c, i + 1, j + 1, tab)); });
    body.appendChild(tr);
  });
  table.appendChild(body);
  return table;
}
function draw(data) {
  var tabs = document.getElementById('tabs');
  var names = data.map(function (t) { return t.name; });
  if (!current || names.indexOf(current) < 0) current = names[0] || null;
  tabs.replaceChildren.apply(tabs, data.map(function (t) {
    var b = document.createElement('button');
    b.textContent = t.name + ' (' + t.totalRows + ')';
    b.setAttribute('role', 'tab');
    b.setAttribute('aria-pressed', String(t.name === current));
    b.onclick = function () { current = t.name; draw(data); };
    return b;
  }));
  var tab = data.filter(function (t) { return t.name === current; })[0];
  var box = document.getElementById('grid');
  if (!tab) { box.replaceChildren(); return; }
  box.replaceChildren(grid(tab), chartsOf(tab));
}
var shown = '';
// Redrawn only when a tab changed, so the grid keeps its scroll position while nothing happens.
function poll() { fetch('/api/sheets').then(function (r) { return r.text(); }).then(function (t) { if (t !== shown) { shown = t; draw(JSON.parse(t)); } }).catch(function () {}); }
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

/** The visible tabs as Sheets draws them (host/shown.ts): formats in the spreadsheet's zone, bold, links, notes, frozen rows, the filter. */
function sheetsJson(world: LocalWorld): ShownSheet[] {
  const book = world.host.spreadsheet;
  return book.sheets.filter((s) => !s.hidden && !(s.name === 'Sheet1' && s.lastRow() === 0)).map((s) => shownSheet(s, book.timeZone));
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
