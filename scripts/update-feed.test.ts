import { createHash, randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseUpdateInfo, resolveFiles } from 'electron-updater/out/providers/Provider.js';
import { releaseFeed } from './release-feed.js';
import {
  buildUpdateFeed,
  compareVersions,
  feedFileName,
  fileDigest,
  writeUpdateFeed,
} from './update-feed.js';

let dir = '';
let deb: Buffer;

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'ventanilla-feed-'));
  await mkdir(path.join(dir, 'deb', 'x64'), { recursive: true });
  await mkdir(path.join(dir, 'zip', 'linux', 'x64'), { recursive: true });
  deb = randomBytes(300_000);
  await writeFile(path.join(dir, 'deb', 'x64', 'ventanilla_1.2.0_amd64.deb'), deb);
  await writeFile(path.join(dir, 'deb', 'x64', 'ventanilla_1.1.0_amd64.deb'), randomBytes(10));
  await writeFile(path.join(dir, 'zip', 'linux', 'x64', 'ventanilla-linux-x64-1.2.0.zip'), 'zip');
});

afterEach(() => rm(dir, { recursive: true, force: true }));

const sha512 = (content: Buffer) => createHash('sha512').update(content).digest('base64');
const releaseDate = new Date('2026-04-01T12:00:00.000Z');

describe('fileDigest', () => {
  it("is the file's SHA-512 in base64 and its size", async () => {
    const file = path.join(dir, 'deb', 'x64', 'ventanilla_1.2.0_amd64.deb');
    await expect(fileDigest(file)).resolves.toEqual({ sha512: sha512(deb), size: 300_000 });
  });
});

describe('feedFileName', () => {
  it('is the name electron-updater asks for', () => {
    expect(feedFileName('stable', 'linux', 'x64')).toBe('latest-linux.yml');
    expect(feedFileName('beta', 'linux', 'x64')).toBe('beta-linux.yml');
    expect(feedFileName('stable', 'linux', 'arm64')).toBe('latest-linux-arm64.yml');
    expect(feedFileName('stable', 'win32', 'x64')).toBe('latest.yml');
    expect(feedFileName('beta', 'win32', 'x64')).toBe('beta.yml');
  });
});

describe('writeUpdateFeed', () => {
  it('writes latest-linux.yml for the deb of this version, hashed from the real file', async () => {
    const { file } = await writeUpdateFeed({
      dir,
      version: '1.2.0',
      channel: 'stable',
      stagingPercentage: 20,
      releaseDate,
    });
    expect(file).toBe(path.join(dir, 'latest-linux.yml'));
    expect(parse(await readFile(file, 'utf8'))).toEqual({
      version: '1.2.0',
      files: [{ url: 'deb/x64/ventanilla_1.2.0_amd64.deb', sha512: sha512(deb), size: 300_000 }],
      path: 'deb/x64/ventanilla_1.2.0_amd64.deb',
      sha512: sha512(deb),
      releaseDate: '2026-04-01T12:00:00.000Z',
      stagingPercentage: 20,
    });
    expect((await readdir(dir)).filter((name) => name.endsWith('.partial'))).toEqual([]);
  });

  it("reads back through electron-updater's own parser and resolves to the deb's URL", async () => {
    const { file } = await writeUpdateFeed({ dir, version: '1.2.0', channel: 'beta', releaseDate });
    const base = new URL('https://actualizaciones.coop.example/ventanilla/');
    const info = parseUpdateInfo(await readFile(file, 'utf8'), 'beta-linux.yml', base);
    expect(info.version).toBe('1.2.0');
    expect(info.stagingPercentage).toBeUndefined();
    const [resolved] = resolveFiles(info, base);
    expect(resolved?.url.href).toBe(
      'https://actualizaciones.coop.example/ventanilla/deb/x64/ventanilla_1.2.0_amd64.deb',
    );
    expect(resolved?.info).toMatchObject({ sha512: sha512(deb), size: 300_000 });
  });

  it('encodes file names for the URL', async () => {
    await writeFile(path.join(dir, 'ventanilla 2_1.3.0-beta.1_amd64.deb'), 'x');
    const feed = await buildUpdateFeed({ dir, version: '1.3.0-beta.1', channel: 'beta' });
    expect(feed.path).toBe('ventanilla%202_1.3.0-beta.1_amd64.deb');
  });

  it('refuses a folder without an installer of the version', async () => {
    await expect(writeUpdateFeed({ dir, version: '9.9.9', channel: 'stable' })).rejects.toThrow(
      'No hay instaladores de la versión 9.9.9',
    );
  });

  it.each([
    [{ version: '1.2' }, 'no es una versión'],
    [{ version: '1.2.0', stagingPercentage: 120 }, 'staging'],
    [{ version: '1.2.0', stagingPercentage: 12.5 }, 'staging'],
    [{ version: '1.2.0', stagingPercentage: Number.NaN }, 'staging'],
  ])('refuses %o', async (request, message) => {
    await expect(writeUpdateFeed({ dir, channel: 'stable', ...request })).rejects.toThrow(message);
  });
});

