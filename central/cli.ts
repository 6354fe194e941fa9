import path from 'node:path';
import { z } from 'zod';
import { SQLITE_FILE_NAME } from './db/index.js';
import { messages } from './messages.js';
import { startCentral } from './server.js';

/** `npm run central [-- <command>]`: the central API alone. */
const Env = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z.preprocess((value) => (value === '' ? undefined : value), z.url().optional()),
});

type Command = (env: z.infer<typeof Env>) => Promise<number | null>;

const commands = new Map<string, Command>([
  ['serve', serve],
  ['help', help],
  ['--help', help],
  ['-h', help],
]);

function help(): Promise<number> {
  console.log(messages.cli.usage);
  return Promise.resolve(0);
}

async function serve(env: z.infer<typeof Env>): Promise<null> {
  const dataDir = path.resolve(env.DATA_DIR);
  const central = await startCentral({
    host: env.HOST,
    port: env.PORT,
    dataDir,
    databaseUrl: env.DATABASE_URL,
    logger: true,
  });
  const where =
    central.engine === 'postgres'
      ? messages.cli.postgres
      : messages.cli.sqliteAt(path.join(dataDir, SQLITE_FILE_NAME));
  console.log(messages.cli.listening(central.url, where));

  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    console.log(messages.cli.stopping);
    central.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  return null;
}

async function main(argv: string[]): Promise<number | null> {
  const [name = 'serve', ...rest] = argv;
  const command = commands.get(name);
  if (!command || rest.length > 0) {
    console.error(`${messages.cli.unknownCommand(argv.join(' '))}\n\n${messages.cli.usage}`);
    return 2;
  }
  const env = Env.safeParse(process.env);
  if (!env.success) {
    console.error(messages.cli.badEnvironment(z.prettifyError(env.error)));
    return 2;
  }
  return command(env.data);
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code !== null) process.exitCode = code;
  },
  (error: unknown) => {
    console.error(messages.cli.failed(error instanceof Error ? error.message : String(error)));
    if (error instanceof Error && error.cause !== undefined) console.error(error.cause);
    process.exitCode = 1;
  },
);
