import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { z } from 'zod';
import { validatePassword } from '../../src/domain/account.js';
import { isCommonPassword } from '../accounts/common-passwords.js';
import type { PasswordHasher } from '../accounts/password-hashing.js';
import type { CentralDb } from '../db/index.js';
import { StaffRole, staffRoles } from '../../src/contract/index.js';
import { addStaffMember, setStaffRoles } from './members.js';
import { staffKioskCommand } from './kiosk-command.js';

type Console = { log: (line: string) => void; error: (line: string) => void };

const roleList = staffRoles.join(', ');

export const staffCommandMessages = {
  usage: [
    'Uso: npm run central -- staff add CORREO NOMBRE --role ROL... | staff roles CORREO --role ROL...',
    `       | staff pin CORREO | staff badge CORREO CÓDIGO | staff unlock CORREO   (roles: ${roleList})`,
  ].join('\n'),
  noRole: `Indicá al menos un rol con --role: ${roleList}.`,
  badRole: (role: string) => `«${role}» no es un rol. Los roles son: ${roleList}.`,
  noMember: (email: string) => `No hay nadie del personal con el correo ${email}.`,
  rolesSet: (email: string, roles: readonly string[]) =>
    `Listo: ${email} tiene ahora los roles ${roles.join(', ')}.`,
  badEmail: (email: string) => `«${email}» no es un correo válido.`,
  noName: 'Indicá el nombre de la persona después del correo.',
  noPassword:
    'Indicá la contraseña en la variable STAFF_PASSWORD (o corré el comando en una terminal para que la pida).',
  commonPassword: 'Esa contraseña es muy común y fácil de adivinar. Elegí otra.',
  prompt: 'Contraseña: ',
  exists: (email: string) => `Ya hay una persona del personal con el correo ${email}.`,
  added: (email: string, name: string, roles: readonly string[]) =>
    `Listo: ${name} (${email}) puede iniciar sesión como personal, con los roles ${roles.join(', ')}.`,
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
 * The words before `--role` and the roles after it (`--role a b`, `--role a --role b` or
 * `--role a,b`), or the message for a missing or unknown role.
 */
function splitRoles(args: readonly string[]): { words: string[]; roles: StaffRole[] } | string {
  const at = args.indexOf('--role');
  if (at < 0) return staffCommandMessages.noRole;
  const roles: StaffRole[] = [];
  for (const token of args.slice(at + 1).flatMap((arg) => arg.split(','))) {
    if (token === '--role' || token === '') continue;
    const role = StaffRole.safeParse(token.trim().toLowerCase());
    if (!role.success) return staffCommandMessages.badRole(token);
    if (!roles.includes(role.data)) roles.push(role.data);
  }
  if (roles.length === 0) return staffCommandMessages.noRole;
  return { words: args.slice(0, at), roles };
}

/**
 * `npm run central -- staff add EMAIL NAME --role ROLE...`: a staff member with those roles
 * (`staffRoles`), who signs in to the staff API. The password follows the customers' rules (8 to
 * 128 characters, not a common one) and is stored the same way (argon2id).
 * `staff roles EMAIL --role ROLE...` replaces a member's roles. Exit code 0 when done, 1 when
 * refused, 2 on bad usage.
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
  if (verb !== 'add' && verb !== 'roles') {
    out.error(say.usage);
    return 2;
  }
  const parsedEmail = z.email().safeParse(email.trim().toLowerCase());
  if (!parsedEmail.success) {
    out.error(say.badEmail(email));
    return 2;
  }
  const split = splitRoles(nameWords);
  if (typeof split === 'string') {
    out.error(split);
    return 2;
  }
  const { roles } = split;
  if (verb === 'roles') {
    if (split.words.length > 0) {
      out.error(say.usage);
      return 2;
    }
    if (!(await setStaffRoles(db, parsedEmail.data, roles, now))) {
      out.error(say.noMember(parsedEmail.data));
      return 1;
    }
    out.log(say.rolesSet(parsedEmail.data, roles));
    return 0;
  }
  const name = split.words.join(' ').trim();
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
    { email: parsedEmail.data, name, password: secret, roles },
    now,
  );
  if (!added) {
    out.error(say.exists(parsedEmail.data));
    return 1;
  }
  out.log(say.added(parsedEmail.data, name, roles));
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
