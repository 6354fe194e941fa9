import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { z } from 'zod';
import { validatePassword } from '../../src/domain/account.js';
import { isCommonPassword } from '../accounts/common-passwords.js';
import type { PasswordHasher } from '../accounts/password-hashing.js';
import type { CentralDb } from '../db/index.js';
import { addStaffMember } from './members.js';
import { staffKioskCommand } from './kiosk-command.js';

type Console = { log: (line: string) => void; error: (line: string) => void };

export const staffCommandMessages = {
  usage:
    'Uso: npm run central -- staff add CORREO NOMBRE | staff pin CORREO | staff badge CORREO CÓDIGO | staff unlock CORREO',
  badEmail: (email: string) => `«${email}» no es un correo válido.`,
  noName: 'Indicá el nombre de la persona después del correo.',
  noPassword:
    'Indicá la contraseña en la variable STAFF_PASSWORD (o corré el comando en una terminal para que la pida).',
  commonPassword: 'Esa contraseña es muy común y fácil de adivinar. Elegí otra.',
  prompt: 'Contraseña: ',
  exists: (email: string) => `Ya hay una persona del personal con el correo ${email}.`,
  added: (email: string, name: string) =>
    `Listo: ${name} (${email}) puede iniciar sesión como personal.`,
} as const;

export type StaffCommandOptions = {
  /** STAFF_PASSWORD, for scripts and tests. */
  password: string | undefined;
  /** STAFF_PIN, for `staff pin` in scripts and tests. */
  pin?: string | undefined;
  /** Asks for it when not given; null when there is no terminal to ask on. */
  prompt: (() => Promise<string>) | null;
  now: Date;
  out?: Console;
};

/**
 * `npm run central -- staff add EMAIL NAME`: a staff member (role `staff`) who signs in to the
 * staff API. The password follows the customers' rules (8 to 128 characters, not a common one)
 * and is stored the same way (argon2id). Exit code 0 when added, 1 when refused, 2 on bad usage.
 */
export async function staffCommand(
  db: CentralDb,
  hasher: PasswordHasher,
  args: readonly string[],
  options: StaffCommandOptions,
): Promise<number> {
  const { password, prompt, now, out = console } = options;
  const [verb, email = '', ...nameWords] = args;
  const say = staffCommandMessages;
  if (verb === 'pin' || verb === 'badge' || verb === 'unlock') {
    return staffKioskCommand(db, hasher, args, { pin: options.pin, prompt, out });
  }
  if (verb !== 'add') {
    out.error(say.usage);
    return 2;
  }
  const parsedEmail = z.email().safeParse(email.trim().toLowerCase());
  if (!parsedEmail.success) {
    out.error(say.badEmail(email));
    return 2;
  }
  const name = nameWords.join(' ').trim();
  if (!name) {
    out.error(say.noName);
    return 2;
  }
  const secret = password ?? (prompt ? await prompt() : undefined);
  if (secret === undefined) {
    out.error(say.noPassword);
    return 2;
  }
  const problem =
    validatePassword(secret) ?? (isCommonPassword(secret) ? say.commonPassword : null);
  if (problem) {
    out.error(problem);
    return 1;
  }
  const added = await addStaffMember(
    db,
    hasher,
    { email: parsedEmail.data, name, password: secret },
    now,
  );
  if (!added) {
    out.error(say.exists(parsedEmail.data));
    return 1;
  }
  out.log(say.added(parsedEmail.data, name));
  return 0;
}

/** Reads a password on the terminal without echoing it; null when stdin is not a terminal. */
export function terminalPrompt(
  label: string = staffCommandMessages.prompt,
): (() => Promise<string>) | null {
  if (!process.stdin.isTTY) return null;
  return () =>
    new Promise<string>((resolve) => {
      process.stdout.write(label);
      const silent = new Writable({ write: (_chunk, _encoding, done) => done() });
      const reader = createInterface({ input: process.stdin, output: silent, terminal: true });
      reader.question('', (answer) => {
        reader.close();
        process.stdout.write('\n');
        resolve(answer);
      });
    });
}
