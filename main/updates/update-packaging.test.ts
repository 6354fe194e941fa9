import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { MakerDeb } from '@electron-forge/maker-deb';
import type { MakerOptions } from '@electron-forge/maker-base';
import type { ResolvedForgeConfig } from '@electron-forge/shared-types';
import { parse } from 'yaml';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  MakerDebWithPackageType,
  UPDATER_CACHE_DIR_NAME,
  appUpdateYml,
  updateBuildSettings,
  writeAppUpdateConfig,
} from './update-packaging.js';

vi.mock('electron', () => ({}));

let out = '';

beforeEach(async () => {
  out = await mkdtemp(path.join(os.tmpdir(), 'ventanilla-package-'));
});

afterEach(async () => {
  vi.restoreAllMocks();
  await rm(out, { recursive: true, force: true });
});

async function packagedApp(name: string): Promise<string> {
  const dir = path.join(out, name);
  await mkdir(path.join(dir, 'resources'), { recursive: true });
  await writeFile(path.join(dir, 'resources', 'app.asar'), 'asar');
  await writeFile(path.join(dir, 'ventanilla'), '#!/bin/sh\n', { mode: 0o755 });
  return dir;
}

describe('app-update.yml', () => {
  it('names the generic feed, the channel and the cache folder electron-updater needs', () => {
    const yml = appUpdateYml({
      url: 'https://actualizaciones.coop.example/ventanilla',
      channel: 'stable',
    });
    expect(parse(yml)).toEqual({
      provider: 'generic',
      url: 'https://actualizaciones.coop.example/ventanilla',
      channel: 'latest',
      updaterCacheDirName: UPDATER_CACHE_DIR_NAME,
    });
    expect(parse(appUpdateYml({ channel: 'beta' }))).toEqual({
      provider: 'generic',
      channel: 'beta',
      updaterCacheDirName: UPDATER_CACHE_DIR_NAME,
    });
  });

  it('takes its settings from the environment of the build', () => {
    expect(updateBuildSettings({})).toEqual({ url: undefined, channel: 'stable' });
    expect(
      updateBuildSettings({ UPDATE_FEED_URL: ' https://a.example/f ', UPDATE_CHANNEL: 'beta' }),
    ).toEqual({ url: 'https://a.example/f', channel: 'beta' });
    expect(() => updateBuildSettings({ UPDATE_FEED_URL: 'ftp://a.example' })).toThrow(
      'UPDATE_FEED_URL',
    );
    expect(() => updateBuildSettings({ UPDATE_CHANNEL: 'nightly' })).toThrow('UPDATE_CHANNEL');
  });

  it('is written into the resources of every packaged app by the postPackage hook', async () => {
    const apps = [
      await packagedApp('ventanilla-linux-x64'),
      await packagedApp('ventanilla-linux-arm64'),
    ];
    const hook = writeAppUpdateConfig({ UPDATE_FEED_URL: 'https://a.example/feed' });
    await hook({} as ResolvedForgeConfig, { platform: 'linux', arch: 'x64', outputPaths: apps });
    for (const app of apps) {
      const written = parse(
        await readFile(path.join(app, 'resources', 'app-update.yml'), 'utf8'),
      ) as unknown;
      expect(written).toMatchObject({ provider: 'generic', url: 'https://a.example/feed' });
    }
  });

  it('finds the resources of a macOS bundle', async () => {
    const app = path.join(out, 'ventanilla-darwin-x64');
    await mkdir(path.join(app, 'Ventanilla.app', 'Contents', 'Resources'), { recursive: true });
    await writeAppUpdateConfig({})({} as ResolvedForgeConfig, {
      platform: 'darwin',
      arch: 'x64',
      outputPaths: [app],
    });
    expect(
      existsSync(path.join(app, 'Ventanilla.app', 'Contents', 'Resources', 'app-update.yml')),
    ).toBe(true);
  });
});

describe('MakerDebWithPackageType', () => {
  it('makes the deb from a copy that says package-type deb, leaving the zip its folder untouched', async () => {
    const app = await packagedApp('ventanilla-linux-x64');
    const seen: { dir?: string; packageType?: string; executable?: number } = {};
    const make = vi.spyOn(MakerDeb.prototype, 'make').mockImplementation(async (options) => {
      seen.dir = options.dir;
      seen.packageType = await readFile(
        path.join(options.dir, 'resources', 'package-type'),
        'utf8',
      );
      seen.executable = (await stat(path.join(options.dir, 'ventanilla'))).mode & 0o111;
      return [path.join(out, 'ventanilla_0.1.0_amd64.deb')];
    });
    const maker = new MakerDebWithPackageType({}, ['linux']);
    const options = {
      dir: app,
      makeDir: out,
      targetArch: 'x64',
      targetPlatform: 'linux',
    } as MakerOptions;

    await expect(maker.make(options)).resolves.toEqual([
      path.join(out, 'ventanilla_0.1.0_amd64.deb'),
    ]);
    expect(make).toHaveBeenCalledOnce();
    expect(seen).toMatchObject({ packageType: 'deb\n', executable: 0o111 });
    expect(seen.dir).not.toBe(app);
    expect(existsSync(path.join(app, 'resources', 'package-type'))).toBe(false);
    expect(existsSync(seen.dir ?? '')).toBe(false);
  });

  it('removes its copy when the deb cannot be made', async () => {
    const app = await packagedApp('ventanilla-linux-x64');
    let staged = '';
    vi.spyOn(MakerDeb.prototype, 'make').mockImplementation((options) => {
      staged = options.dir;
      return Promise.reject(new Error('fakeroot: not found'));
    });
    const maker = new MakerDebWithPackageType({}, ['linux']);
    await expect(
      maker.make({
        dir: app,
        makeDir: out,
        targetArch: 'x64',
        targetPlatform: 'linux',
      } as MakerOptions),
    ).rejects.toThrow('fakeroot');
    expect(existsSync(staged)).toBe(false);
  });
});
