import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { userPathFilter } from '@electron/packager/dist/copy-filter.js';
import { ignoreInPackage } from '../../main/packaging.js';

/**
 * Every file @electron/packager would copy from `root` into the app (its own filter with our
 * `ignore`), as `/relative/paths`: the packaged-file list, without Electron's binary.
 */
export async function packagedFiles(root: string): Promise<string[]> {
  const filter = userPathFilter({
    dir: root,
    ignore: ignoreInPackage,
    prune: false,
    arch: 'x64',
    platform: 'linux',
    out: path.join(root, 'out'),
    quiet: true,
  });
  const files: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (!(await filter(full, full))) continue;
      // A linked node_modules (a second checkout) is walked as the folder it stands for.
      const folder =
        entry.isDirectory() || (entry.isSymbolicLink() && (await stat(full)).isDirectory());
      if (folder) await walk(full);
      else files.push(`/${path.relative(root, full).split(path.sep).join('/')}`);
    }
  };
  await walk(root);
  return files;
}

/** What a packaged kiosk must never carry: the central, its dependencies and the demo data. */
export const centralOnly: { what: string; file: RegExp; module: RegExp }[] = [
  { what: 'central/', file: /^\/central\//, module: /[\\/]central[\\/]/ },
  {
    what: 'fastify',
    file: /^\/node_modules\/(?:@fastify\/|fastify)/,
    module: /[\\/]node_modules[\\/](?:@fastify[\\/]|fastify)/,
  },
  {
    what: 'pg',
    file: /^\/node_modules\/pg(?:-[a-z]+)?\//,
    module: /[\\/]node_modules[\\/]pg(?:-[a-z]+)?[\\/]/,
  },
  {
    what: 'kysely',
    file: /^\/node_modules\/kysely\//,
    module: /[\\/]node_modules[\\/]kysely[\\/]/,
  },
  {
    what: 'nodemailer',
    file: /^\/node_modules\/nodemailer\//,
    module: /[\\/]node_modules[\\/]nodemailer[\\/]/,
  },
  {
    what: '@node-rs/argon2',
    file: /^\/node_modules\/@node-rs\/argon2/,
    module: /[\\/]node_modules[\\/]@node-rs[\\/]argon2|^@node-rs\/argon2/,
  },
  { what: 'resources/demo/', file: /^\/resources\/demo\//, module: /[\\/]resources[\\/]demo[\\/]/ },
];