describe('npm run release:feed', () => {
  it('writes the feed and says what it wrote', async () => {
    const lines: string[] = [];
    const code = await releaseFeed(
      [dir, '--version', '1.2.0', '--channel', 'stable', '--staging', '20'],
      (line) => lines.push(line),
    );
    expect(code).toBe(0);
    expect(lines[0]).toBe(
      `Escrito ${path.join(dir, 'latest-linux.yml')}: versión 1.2.0 para el 20 % de los kioscos.`,
    );
    const feed = parse(await readFile(path.join(dir, 'latest-linux.yml'), 'utf8')) as {
      stagingPercentage: number;
    };
    expect(feed.stagingPercentage).toBe(20);
  });

  it('refuses to write an older version over the feed it replaces, unless --force', async () => {
    const lines: string[] = [];
    const print = (line: string) => lines.push(line);
    expect(await releaseFeed([dir, '--version', '1.2.0'], print)).toBe(0);
    // The same version again (a larger staging percentage) is fine.
    expect(await releaseFeed([dir, '--version', '1.2.0', '--staging', '50'], print)).toBe(0);
    expect(await releaseFeed([dir, '--version', '1.1.0'], print)).toBe(1);
    expect(lines.at(-1)).toContain(
      'latest-linux.yml ya anuncia la versión 1.2.0, más nueva que la 1.1.0: no se escribe.',
    );
    const feed = () =>
      readFile(path.join(dir, 'latest-linux.yml'), 'utf8').then(
        (text) => (parse(text) as { version: string }).version,
      );
    expect(await feed()).toBe('1.2.0');
    expect(await releaseFeed([dir, '--version', '1.1.0', '--force'], print)).toBe(0);
    expect(await feed()).toBe('1.1.0');
  });

  it('orders versions as semver does, pre-releases before their release', () => {
    const ordered = [
      '1.0.0-alpha',
      '1.0.0-alpha.1',
      '1.0.0-beta.2',
      '1.0.0-beta.11',
      '1.0.0',
      '1.2.0',
      '1.10.0',
    ];
    for (let at = 1; at < ordered.length; at++) {
      expect(compareVersions(ordered[at - 1]!, ordered[at]!)).toBeLessThan(0);
      expect(compareVersions(ordered[at]!, ordered[at - 1]!)).toBeGreaterThan(0);
    }
    expect(compareVersions('1.2.0', '1.2.0+build.5')).toBe(0);
  });

  it('writes the beta feed for the whole beta group', async () => {
    const lines: string[] = [];
    await expect(
      releaseFeed([dir, '--version', '1.2.0', '--channel', 'beta'], (line) => lines.push(line)),
    ).resolves.toBe(0);
    expect(lines[0]).toContain('beta-linux.yml');
    expect(lines[0]).toContain('todos los kioscos');
  });

  it.each([
    [[], 2],
    [['--version', '1.2.0'], 2],
    [['a', 'b'], 2],
    [['DIR', '--channel', 'nightly'], 2],
    [['DIR', '--bogus'], 2],
    [['DIR', '--version', '1.2.0', '--staging', 'veinte'], 1],
  ])('refuses %j with exit code %i', async (argv, expected) => {
    const lines: string[] = [];
    const args = argv.map((arg) => (arg === 'DIR' ? dir : arg));
    await expect(releaseFeed(args, (line) => lines.push(line))).resolves.toBe(expected);
    expect(lines.join('\n')).not.toBe('');
  });
});
