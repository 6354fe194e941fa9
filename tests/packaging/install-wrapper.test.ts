import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appUpdateYml } from '../../main/updates/update-packaging.js';
import { tempDir } from '../../src/testing/temp-dir.js';
import { writeUpdateFeed } from '../../scripts/update-feed.js';

const wrapper = path.resolve('resources/linux/ventanilla-install-update');
const has = (command: string) => spawnSync('sh', ['-c', `command -v ${command}`]).status === 0;
const tools = ['dpkg-deb', 'dpkg', 'dpkg-query', 'curl', 'sha512sum', 'base64'];
const missing = tools.filter((tool) => !has(tool));
if (missing.length > 0) {
  console.warn(
    `Se omiten las pruebas del instalador de actualizaciones: falta ${missing.join(', ')}`,
  );
}
const arch = missing.length
  ? 'amd64'
  : spawnSync('dpkg', ['--print-architecture']).stdout.toString().trim();

/**
 * The root-owned installer that sudoers lets the kiosk user run: real deb files built with
 * dpkg-deb, a feed written by `release:feed`'s own code and served on 127.0.0.1, and dpkg
 * installing into a folder of the test's (`VENTANILLA_INSTALL_ROOT`, which sudo never passes).
 * Every refusal leaves the installed version as it was.
 */
