/**
 * The layers of docs/ARCHITECTURE.md, held by a test rather than by memory: every import of every
 * source file is resolved to its layer and checked against what that layer may use.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const ROOT = join(__dirname, '..', '..');

/** Layer → the layers it may import (besides itself). Packages: all, none, or the ones named. */
const ALLOWED: Record<string, { layers: string[]; packages: boolean | string[] }> = {
  'src/core': { layers: ['src/shared'], packages: false },
  'src/shared': { layers: [], packages: false },
  'src/gas': { layers: ['src/core', 'src/shared'], packages: false },
  // The sidebar's page bundles its view library (docs/ARCHITECTURE.md says why) and nothing else.
  sidebar: { layers: ['src/shared'], packages: ['preact'] },
  'src/host': { layers: [], packages: true },
  'src/sandbox': { layers: [], packages: true },
  'src/emulators': { layers: [], packages: true },
  'src/cli': { layers: ['src/core', 'src/shared', 'src/host', 'src/sandbox', 'src/emulators'], packages: true },
};

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : path.endsWith('.ts') ? [path] : [];
  });
}

function layerOf(path: string): string | null {
  const rel = relative(ROOT, path).replace(/\\/g, '/');
  return Object.keys(ALLOWED).find((l) => rel === l || rel.startsWith(`${l}/`)) ?? null;
}

function imports(path: string): string[] {
  const src = readFileSync(path, 'utf8');
  return [
    ...src.matchAll(/^\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]/gm),
    ...src.matchAll(/^\s*import\s+['"]([^'"]+)['"]/gm),
  ].map((m) => m[1]);
}

describe('layer boundaries', () => {
  const all = Object.keys(ALLOWED).flatMap((l) => files(join(ROOT, l)));

  it('finds the source files', () => {
    expect(all.length).toBeGreaterThan(80);
  });

  it.each(Object.keys(ALLOWED))('%s imports only what its layer may use', (layer) => {
    const rule = ALLOWED[layer];
    const bad: string[] = [];
    for (const file of files(join(ROOT, layer))) {
      for (const spec of imports(file)) {
        if (!spec.startsWith('.')) {
          const ok = rule.packages === true || (Array.isArray(rule.packages) && rule.packages.includes(spec));
          if (!ok) bad.push(`${relative(ROOT, file)} imports the package ${spec}`);
          continue;
        }
        const target = layerOf(resolve(dirname(file), spec));
        if (target !== layer && (target === null || !rule.layers.includes(target)))
          bad.push(`${relative(ROOT, file)} imports ${spec} (${target ?? 'outside the layers'})`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('the checker itself catches a forbidden import', () => {
    // A core file importing the Apps Script adapters would be reported.
    const fake = join(ROOT, 'src/core/app/example.ts');
    expect(layerOf(resolve(dirname(fake), '../../gas/sheet'))).toBe('src/gas');
    expect(ALLOWED['src/core'].layers).not.toContain('src/gas');
  });
});

describe('storage keys', () => {
  it('are spelled only in src/core/store/schema.ts', async () => {
    const { USER_KEYS, DOCUMENT_KEYS, METADATA_PREFIX } = await import('../../src/core/store/schema');
    const literals = [
      ...Object.values(USER_KEYS),
      ...Object.values(DOCUMENT_KEYS as Record<string, unknown>).filter((v): v is string => typeof v === 'string'),
      'state:',
      'columns:',
      METADATA_PREFIX,
    ];
    const offenders: string[] = [];
    for (const file of [...files(join(ROOT, 'src/core')), ...files(join(ROOT, 'src/gas'))]) {
      if (file.endsWith(join('store', 'schema.ts'))) continue;
      const src = readFileSync(file, 'utf8');
      for (const key of literals)
        if (src.includes(`'${key}`) || src.includes(`\`${key}`)) offenders.push(`${relative(ROOT, file)}: ${key}`);
    }
    expect(offenders).toEqual([]);
  });
});
