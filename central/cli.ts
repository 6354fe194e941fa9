import path from 'node:path';
import { z } from 'zod';
import { argon2Hasher } from './accounts/index.js';
import { createDatabase, migrateToLatest, SQLITE_FILE_NAME, type CentralDb } from './db/index.js';
import { kioskCommand } from './fleet/command.js';
import { fleetConfig } from './fleet/index.js';
import { messages } from './messages.js';
import { startCentral } from './server.js';
import { staffCommand, terminalPrompt } from './staff/command.js';
import { staffKioskCommandMessages } from './staff/kiosk-command.js';
import { importCommand } from './supplies/import-command.js';

/** `npm run central [-- <command>]`: the central API alone. */
const Env = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: optional(z.url()),
  SMTP_URL: optional(z.url({ protocol: /^smtps?$/ })),
  PUBLIC_URL: optional(z.url({ protocol: /^https?$/ })),
  MAIL_FROM: optional(z.string()),
  /** 1: load the demo customers, supplies and invoices into a central that has none. */
  DEMO_DATA: optional(z.enum(['0', '1'])),
  /** Shared with the payments site, which sends it to redeem "Facturas y Pagos" hand-offs. */
  PAYMENTS_HANDOFF_SECRET: optional(z.string().min(16)),
  /** `staff add`: the new member's password, for scripts (otherwise it is asked for). */
  STAFF_PASSWORD: optional(z.string()),
  /** `staff pin`: the member's PIN, for scripts (otherwise it is asked for). */
  STAFF_PIN: optional(z.string()),
  /**
   * 1: refuse kiosks without a credential. Default: on with PostgreSQL (a cooperative's central),
   * off with SQLite (a demo, or a branch without a server).
   */
  REQUIRE_ENROLLED_KIOSKS: optional(z.enum(['0', '1'])),
});

/** An empty variable counts as unset. */
function optional<T extends z.ZodType>(schema: T) {
  return z.preprocess((value) => (value === '' ? undefined : value), schema.optional());
}

type Command = (env: z.infer<typeof Env>, args: string[]) => Promise<number | null>;

const commands = new Map<string, Command>([
  ['serve', serve],
  ['import', importFiles],
  ['staff', staff],
  ['kiosk', kiosk],
  ['help', help],
  ['--help', help],
  ['-h', help],
]);

/** The commands that take arguments (the others refuse any). */
const withArguments = new Set(['import', 'staff', 'kiosk']);

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
    smtpUrl: env.SMTP_URL,
    publicUrl: env.PUBLIC_URL,
    seedDemo: env.DEMO_DATA === '1',
    supplies: { paymentsHandoffSecret: env.PAYMENTS_HANDOFF_SECRET },
    mailFrom: env.MAIL_FROM,
    fleet: {
      requireEnrolledKiosks:
        (env.REQUIRE_ENROLLED_KIOSKS ?? (env.DATABASE_URL ? '1' : '0')) === '1',
    },
    logger: true,
  });
  const where =
    central.engine === 'postgres'
      ? messages.cli.postgres
      : messages.cli.sqliteAt(path.join(dataDir, SQLITE_FILE_NAME));
  console.log(messages.cli.listening(central.url, where));
  console.log(messages.cli.mailTo(central.mailDir ?? redactedSmtp(env.SMTP_URL)));

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

/** The SMTP server without its password, for the console. */
function redactedSmtp(smtpUrl = ''): string {
  const url = new URL(smtpUrl);
  if (url.password) url.password = '***';
  return url.toString();
}

/** `import FILE...`: the billing system's CSV files into the database the central uses. */
async function importFiles(env: z.infer<typeof Env>, files: string[]): Promise<number> {
  return withDatabase(env, (db) => importCommand(db, files));
}

/** `staff add EMAIL NAME`: a staff member, in the database the central uses. */
async function staff(env: z.infer<typeof Env>, args: string[]): Promise<number> {
  return withDatabase(env, (db) =>
    staffCommand(db, argon2Hasher(), args, {
      password: env.STAFF_PASSWORD,
      pin: env.STAFF_PIN,
      prompt: terminalPrompt(args[0] === 'pin' ? staffKioskCommandMessages.pinPrompt : undefined),
      now: new Date(),
    }),
  );
}

/** `kiosk enrol-code|revoke|list`: the fleet, in the database the central uses. */
async function kiosk(env: z.infer<typeof Env>, args: string[]): Promise<number> {
  return withDatabase(env, (db) =>
    kioskCommand({ db, now: () => new Date(), config: fleetConfig() }, args),
  );
}

/** The database the server would use (`DATA_DIR` or `DATABASE_URL`), migrated. */
async function withDatabase(
  env: z.infer<typeof Env>,
  work: (db: CentralDb) => Promise<number>,
): Promise<number> {
  const { db, destroy } = createDatabase(
    env.DATABASE_URL ? { databaseUrl: env.DATABASE_URL } : { dataDir: path.resolve(env.DATA_DIR) },
  );
  try {
    await migrateToLatest(db);
    return await work(db);
  } finally {
    await destroy();
  }
}

async function main(argv: string[]): Promise<number | null> {
  const [name = 'serve', ...rest] = argv;
  const command = commands.get(name);
  if (!command || (rest.length > 0 && !withArguments.has(name))) {
    console.error(`${messages.cli.unknownCommand(argv.join(' '))}\n\n${messages.cli.usage}`);
    return 2;
  }
  const env = Env.safeParse(process.env);
  if (!env.success) {
    console.error(messages.cli.badEnvironment(z.prettifyError(env.error)));
    return 2;
  }
  return command(env.data, rest);
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
