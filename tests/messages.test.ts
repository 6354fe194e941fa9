import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import esAR from '../renderer/messages/es-AR.json';

const rendererDir = path.resolve('renderer');

/** The renderer's own code: every .svelte and .ts file (the message file is what is checked). */
async function rendererSources(): Promise<string> {
  const entries = await readdir(rendererDir, { recursive: true, withFileTypes: true });
  const files = entries
    .filter((entry) => entry.isFile() && /\.(svelte|ts)$/.test(entry.name))
    .map((entry) => path.join(entry.parentPath, entry.name));
  const texts = await Promise.all(files.map((file) => readFile(file, 'utf8')));
  return texts.join('\n');
}

describe('the message file renderer/messages/es-AR.json', () => {
  it('has every key the code asks for, and none the code never uses', async () => {
    const sources = await rendererSources();
    const keys = Object.keys(esAR);
    const asked = [...sources.matchAll(/\bt\(\s*'([^']+)'/g)].flatMap((match) => match[1] ?? []);
    expect(asked.length).toBeGreaterThan(0);
    expect(asked.filter((key) => !keys.includes(key))).toEqual([]);
    // A key counts as used where the code spells it: in t('…') or in a table of keys that
    // feeds t() (e.g. a supply's state to its words).
    const unused = keys.filter((key) => !sources.includes(`'${key}'`));
    expect(unused).toEqual([]);
  });

  it('is asked with spelled-out keys only, so the check above sees every use', async () => {
    const sources = await rendererSources();
    expect(sources.match(/\bt\(\s*`/g) ?? []).toEqual([]);
  });

  it('has no empty message and no leftover placeholder syntax', () => {
    for (const [key, text] of Object.entries(esAR)) {
      expect(text.trim(), key).not.toBe('');
      expect(text, key).not.toMatch(/\{\{|\$\{/);
    }
  });
});
