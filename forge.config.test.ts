import { existsSync, readdirSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { MakerDeb } from '@electron-forge/maker-deb';
import { MakerZIP } from '@electron-forge/maker-zip';
import { AutoUnpackNativesPlugin } from '@electron-forge/plugin-auto-unpack-natives';
import { FusesPlugin } from '@electron-forge/plugin-fuses';
import { VitePlugin } from '@electron-forge/plugin-vite';
import type { ResolvedForgeConfig } from '@electron-forge/shared-types';
import { FuseV1Options, FuseVersion } from '@electron/fuses';
import { getConfig as forgeMainConfig } from '@electron-forge/plugin-vite/dist/config/vite.main.config.js';
import { getConfig as forgePreloadConfig } from '@electron-forge/plugin-vite/dist/config/vite.preload.config.js';
import { getConfig as forgeRendererConfig } from '@electron-forge/plugin-vite/dist/config/vite.renderer.config.js';
import { build, loadConfigFromFile, type InlineConfig, type LibraryOptions } from 'vite';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { packagedFiles } from './tests/packaging/packaged-files.js';
import config from './forge.config.js';
import { mainBundle, preloadBundle, rendererName } from './main/build-entries.js';
import { ignoreInPackage, keepInPackage } from './main/packaging.js';
import { kioskMethods } from './src/contract/kiosk-methods.js';
import { MakerDebWithPackageType } from './main/updates/update-packaging.js';

vi.mock('electron', () => ({}));

const root = import.meta.dirname;

function pluginOf<T>(type: abstract new (...args: never[]) => T): T {
  const found = (config.plugins ?? []).filter((plugin) => plugin instanceof type);
  expect(found).toHaveLength(1);
  return found[0] as T;
}

describe('forge.config.ts', () => {
  it('builds main, preload and the main_window renderer with Vite', () => {
    const vite = pluginOf(VitePlugin);
    expect(vite.config.build).toEqual([
      { entry: 'main/main.ts', config: 'vite.main.config.ts', target: 'main' },
      { entry: 'main/preload.ts', config: 'vite.preload.config.ts', target: 'preload' },
    ]);
    expect(vite.config.renderer).toEqual([
      { name: 'main_window', config: 'vite.renderer.config.ts' },
    ]);
    for (const entry of vite.config.build)
      expect(existsSync(path.join(root, entry.config))).toBe(true);
  });

  it('sets the fuses exactly', () => {
    expect(pluginOf(FusesPlugin).fusesConfig).toEqual({
      version: FuseVersion.V1,
      [FuseV1Options.RunAsNode]: false,
      [FuseV1Options.EnableCookieEncryption]: true,
      [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
      [FuseV1Options.EnableNodeCliInspectArguments]: false,
      [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
      [FuseV1Options.OnlyLoadAppFromAsar]: true,
    });
  });

  it('unpacks native modules from an asar archive', () => {
    pluginOf(AutoUnpackNativesPlugin);
    expect(config.packagerConfig?.asar).toBe(true);
  });

  it('names the executable and makes a deb and a zip', async () => {
    expect(config.packagerConfig).toMatchObject({
      name: 'ventanilla',
      executableName: 'ventanilla',
    });
    const makers = config.makers ?? [];
    const deb = makers.find((maker) => maker instanceof MakerDeb);
    const zip = makers.find((maker) => maker instanceof MakerZIP);
    expect(deb?.platforms).toEqual(['linux']);
    expect(zip?.platforms).toEqual(expect.arrayContaining(['linux', 'win32']));
    await deb?.prepareConfig('x64');
    expect(deb?.config.options?.bin).toBe('ventanilla');
    expect(deb?.config.options?.depends).toContain('curl');
  });

  it('ships the update installer, the sudoers drop-in and the systemd unit as real files', () => {
    expect(config.packagerConfig?.extraResource).toEqual(['resources/linux']);
    for (const file of ['ventanilla-install-update', 'sudoers', 'ventanilla.service']) {
      expect(existsSync(path.join(root, 'resources/linux', file))).toBe(true);
    }
  });

  it('makes the deb with resources/package-type, so electron-updater updates it as a deb', () => {
    const debs = (config.makers ?? []).filter((maker) => maker instanceof MakerDeb);
    expect(debs).toHaveLength(1);
    expect(debs[0]).toBeInstanceOf(MakerDebWithPackageType);
    expect(debs[0]?.clone()).toBeInstanceOf(MakerDebWithPackageType);
  });

  it('writes app-update.yml after packaging', async () => {
    const out = await mkdtemp(path.join(os.tmpdir(), 'ventanilla-forge-'));
    try {
      const app = path.join(out, 'ventanilla-linux-x64');
      await mkdir(path.join(app, 'resources'), { recursive: true });
      const hook = config.hooks?.postPackage;
      expect(typeof hook).toBe('function');
      await hook?.({} as ResolvedForgeConfig, {
        platform: 'linux',
        arch: 'x64',
        outputPaths: [app],
      });
      const yml = await readFile(path.join(app, 'resources', 'app-update.yml'), 'utf8');
      expect(yml).toContain('provider: "generic"');
      expect(yml).toContain('updaterCacheDirName: "ventanilla-updater"');
    } finally {
      await rm(out, { recursive: true, force: true });
    }
  });

  it('agrees with package.json on where the main bundle is', async () => {
    const pkg = JSON.parse(await readFile(path.join(root, 'package.json'), 'utf8')) as {
      main: string;
      dependencies: Record<string, string>;
    };
    expect(pkg.main).toBe(`.vite/build/${mainBundle}`);
    expect(Object.keys(pkg.dependencies)).toContain('better-sqlite3');
  });
});

const kept = [
  '',
  '/package.json',
  '/.vite',
  '/.vite/build/main.js',
  '/.vite/build/preload.cjs',
  '/.vite/renderer/main_window/index.html',
  '/node_modules',
  '/node_modules/better-sqlite3',
  '/node_modules/better-sqlite3/lib/index.js',
  '/node_modules/better-sqlite3/build/Release/better_sqlite3.node',
  '/node_modules/bindings/bindings.js',
  '/node_modules/file-uri-to-path/index.js',
  '/resources',
  '/resources/fonts/NotoSans-Regular.ttf',
  '/resources/forms/alta-energia.pdf',
];

const dropped = [
  '/src/kiosk/core.ts',
  '/main/main.ts',
  '/renderer/App.svelte',
  '/central/server.ts',
  '/node_modules/fastify/fastify.js',
  '/node_modules/fastify',
  '/node_modules/typescript/lib/typescript.js',
  '/node_modules/.bin/tsc',
  '/node_modules/better-sqlite3-evil/index.js',
  '/node_modules/@node-rs/bcrypt/index.js',
  '/node_modules/@node-rs',
  '/node_modules/@node-rs/argon2/index.js',
  '/node_modules/@node-rs/argon2-linux-x64-gnu/argon2.linux-x64-gnu.node',
  '/resources/demo/clientes.csv',
  '/resources/catalog/request-types.json',
  '/resources/branding/copelco.json',
  '/node_modules/@types',
  '/node_modules/@types/node/index.d.ts',
  '/node_modules/better-sqlite3/build/Release/obj.target/better_sqlite3/src/better_sqlite3.o',
  '/package-lock.json',
  '/forge.config.ts',
  '/.git/config',
  '/.viteconfig',
  '/out/ventanilla-linux-x64/ventanilla',
];

describe('the package keep-list', () => {
  it.each(kept)('keeps %s', (file) => {
    expect(keepInPackage(file)).toBe(true);
    expect(ignoreInPackage(file)).toBe(false);
  });

  it.each(dropped)('drops %s', (file) => {
    expect(keepInPackage(file)).toBe(false);
    expect(ignoreInPackage(file)).toBe(true);
  });

  it('is what Forge hands the packager once every plugin has run', async () => {
    const before = new Set<unknown>([...process.listeners('exit'), ...process.listeners('SIGINT')]);
    const loaded = (await import('@electron-forge/core/dist/util/forge-config.js')) as {
      default: { default?: Loader } & Loader;
    };
    type Loader = (dir: string) => Promise<ResolvedForgeConfig>;
    const load = loaded.default.default ?? loaded.default;
    const resolved = await load(root);
    // Forge's Vite plugin hooks process exit and SIGINT when it is set up; not this worker's.
    for (const listener of process.listeners('exit')) {
      if (!before.has(listener)) process.off('exit', listener);
    }
    for (const listener of process.listeners('SIGINT')) {
      if (!before.has(listener)) process.off('SIGINT', listener);
    }
    const ignore = resolved.packagerConfig.ignore;
    expect(typeof ignore).toBe('function');
    for (const file of [...kept, ...dropped]) {
      expect((ignore as (file: string) => boolean)(file), file).toBe(ignoreInPackage(file));
    }
    expect(resolved.packagerConfig.asar).toEqual({
      unpack: expect.stringContaining('*.node') as unknown,
    });
  });
});

describe('the packaged-file list, from this repository', () => {
  let files: string[] = [];

  beforeAll(async () => {
    files = await packagedFiles(root);
  });

  it('holds better-sqlite3 with its native binary and its run-time dependencies', () => {
    expect(files).toContain('/package.json');
    expect(files).toContain('/node_modules/better-sqlite3/lib/index.js');
    expect(files).toContain('/node_modules/better-sqlite3/build/Release/better_sqlite3.node');
    expect(files).toContain('/node_modules/bindings/bindings.js');
    expect(files).toContain('/node_modules/file-uri-to-path/index.js');
  });

  it('holds the fonts and form templates of the PDFs the kiosk prints', () => {
    expect(files).toContain('/resources/fonts/NotoSans-Regular.ttf');
    expect(files).toContain('/resources/forms/alta-energia.pdf');
  });

  it('holds nothing else: no sources, no tools, no other module', () => {
    const allowed =
      /^\/(?:package\.json$|\.vite\/|resources\/(?:fonts|forms)\/|node_modules\/(?:better-sqlite3|bindings|file-uri-to-path)\/)/;
    expect(files.filter((file) => !allowed.test(file))).toEqual([]);
    expect(files.some((file) => file.startsWith('/node_modules/typescript/'))).toBe(false);
    expect(files.some((file) => /\.(?:ts|svelte)$/.test(file) && !file.endsWith('.d.ts'))).toBe(
      false,
    );
    expect(files.some((file) => file.endsWith('.o'))).toBe(false);
  });

  it('covers every run-time dependency better-sqlite3 declares', async () => {
    const pkg = JSON.parse(
      await readFile(path.join(root, 'node_modules/better-sqlite3/package.json'), 'utf8'),
    ) as { dependencies: Record<string, string> };
    const installOnly = new Set(['prebuild-install']);
    for (const name of Object.keys(pkg.dependencies).filter((dep) => !installOnly.has(dep))) {
      expect(
        files.some((file) => file.startsWith(`/node_modules/${name}/`)),
        name,
      ).toBe(true);
    }
    expect(readdirSync(path.join(root, 'node_modules')).length).toBeGreaterThan(3);
  });
});

describe('the Vite builds Forge runs', () => {
  const env = (entry: { entry: LibraryOptions['entry']; config: string }) => ({
    command: 'build' as const,
    mode: 'production',
    root,
    forgeConfig: pluginOf(VitePlugin).config,
    forgeConfigSelf: entry,
  });

  async function resolved(target: 'main' | 'preload'): Promise<InlineConfig> {
    const entry = pluginOf(VitePlugin).config.build.find((item) => item.target === target);
    if (!entry) throw new Error(`no ${target} entry`);
    const user = (await loadConfigFromFile(env(entry), path.join(root, entry.config)))?.config;
    const getConfig = target === 'main' ? forgeMainConfig : forgePreloadConfig;
    return getConfig(env(entry), user);
  }

  it('builds main as an ES module with better-sqlite3 and electron left external', async () => {
    const main = await resolved('main');
    const lib = main.build?.lib as LibraryOptions;
    expect(lib.entry).toBe('main/main.ts');
    expect(lib.formats).toEqual(['es']);
    expect(typeof lib.fileName === 'function' && lib.fileName('es', 'main')).toBe(mainBundle);
    expect(main.build?.rollupOptions?.external).toEqual(
      expect.arrayContaining(['electron', 'better-sqlite3', 'node:path']),
    );
    expect(main.define).toMatchObject({ MAIN_WINDOW_VITE_NAME: '"main_window"' });
    expect(main.build?.rollupOptions?.output).toMatchObject({
      banner: expect.stringContaining('createRequire') as unknown,
    });
    expect(main.build?.commonjsOptions?.ignore).toEqual(['pg-native']);
  });

  it('puts the renderer where main/main.ts serves it from', async () => {
    const entry = pluginOf(VitePlugin).config.renderer[0];
    if (!entry) throw new Error('no renderer entry');
    const forgeEnv = { ...env({ entry: '', config: entry.config }), forgeConfigSelf: entry };
    const user = (await loadConfigFromFile(forgeEnv, path.join(root, entry.config)))?.config;
    const renderer = forgeRendererConfig(forgeEnv, user) as InlineConfig;
    expect(path.resolve(root, renderer.build?.outDir ?? '')).toBe(
      path.join(root, '.vite', 'renderer', rendererName),
    );
  });

  describe('the preload bundle', () => {
    let outDir = '';
    let bundle = '';

    beforeAll(async () => {
      outDir = await mkdtemp(path.join(os.tmpdir(), 'ventanilla-preload-'));
      const preload = await resolved('preload');
      await build({
        ...preload,
        configFile: false,
        logLevel: 'silent',
        build: { ...preload.build, outDir, watch: null },
      });
      bundle = await readFile(path.join(outDir, preloadBundle), 'utf8');
    });

    afterAll(() => rm(outDir, { recursive: true, force: true }));

    it('is one CommonJS file that requires only electron', async () => {
      expect(await readdir(outDir)).toEqual([preloadBundle]);
      const required = [...bundle.matchAll(/require\(["']([^"']+)["']\)/g)].map((m) => m[1]);
      expect(new Set(required)).toEqual(new Set(['electron']));
      expect(bundle).not.toMatch(/\bimport\s*[{*\w]/);
    });

    it('carries the method names but not zod', () => {
      for (const method of kioskMethods) expect(bundle).toContain(method);
      expect(bundle).not.toMatch(/ZodError|\$ZodType|zod/i);
      expect(bundle.length).toBeLessThan(5_000);
    });
  });
});
