import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readdir, rename, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { feedChannelName, type UpdateChannel } from '../main/updates/channels.js';
import { yamlDocument } from '../main/updates/yaml-document.js';

export type FeedPlatform = 'linux' | 'win32';

export type FeedRequest = {
  /** The folder of the built installers (`out/make`); the feed file is written there. */
  dir: string;
  version: string;
  channel: UpdateChannel;
  /** Percentage of kiosks (0–100) that take this release now; unset, all of them. */
  stagingPercentage?: number | undefined;
  platform?: FeedPlatform;
  arch?: string;
  releaseDate?: Date;
};

export type FeedFile = { url: string; sha512: string; size: number };

/** What electron-updater reads from `latest-linux.yml` (its `UpdateInfo`). */
export type UpdateFeed = {
  version: string;
  files: FeedFile[];
  /** The first file again: older electron-updater versions read only these two. */
  path: string;
  sha512: string;
  releaseDate: string;
  stagingPercentage?: number;
};

const semver = /^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/;

/** The Debian names of Node's architectures, as electron-installer-debian writes them. */
const debianArch: Record<string, string> = {
  x64: 'amd64',
  arm64: 'arm64',
  armv7l: 'armhf',
  ia32: 'i386',
};

/**
 * The file electron-updater asks the feed for: `latest-linux.yml` on Linux x64 (`beta-linux.yml`
 * for beta, `-linux-arm64` on arm64), plain `latest.yml` on Windows.
 */
export function feedFileName(channel: UpdateChannel, platform: FeedPlatform, arch: string): string {
  const name = feedChannelName(channel);
  if (platform === 'win32') return `${name}.yml`;
  return `${name}-linux${arch === 'x64' ? '' : `-${arch}`}.yml`;
}

/** The SHA-512 (base64, as electron-updater checks it) and size of a file. */
export async function fileDigest(file: string): Promise<{ sha512: string; size: number }> {
  const hash = createHash('sha512');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return { sha512: hash.digest('base64'), size: (await stat(file)).size };
}

/** The installers of this version for the platform, as paths relative to `dir`, sorted. */
export async function findInstallers(
  dir: string,
  version: string,
  platform: FeedPlatform,
  arch: string,
): Promise<string[]> {
  const suffix = platform === 'linux' ? `_${debianArch[arch] ?? arch}.deb` : '.exe';
  const found: string[] = [];
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith(suffix) || !entry.name.includes(version)) continue;
    found.push(path.relative(dir, path.join(entry.parentPath, entry.name)));
  }
  return found.sort();
}

function checkRequest(request: FeedRequest): void {
  if (!semver.test(request.version)) {
    throw new Error(`«${request.version}» no es una versión x.y.z`);
  }
  const staging = request.stagingPercentage;
  if (staging !== undefined && !(Number.isInteger(staging) && staging >= 0 && staging <= 100)) {
    throw new Error(`El porcentaje de staging debe ser un entero de 0 a 100, no «${staging}»`);
  }
}

/** A relative file path as a URL path under the feed's base URL. */
function feedUrl(relative: string): string {
  return relative.split(path.sep).map(encodeURIComponent).join('/');
}

/** The feed's content for the installers found in `request.dir`, hashed from the real files. */
export async function buildUpdateFeed(request: FeedRequest): Promise<UpdateFeed> {
  checkRequest(request);
  const platform = request.platform ?? 'linux';
  const installers = await findInstallers(
    request.dir,
    request.version,
    platform,
    request.arch ?? 'x64',
  );
  if (installers.length === 0) {
    throw new Error(
      `No hay instaladores de la versión ${request.version} para ${platform} en ${request.dir}`,
    );
  }
  const files: FeedFile[] = [];
  for (const installer of installers) {
    files.push({
      url: feedUrl(installer),
      ...(await fileDigest(path.join(request.dir, installer))),
    });
  }
  const [first] = files as [FeedFile, ...FeedFile[]];
  return {
    version: request.version,
    files,
    path: first.url,
    sha512: first.sha512,
    releaseDate: (request.releaseDate ?? new Date()).toISOString(),
    ...(request.stagingPercentage !== undefined && {
      stagingPercentage: request.stagingPercentage,
    }),
  };
}

/**
 * Writes the channel's feed file next to the installers and returns its path. The file is
 * replaced in one step, so a copy of the folder never holds half a feed.
 */
export async function writeUpdateFeed(
  request: FeedRequest,
): Promise<{ file: string; feed: UpdateFeed }> {
  const feed = await buildUpdateFeed(request);
  const file = path.join(
    request.dir,
    feedFileName(request.channel, request.platform ?? 'linux', request.arch ?? 'x64'),
  );
  const partial = `${file}.partial`;
  await writeFile(partial, yamlDocument(feed));
  await rename(partial, file);
  return { file, feed };
}
