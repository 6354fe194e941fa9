import { describe, expect, it } from 'vitest';
import { etagOf, ifNoneMatchHits } from './etag.js';

describe('catalogue ETags', () => {
  const etag = etagOf('abc123');

  it('are strong and quoted', () => {
    expect(etag).toBe('"abc123"');
  });

  it.each([
    ['"abc123"', true],
    ['W/"abc123"', true],
    ['"old", "abc123"', true],
    ['*', true],
    ['"old"', false],
    ['abc123', false],
    ['', false],
  ])('If-None-Match %j hits: %s', (header, hits) => {
    expect(ifNoneMatchHits(header, etag)).toBe(hits);
  });

  it('misses without If-None-Match', () => {
    expect(ifNoneMatchHits(undefined, etag)).toBe(false);
  });
});
