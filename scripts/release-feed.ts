import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { isUpdateChannel } from '../main/updates/channels.js';
import packageJson from '../package.json' with { type: 'json' };
import { writeUpdateFeed } from './update-feed.js';

const usage = [
  'Uso: npm run release:feed -- <carpeta de instaladores> [--version x.y.z] [--channel stable|beta]',
  '                             [--staging 0-100] [--platform linux|win32] [--arch x64|arm64]',
  '                             [--force: aunque el feed anuncie una versión más nueva]',
].join('\n');

/**
 * `npm run release:feed`: writes the update feed (`latest-linux.yml`, `beta-linux.yml`…) for
 * the installers in a folder, to upload with them to the cooperative's update server.
 * Returns the exit code.
 */
export async function releaseFeed(
  argv: string[],
  print: (line: string) => void = console.log,
): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        version: { type: 'string', default: packageJson.version },
        channel: { type: 'string', default: 'stable' },
        staging: { type: 'string' },
        platform: { type: 'string', default: 'linux' },
        arch: { type: 'string', default: 'x64' },
        force: { type: 'boolean', default: false },
      },
    });
  } catch (error) {
    print(`${error instanceof Error ? error.message : String(error)}\n${usage}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const [dir] = positionals;
  const { channel, platform } = values;
  if (dir === undefined || positionals.length > 1) {
    print(usage);
    return 2;
  }
  if (!isUpdateChannel(channel) || (platform !== 'linux' && platform !== 'win32')) {
    print(`Canal o plataforma desconocidos: ${channel}, ${platform}\n${usage}`);
    return 2;
  }
  const staging = values.staging === undefined ? undefined : Number(values.staging);
  try {
    const { file, feed } = await writeUpdateFeed({
      dir: path.resolve(dir),
      version: values.version,
      channel,
      stagingPercentage: staging,
      platform,
      arch: values.arch,
      force: values.force,
    });
    const share =
      feed.stagingPercentage === undefined
        ? 'todos los kioscos'
        : `el ${feed.stagingPercentage} % de los kioscos`;
    print(`Escrito ${file}: versión ${feed.version} para ${share}.`);
    for (const entry of feed.files) print(`  ${entry.url} (${entry.size} bytes)`);
    return 0;
  } catch (error) {
    print(error instanceof Error ? error.message : String(error));
    return 1;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await releaseFeed(process.argv.slice(2));
}
