import { parse } from 'yaml';
import { describe, expect, it, vi } from 'vitest';
import { yamlDocument } from './yaml-document.js';

vi.mock('electron', () => ({}));

describe('yamlDocument', () => {
  it('reads back as the same record', () => {
    const record = {
      version: '1.10',
      files: [
        { url: 'ventanilla_1.10_amd64.deb', sha512: 'q1w2+/==', size: 12345 },
        { url: 'otro archivo #2.deb', sha512: 'x', size: 1 },
      ],
      path: 'ventanilla_1.10_amd64.deb',
      releaseDate: '2026-04-01T12:00:00.000Z',
      stagingPercentage: 20,
      flag: true,
      nested: { name: 'Ventanilla: «kiosco»', empty: '' },
    };
    expect(parse(yamlDocument(record))).toEqual(record);
  });

  it('leaves out what is undefined', () => {
    expect(parse(yamlDocument({ a: 'x', b: undefined }))).toEqual({ a: 'x' });
  });

  it('keeps versions and numbers-as-text as strings', () => {
    expect(yamlDocument({ version: '1.10' })).toBe('version: "1.10"\n');
  });

  it('refuses numbers YAML cannot hold', () => {
    expect(() => yamlDocument({ size: Number.NaN })).toThrow();
  });
});
