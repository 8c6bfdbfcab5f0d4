import { S3_REGIONS, WEBHOOK_PREFIXES } from '../../src/shared/job';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import vm from 'node:vm';
import { ENTRY_POINTS } from '../../src/shared/entry-points';

const dist = join(__dirname, '..', '..', 'dist');
const code = readFileSync(join(dist, 'Code.js'), 'utf8');

describe('the shipped bundle (dist/Code.js)', () => {
  it('has no module syntax left', () => {
    expect(code).not.toMatch(/^\s*(import|export)\s[\w{*]/m);
  });

  it('loads in a bare V8 context and exposes every documented entry point as a top-level function', () => {
    const ctx = vm.createContext({});
    vm.runInContext(code, ctx, { filename: 'Code.js' });
    for (const name of ENTRY_POINTS) expect(typeof (ctx as Record<string, unknown>)[name]).toBe('function');
  });

  it('documents every entry point in docs/API.md', () => {
    const api = readFileSync(join(__dirname, '..', '..', 'docs', 'API.md'), 'utf8');
    for (const name of ENTRY_POINTS) expect(api).toContain(`\`${name}`);
  });

  it('does not use Node or browser globals that Apps Script lacks', () => {
    // Free uses only, outside strings and comments: not after '.', not an object key or method name.
    const bare = code
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|`(?:[^`\\]|\\.)*`/g, '""')
      .replace(/\/\/[^\n]*/g, '');
    for (const name of [
      'require',
      'process',
      'Buffer',
      'fetch',
      'setTimeout',
      'setInterval',
      'URL',
      'URLSearchParams',
      'TextEncoder',
      'TextDecoder',
      'atob',
      'btoa',
      'structuredClone',
      'window',
      'document',
    ]) {
      const free = new RegExp(`(?<![.\\w$'"])${name}(?![\\w$])(?!\\s*:)(?!\\([^)]*\\)\\s*\\{)`, 'g');
      const hits = [...bare.matchAll(free)].map((m) => bare.slice(Math.max(0, m.index - 40), m.index + 40));
      expect({ name, hits }).toEqual({ name, hits: [] });
    }
  });

  it('calls into the bundle through the stubs (entry points reach the Apps Script services)', () => {
    const menus: string[] = [];
    const ui = {
      createAddonMenu: () => ({ addItem: (t: string, f: string) => (menus.push(`${t}:${f}`), ui.menu), addToUi: () => undefined }),
      menu: null as unknown,
    };
    ui.menu = { addItem: () => ui.menu, addToUi: () => undefined };
    const ctx = vm.createContext({ SpreadsheetApp: { getUi: () => ui } });
    vm.runInContext(code, ctx);
    vm.runInContext('onOpen({authMode: "NONE"})', ctx);
    expect(menus).toEqual(['Open Lever Sync:showSidebar']);
  });

  it('ships a manifest with V8, the Drive API advanced service and the Lever allowlist (scopes: google-rules.test.ts)', () => {
    const manifest = JSON.parse(readFileSync(join(dist, 'appsscript.json'), 'utf8'));
    expect(manifest.runtimeVersion).toBe('V8');
    expect(manifest.dependencies.enabledAdvancedServices).toEqual([{ userSymbol: 'Drive', serviceId: 'drive', version: 'v3' }]);
    expect(manifest.urlFetchWhitelist).toEqual([
      'https://api.lever.co/',
      'https://api.sandbox.lever.co/',
      'https://*.blob.core.windows.net/',
      ...WEBHOOK_PREFIXES,
      ...S3_REGIONS.map((r) => `https://*.s3.${r}.amazonaws.com/`),
    ]);
  });

  it('ships one self-contained sidebar page', () => {
    const html = readFileSync(join(dist, 'Sidebar.html'), 'utf8');
    expect(html).toContain('<script>');
    expect(html).not.toMatch(/<script[^>]+src=|<link[^>]+href=/);
  });
});
