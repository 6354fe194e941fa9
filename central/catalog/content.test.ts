import { describe, expect, it } from 'vitest';
import { catalogFixture } from '../../src/testing/catalog-fixture.js';
import { CatalogContent, canonicalJson, catalogVersion } from './content.js';

describe('catalogVersion', () => {
  const content = CatalogContent.parse(catalogFixture());

  it('is a short hex SHA-256 that ignores key order', () => {
    const reordered = {
      requestTypes: content.requestTypes,
      settings: content.settings,
      branding: content.branding,
    };
    expect(catalogVersion(content)).toMatch(/^[0-9a-f]{20}$/);
    expect(catalogVersion(reordered)).toBe(catalogVersion(content));
  });

  it('changes when any content changes', () => {
    const changed = { ...content, settings: { ...content.settings, inactivitySeconds: 120 } };
    expect(catalogVersion(changed)).not.toBe(catalogVersion(content));
  });

  it('keeps array order significant', () => {
    expect(canonicalJson({ b: [2, 1], a: { d: 1, c: 2 } })).toBe('{"a":{"c":2,"d":1},"b":[2,1]}');
  });
});
