import { CATALOG, OBJECT_NAMES } from '../../src/core/catalog/objects';

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
