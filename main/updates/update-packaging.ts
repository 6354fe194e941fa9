import { cp, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { MakerDeb } from '@electron-forge/maker-deb';
import type { MakerOptions } from '@electron-forge/maker-base';
import type { ForgeHookFn } from '@electron-forge/shared-types';
import { feedChannelName, isUpdateChannel, type UpdateChannel } from './channels.js';
import { yamlDocument } from './yaml-document.js';

/** Folder under the user's cache (`~/.cache/`) where electron-updater keeps downloads. */
export const UPDATER_CACHE_DIR_NAME = 'ventanilla-updater';

export type UpdateBuildSettings = {
  /** The feed's base URL (`UPDATE_FEED_URL`); without it each kiosk needs `KIOSK_UPDATE_URL`. */
  url?: string | undefined;
  channel: UpdateChannel;
};

/** Reads the build's update settings from the environment of `npm run make`. */
export function updateBuildSettings(env: NodeJS.ProcessEnv): UpdateBuildSettings {
  const url = env.UPDATE_FEED_URL?.trim() || undefined;
  if (url !== undefined && !/^https?:\/\//.test(url)) {
    throw new Error(`UPDATE_FEED_URL debe ser una URL http(s): ${url}`);
  }
  const channel = env.UPDATE_CHANNEL?.trim() || 'stable';
  if (!isUpdateChannel(channel)) {
    throw new Error(`UPDATE_CHANNEL debe ser stable o beta, no «${channel}»`);
  }
  return { url, channel };
}

/**
 * `resources/app-update.yml`, which electron-updater reads at run time and which only
 * electron-builder writes (electron-builder #4975, #7381).
 */
export function appUpdateYml(settings: UpdateBuildSettings): string {
  return yamlDocument({
    provider: 'generic',
    url: settings.url,
    channel: feedChannelName(settings.channel),
    updaterCacheDirName: UPDATER_CACHE_DIR_NAME,
  });
}

/** The `resources` folder of a packaged app, next to `app.asar`. */
export async function resourcesDirOf(outputPath: string, platform: string): Promise<string> {
  if (platform !== 'darwin' && platform !== 'mas') return path.join(outputPath, 'resources');
  const bundle = (await readdir(outputPath)).find((name) => name.endsWith('.app'));
  if (bundle === undefined) throw new Error(`No hay un .app en ${outputPath}`);
  return path.join(outputPath, bundle, 'Contents', 'Resources');
}

/** Forge's `postPackage` hook: writes `app-update.yml` into every packaged app. */
export function writeAppUpdateConfig(
  env: NodeJS.ProcessEnv = process.env,
): ForgeHookFn<'postPackage'> {
  return async (_forgeConfig, { platform, outputPaths }) => {
    const yml = appUpdateYml(updateBuildSettings(env));
    for (const outputPath of outputPaths) {
      await writeFile(path.join(await resourcesDirOf(outputPath, platform), 'app-update.yml'), yml);
    }
  };
}

/**
 * The deb maker, plus `resources/package-type` = `deb`: on Linux electron-updater picks its deb
 * updater only when that file exists, and would otherwise treat the kiosk as an AppImage. Forge
 * runs its makers at the same time on one packaged folder, so the file goes into a copy of it:
 * the zip must not claim to be a deb.
 */
export class MakerDebWithPackageType extends MakerDeb {
  override async make(options: MakerOptions): Promise<string[]> {
    const staging = await mkdtemp(path.join(os.tmpdir(), 'ventanilla-deb-'));
    try {
      const dir = path.join(staging, path.basename(options.dir));
      await cp(options.dir, dir, { recursive: true, verbatimSymlinks: true });
      const resources = await resourcesDirOf(dir, options.targetPlatform);
      await writeFile(path.join(resources, 'package-type'), 'deb\n');
      return await super.make({ ...options, dir });
    } finally {
      await rm(staging, { recursive: true, force: true });
    }
  }
}
