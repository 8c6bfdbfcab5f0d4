import { CATALOG, OBJECT_NAMES } from '../../src/core/catalog/objects';
import { REFERENCE_FIELDS } from '../fixtures/reference-fields';

describe('the object catalog (every entry)', () => {
  it.each(OBJECT_NAMES)('%s follows the catalog rules', (name) => {
    const e = CATALOG[name];
    expect(e.name).toBe(name);
    const paths = e.fields.map((f) => f.path);
    expect(new Set(paths).size).toBe(paths.length);
    expect(new Set(e.fields.map((f) => f.label)).size).toBe(e.fields.length);
    expect(paths).toContain(e.key);
    for (const d of e.defaults) expect(paths).toContain(d);
    if (e.versionField) expect(paths).toContain(e.versionField);
    if (e.incremental.kind === 'updatedAt') {
      expect(e.source.kind).toBe('list');
      expect(paths).toContain(e.incremental.field);
      expect(e.incremental.param).toMatch(/^[a-z_]+$/);
    }
    if (e.source.kind === 'list') {
      expect(e.source.path).toMatch(/^\/[a-z_/]+$/);
    } else {
      // A child names an existing top-level parent (so no cycles) and carries its id column.
      const parent = CATALOG[e.source.parent];
      expect(parent).toBeDefined();
      expect(parent.source.kind).toBe('list');
      expect(e.incremental.kind).toBe('parent');
      expect(paths).toContain('opportunityId');
    }
    if (e.source.kind === 'child') expect(e.source.path).toMatch(/^\/opportunities\/:id\/[a-z_]+$/);
    expect(e.doc).toMatch(/^https:\/\/hire\.lever\.co\/developer\/documentation#/);
  });
});

describe('the catalog covers the reference', () => {
  it('has exactly the objects the reference describes', () => {
    expect(Object.keys(REFERENCE_FIELDS).sort()).toEqual([...OBJECT_NAMES].sort());
  });

  it.each(Object.entries(REFERENCE_FIELDS))('every field of %s in the reference is reachable as a column', (object, fields) => {
    const paths = CATALOG[object as keyof typeof CATALOG].fields.map((f) => f.path);
    const unreachable = fields.filter((f) => !paths.some((p) => p === f || p.startsWith(`${f}.`)));
    expect(unreachable).toEqual([]);
  });
});
