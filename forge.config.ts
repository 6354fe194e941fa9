import { MakerZIP } from '@electron-forge/maker-zip';
import { AutoUnpackNativesPlugin } from '@electron-forge/plugin-auto-unpack-natives';
import { FusesPlugin } from '@electron-forge/plugin-fuses';
import { VitePlugin } from '@electron-forge/plugin-vite';
import type { ForgeConfig } from '@electron-forge/shared-types';
import { FuseV1Options, FuseVersion } from '@electron/fuses';
import { mainEntry, preloadEntry, rendererName } from './main/build-entries.js';
import { ignoreInPackage } from './main/packaging.js';
import { MakerDebWithPackageType, writeAppUpdateConfig } from './main/updates/update-packaging.js';

const config: ForgeConfig = {
  packagerConfig: {
    name: 'ventanilla',
    executableName: 'ventanilla',
    asar: true,
    // The keep-list alone decides: with pruning on, the packager would keep the folder of every
    // production dependency (bundled into .vite already) without asking `ignore`.
    prune: false,
    ignore: ignoreInPackage,
    // Real files beside app.asar (/usr/lib/ventanilla/resources/linux/): the update installer
    // that sudoers allows, the sudoers drop-in and the systemd unit, see the README.
    extraResource: ['resources/linux'],
  },
  rebuildConfig: {},
  makers: [
    // The deb is what kiosks install and what electron-updater updates (resources/package-type).
    new MakerDebWithPackageType(
      {
        options: {
          name: 'ventanilla',
          productName: 'Ventanilla',
          bin: 'ventanilla',
          categories: ['Office'],
          // The update installer reads the feed's announcement with curl.
          depends: ['curl'],
        },
      },
      ['linux'],
    ),
    new MakerZIP({}, ['linux', 'win32']),
  ],
  hooks: {
    // electron-updater reads resources/app-update.yml, which Forge does not write.
    postPackage: writeAppUpdateConfig(),
  },
  plugins: [
    new VitePlugin({
      build: [
        { entry: mainEntry, config: 'vite.main.config.ts', target: 'main' },
        { entry: preloadEntry, config: 'vite.preload.config.ts', target: 'preload' },
      ],
      renderer: [{ name: rendererName, config: 'vite.renderer.config.ts' }],
    }),
    new AutoUnpackNativesPlugin({}),
    new FusesPlugin({
      version: FuseVersion.V1,
      [FuseV1Options.RunAsNode]: false,
      [FuseV1Options.EnableCookieEncryption]: true,
      [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
      [FuseV1Options.EnableNodeCliInspectArguments]: false,
      [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
      [FuseV1Options.OnlyLoadAppFromAsar]: true,
    }),
  ],
};

export default config;
