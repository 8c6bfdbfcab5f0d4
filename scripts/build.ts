/**
 * Builds what clasp pushes: dist/Code.js (an IIFE plus one top-level forwarding function per entry
 * point, since Apps Script only sees top-level functions), dist/Sidebar.html (one self-contained
 * page, scripts and styles inlined) and dist/appsscript.json.
 */
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ENTRY_POINTS } from '../src/shared/entry-points';

const root = join(__dirname, '..');
const dist = join(root, 'dist');
const GLOBAL = '__leverSheetsSync';

async function buildServer(): Promise<void> {
  const stubs = ENTRY_POINTS.map((n) => `function ${n}() { return ${GLOBAL}.${n}.apply(this, arguments); }`).join('\n');
  await build({
    entryPoints: [join(root, 'src/gas/entry.ts')],
    bundle: true,
    format: 'iife',
    globalName: GLOBAL,
    target: 'es2020',
    platform: 'neutral',
    outfile: join(dist, 'Code.js'),
    legalComments: 'none',
    charset: 'utf8',
    banner: { js: '// lever-sheets-sync: built bundle, do not edit. Source: src/.' },
    footer: { js: stubs },
    logLevel: 'warning',
  });
}

async function buildSidebar(): Promise<void> {
  const js = await build({
    entryPoints: [join(root, 'sidebar/main.ts')],
    bundle: true,
    format: 'iife',
    target: 'es2019',
    platform: 'browser',
    write: false,
    minify: true,
    legalComments: 'none',
    charset: 'utf8',
    logLevel: 'warning',
  });
  const css = readFileSync(join(root, 'sidebar/style.css'), 'utf8');
  const script = js.outputFiles[0].text.replace(/<\/script/gi, '<\\/script');
  const html = readFileSync(join(root, 'sidebar/index.html'), 'utf8')
    .replace('<!-- INLINE_CSS -->', () => `<style>\n${css}</style>`)
    .replace('<!-- INLINE_JS -->', () => `<script>${script}</script>`);
  writeFileSync(join(dist, 'Sidebar.html'), html);
}

async function main(): Promise<void> {
  mkdirSync(dist, { recursive: true });
  await Promise.all([buildServer(), buildSidebar()]);
  copyFileSync(join(root, 'appsscript.json'), join(dist, 'appsscript.json'));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
