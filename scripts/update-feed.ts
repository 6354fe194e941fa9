import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile, readdir, rename, stat, writeFile } from 'node:fs/promises';
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
  /** Write it even when the feed it replaces announces a newer version (a deliberate rollback). */
  force?: boolean;
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
 * Semantic versions compared as semver orders them (a pre-release comes before its release):
 * negative when `a` is older, 0 when equal, positive when newer.
 */
export function compareVersions(a: string, b: string): number {
  const split = (version: string) => {
    const [core = '', pre] = version.split('+')[0]!.split(/-(.*)/s);
    return { core: core.split('.').map(Number), pre: pre === undefined ? [] : pre.split('.') };
  };
  const [x, y] = [split(a), split(b)];
  for (let at = 0; at < 3; at++) {
    const difference = (x.core[at] ?? 0) - (y.core[at] ?? 0);
    if (difference !== 0) return difference;
  }
  if (x.pre.length === 0 || y.pre.length === 0) return y.pre.length - x.pre.length;
  for (let at = 0; at < Math.max(x.pre.length, y.pre.length); at++) {
    const [p, q] = [x.pre[at], y.pre[at]];
    if (p === undefined || q === undefined) return p === undefined ? -1 : 1;
    if (p === q) continue;
    const [numericP, numericQ] = [/^\d+$/.test(p), /^\d+$/.test(q)];
    if (numericP && numericQ) return Number(p) - Number(q);
    if (numericP !== numericQ) return numericP ? -1 : 1;
    return p < q ? -1 : 1;
  }
  return 0;
}

/** The version the feed file announces now; null when there is none yet. */
async function announcedVersion(file: string): Promise<string | null> {
  const text = await readFile(file, 'utf8').catch(() => null);
  if (text === null) return null;
  // Our own writer's format: `version: "1.2.0"`.
  return /^version:\s*"?([^"\s]+)"?\s*$/m.exec(text)?.[1] ?? null;
}

/**
 * Writes the channel's feed file next to the installers and returns its path. The file is
 * replaced in one step, so a copy of the folder never holds half a feed. A feed that already
 * announces a newer version is refused unless `force`; the same version is rewritten (a new
 * staging percentage).
 */
export async function writeUpdateFeed(
  request: FeedRequest,
): Promise<{ file: string; feed: UpdateFeed }> {
  const feed = await buildUpdateFeed(request);
  const file = path.join(
    request.dir,
    feedFileName(request.channel, request.platform ?? 'linux', request.arch ?? 'x64'),
  );
  // Kiosks never downgrade: an older version over a newer one would strand them silently.
  const current = await announcedVersion(file);
  if (current !== null && compareVersions(request.version, current) < 0 && !request.force) {
    throw new Error(
      `${path.basename(file)} ya anuncia la versión ${current}, más nueva que la ${request.version}: no se escribe. Si de verdad querés volver atrás, agregá --force (los kioscos que ya tienen la ${current} no bajan de versión).`,
    );
  }
  const partial = `${file}.partial`;
  await writeFile(partial, yamlDocument(feed));
  await rename(partial, file);
  return { file, feed };
}
