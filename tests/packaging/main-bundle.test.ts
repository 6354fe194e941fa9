import { mkdtemp, rm } from 'node:fs/promises';
import { builtinModules } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runtimeModules } from '../../main/packaging.js';
import { mainEntry, preloadEntry } from '../../main/build-entries.js';
import { buildLikeForge } from './forge-build.js';

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

  it('bundles main with only Electron, built-ins and the kept native modules outside', async () => {
    const chunks = await buildLikeForge('main', mainEntry, await outDir());
    const outside = new Set(chunks.flatMap((chunk) => chunk.imports));
    for (const name of chunks.flatMap((chunk) => chunk.dynamicImports)) outside.add(name);
    const local = new Set(chunks.map((chunk) => chunk.fileName));
    const strays = [...outside].filter((name) => !local.has(name) && !allowed(name));
    expect(strays).toEqual([]);
    expect([...outside]).toContain('better-sqlite3');
    expect([...outside]).toContain('@node-rs/argon2');
  }, 180_000);

  it('bundles the sandboxed preload with nothing outside but Electron', async () => {
    const chunks = await buildLikeForge('preload', preloadEntry, await outDir());
    const outside = chunks.flatMap((chunk) => chunk.imports);
    expect(outside.filter((name) => name !== 'electron')).toEqual([]);
  }, 60_000);
});