describe.skipIf(missing.length > 0)('the update installer wrapper', () => {
  const temp = tempDir('ventanilla-install-');
  const root = path.join(temp.dir, 'root');
  const feedDir = path.join(temp.dir, 'feed');
  let server: Server;
  let feedUrl = '';

  /** A tiny deb: a control file and one file under /usr/lib/ventanilla. */
  function deb(
    name: string,
    control: { Package?: string; Version: string; Architecture?: string },
    payload = `${control.Version}\n`,
  ) {
    const dir = path.join(temp.dir, 'build', name);
    mkdirSync(path.join(dir, 'DEBIAN'), { recursive: true });
    mkdirSync(path.join(dir, 'usr/lib/ventanilla'), { recursive: true });
    const fields = { Package: 'ventanilla', Architecture: arch, ...control };
    writeFileSync(
      path.join(dir, 'DEBIAN/control'),
      `${Object.entries(fields)
        .map(([key, value]) => `${key}: ${value}`)
        .join('\n')}\nMaintainer: Sistemas <sistemas@copelco.example>\nDescription: Ventanilla\n`,
    );
    writeFileSync(path.join(dir, 'usr/lib/ventanilla/version'), payload);
    const file = path.join(feedDir, 'deb', `${name}.deb`);
    mkdirSync(path.dirname(file), { recursive: true });
    const built = spawnSync('dpkg-deb', ['--root-owner-group', '--build', dir, file]);
    expect(built.status, built.stderr.toString()).toBe(0);
    return file;
  }

  const installedVersion = () =>
    spawnSync('dpkg-query', [
      `--admindir=${root}/var/lib/dpkg`,
      '-W',
      '-f=${Version}',
      'ventanilla',
    ]).stdout.toString();

  /** Asynchronously: the feed is served by this same process. */
  function run(args: string[], env: Record<string, string> = {}) {
    const { SUDO_USER: _ignored, ...clean } = process.env;
    void _ignored;
    const child = spawn('bash', [wrapper, ...args], {
      env: { ...clean, VENTANILLA_INSTALL_ROOT: root, ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    return new Promise<{ status: number | null; stderr: string }>((resolve) =>
      child.on('close', (status) => resolve({ status, stderr })),
    );
  }

  beforeAll(async () => {
    mkdirSync(feedDir, { recursive: true });
    server = createServer((request, response) => {
      readFile(path.join(feedDir, decodeURIComponent(request.url ?? '/').replace(/^\/+/, '')))
        .then((body) => response.end(body))
        .catch(() => {
          response.statusCode = 404;
          response.end();
        });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    feedUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;

    // The machine as the package left it: Ventanilla 1.2.0 installed, and its app-update.yml.
    mkdirSync(path.join(root, 'var/lib/dpkg/info'), { recursive: true });
    mkdirSync(path.join(root, 'var/lib/dpkg/updates'), { recursive: true });
    writeFileSync(path.join(root, 'var/lib/dpkg/available'), '');
    writeFileSync(path.join(root, 'var/lib/dpkg/status'), '');
    const first = deb('ventanilla_1.2.0', { Version: '1.2.0' });
    const installed = spawnSync('dpkg', [
      '--force-not-root',
      `--root=${root}`,
      `--admindir=${root}/var/lib/dpkg`,
      '-i',
      first,
    ]);
    expect(installed.status, installed.stderr.toString()).toBe(0);
    mkdirSync(path.join(root, 'usr/lib/ventanilla/resources'), { recursive: true });
    writeFileSync(
      path.join(root, 'usr/lib/ventanilla/resources/app-update.yml'),
      appUpdateYml({ url: feedUrl, channel: 'stable' }),
    );
  });
  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
    temp.remove();
  });

  it('refuses what is not a newer Ventanilla deb, whatever the file is called', async () => {
    const notADeb = path.join(feedDir, 'deb', 'ventanilla_1.3.0_amd64.deb');
    writeFileSync(notADeb, '#!/bin/sh\nchmod u+s /bin/bash\n');
    expect(await run([notADeb])).toMatchObject({
      status: 1,
      stderr: expect.stringContaining('no es un paquete deb') as string,
    });
    const other = deb('otro', { Package: 'bash', Version: '9.9' });
    expect((await run([other])).stderr).toContain('el paquete no es de Ventanilla: es «bash»');
    const foreign = deb('foraneo', {
      Version: '1.3.0',
      Architecture: arch === 'arm64' ? 'amd64' : 'arm64',
    });
    expect((await run([foreign])).stderr).toMatch(/el paquete es para «\w+», no para «\w+»/);
    const older = deb('viejo', { Version: '1.1.9' });
    expect((await run([older])).stderr).toContain(
      'la versión 1.1.9 no es más nueva que la instalada (1.2.0)',
    );
    const same = deb('igual', { Version: '1.2.0' });
    expect((await run([same])).status).toBe(1);
    const link = path.join(temp.dir, 'enlace.deb');
    symlinkSync(older, link);
    expect((await run([link])).stderr).toContain('no es un archivo');
    expect((await run([path.join(temp.dir, 'no-existe.deb')])).status).toBe(1);
    expect(installedVersion()).toBe('1.2.0');
  });

  it('refuses bad usage: no file, extra arguments, an unknown channel', async () => {
    expect((await run([])).status).toBe(2);
    expect((await run(['a.deb', 'stable', 'más'])).status).toBe(2);
    expect(await run(['a.deb', 'stable; rm -rf /'])).toMatchObject({
      status: 2,
      stderr: expect.stringContaining('canal desconocido') as string,
    });
  });

  it('installs only a deb whose SHA-512 the feed announces for its version', async () => {
    const next = deb('ventanilla_1.3.0_amd64', { Version: '1.3.0' });
    // No feed yet: nothing to compare with.
    expect((await run([next])).stderr).toContain('no se pudo leer el anuncio de la versión');
    // The feed announces another version.
    const announced = deb('ventanilla_1.2.5_amd64', { Version: '1.2.5' });
    await writeUpdateFeed({ dir: feedDir, version: '1.2.5', channel: 'stable', arch: 'x64' });
    expect((await run([next])).stderr).toContain(
      'el anuncio es de la versión «1.2.5», no de la 1.3.0',
    );
    void announced;

    // The right version announced, then the file changed after the announcement.
    await writeUpdateFeed({ dir: feedDir, version: '1.3.0', channel: 'stable', arch: 'x64' });
    // Another build of 1.3.0 (someone's own, dropped where the updater keeps its downloads).
    const other = deb('cambiado', { Version: '1.3.0' }, '1.3.0 con un agregado\n');
    expect((await run([other])).stderr).toContain(
      'el SHA-512 del archivo no es el que anuncia la versión 1.3.0',
    );
    expect(installedVersion()).toBe('1.2.0');

    // The beta feed has nothing: the beta channel refuses what only stable announces.
    expect((await run([next, 'beta'])).stderr).toContain('no se pudo leer el anuncio');
    expect(installedVersion()).toBe('1.2.0');

    const installed = await run([next, 'stable']);
    expect(installed.stderr).toContain('instalando Ventanilla 1.3.0 (antes 1.2.0)');
    expect(installed.status).toBe(0);
    expect(installedVersion()).toBe('1.3.0');
    // Installing it again is not an update any more.
    expect((await run([next])).stderr).toContain('no es más nueva que la instalada (1.3.0)');
  });

  it('ignores the test folder under sudo: the real system is the only one it installs into', async () => {
    const next = path.join(feedDir, 'deb', 'ventanilla_1.3.0_amd64.deb');
    const underSudo = await run([next], { SUDO_USER: 'kiosco' });
    expect(underSudo.status).toBe(1);
    // This machine has no Ventanilla installed.
    expect(underSudo.stderr).toContain('Ventanilla no está instalada');
  });

  it('ships a sudoers line that allows that wrapper and nothing else', async () => {
    const sudoers = await readFile(path.resolve('resources/linux/sudoers'), 'utf8');
    const rules = sudoers.split('\n').filter((line) => line.trim() && !line.startsWith('#'));
    expect(rules).toEqual([
      'kiosco ALL=(root) NOPASSWD: /usr/lib/ventanilla/resources/linux/ventanilla-install-update',
    ]);
    if (!has('visudo')) {
      console.warn('Se omite visudo -c: sudo no está instalado');
      return;
    }
    const checked = spawnSync('visudo', ['-cf', path.resolve('resources/linux/sudoers')]);
    expect(checked.status, checked.stderr.toString() + checked.stdout.toString()).toBe(0);
  });
});
