import { mkdtemp, rm } from 'node:fs/promises';
import { builtinModules } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import type { Rollup } from 'vite';
import { afterAll, describe, expect, it } from 'vitest';
import { runtimeModules } from '../../main/packaging.js';
import { mainEntry, preloadEntry } from '../../main/build-entries.js';
import { buildLikeForge } from './forge-build.js';
import { centralOnly, packagedFiles } from './packaged-files.js';

const root = path.resolve(import.meta.dirname, '../..');

/**
 * What `npm run make` bundles, built here as Forge's Vite plugin builds it (Electron itself is
 * not needed to bundle): every import left outside the bundle must be Electron, a Node built-in
 * or a module the package keeps.
 */
describe('the packaged main process', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });
  const outDir = async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'ventanilla-forge-'));
    dirs.push(dir);
    return dir;
  };
  const allowed = (name: string) =>
    name === 'electron' ||
    builtinModules.includes(name.replace(/^node:/, '')) ||
    (runtimeModules as readonly string[]).includes(name);

  let built: Promise<Rollup.OutputChunk[]> | undefined;
  /** One build of main for the tests that read it. */
  const mainChunks = async () => (built ??= buildLikeForge('main', mainEntry, await outDir()));

  it('bundles main with only Electron, built-ins and the kept native modules outside', async () => {
    const chunks = await mainChunks();
    const outside = new Set(chunks.flatMap((chunk) => chunk.imports));
    for (const name of chunks.flatMap((chunk) => chunk.dynamicImports)) outside.add(name);
    const local = new Set(chunks.map((chunk) => chunk.fileName));
    const strays = [...outside].filter((name) => !local.has(name) && !allowed(name));
    expect(strays).toEqual([]);
    expect([...outside]).toContain('better-sqlite3');
  }, 180_000);

  it('leaves the central, its dependencies and the demo data out of the bundle and the package', async () => {
    const chunks = await mainChunks();
    const modules = chunks.flatMap((chunk) => [
      ...chunk.moduleIds,
      ...chunk.imports,
      ...chunk.dynamicImports,
    ]);
    // The kiosk's own code is there, so the list is the real one.
    expect(modules.some((id) => id.endsWith(path.join('src', 'kiosk', 'core.ts')))).toBe(true);
    expect(modules.some((id) => id.endsWith(path.join('main', 'kiosk-config.ts')))).toBe(true);
    const files = await packagedFiles(root);
    expect(files).toContain('/node_modules/better-sqlite3/lib/index.js');
    for (const forbidden of centralOnly) {
      expect(
        modules.filter((id) => forbidden.module.test(id)),
        forbidden.what,
      ).toEqual([]);
      expect(
        files.filter((file) => forbidden.file.test(file)),
        forbidden.what,
      ).toEqual([]);
    }
  }, 180_000);

  it('bundles the sandboxed preload with nothing outside but Electron', async () => {
    const chunks = await buildLikeForge('preload', preloadEntry, await outDir());
    const outside = chunks.flatMap((chunk) => chunk.imports);
    expect(outside.filter((name) => name !== 'electron')).toEqual([]);
  }, 60_000);
});
