import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => ({}));

/** The shell's own sources (not its tests or their fakes), as text. */
async function shellSources(): Promise<Map<string, string>> {
  const sources = new Map<string, string>();
  const walk = async (dir: string): Promise<void> => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) await walk(full);
      else if (/\.ts$/.test(entry.name) && !/\.test\.ts$|^fake-/.test(entry.name)) {
        sources.set(path.relative(import.meta.dirname, full), await readFile(full, 'utf8'));
      }
    }
  };
  await walk(import.meta.dirname);
  return sources;
}

/** Code without its comments, so that a comment may name what the code must not do. */
function code(source: string): string {
  return source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:])\/\/.*$/gm, '$1');
}

describe('the shell as a whole', () => {
  let sources = new Map<string, string>();

  beforeAll(async () => {
    sources = await shellSources();
    expect(sources.size).toBeGreaterThan(10);
  });

  it('never opens anything outside the kiosk (no shell.openExternal, no shell at all)', () => {
    for (const [file, source] of sources) {
      expect(code(source), file).not.toMatch(/openExternal|openPath|\bshell\b\s*[,}]/);
    }
  });

  it('never makes a partition persistent', () => {
    for (const [file, source] of sources) expect(code(source), file).not.toContain('persist:');
  });

  it('never turns a protection of the security checklist off', () => {
    const weakened =
      /(contextIsolation|sandbox|webSecurity):\s*false|(nodeIntegration\w*|webviewTag|allowRunningInsecureContent|experimentalFeatures):\s*true/;
    for (const [file, source] of sources) expect(code(source), file).not.toMatch(weakened);
  });

  it('never disables the sandbox or web security from the command line', () => {
    for (const [file, source] of sources) {
      expect(code(source), file).not.toMatch(/no-sandbox|disable-web-security|appendSwitch/);
    }
  });
});
