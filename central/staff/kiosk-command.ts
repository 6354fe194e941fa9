import { z } from 'zod';
import type { PasswordHasher } from '../accounts/password-hashing.js';
import type { CentralDb } from '../db/index.js';
import { findStaffByEmail } from './members.js';
import { pinProblem, setStaffBadge, setStaffPin } from './pin.js';
import { clearPinLocks, pinLockedFor } from './pin-throttle.js';

/** "40 s", "3 min": what was left of a wait. */
function waitInWords(seconds: number): string {
  return seconds < 60 ? `${seconds} s` : `${Math.ceil(seconds / 60)} min`;
}

type Console = { log: (line: string) => void; error: (line: string) => void };

export const staffKioskCommandMessages = {
  usage:
    'Uso: npm run central -- staff pin CORREO | staff badge CORREO CÓDIGO | staff unlock CORREO',
  noPin:
    'Indicá el PIN en la variable STAFF_PIN (o corré el comando en una terminal para que lo pida).',
  pinPrompt: 'PIN (6 a 8 números): ',
  badBadge: 'El código de la credencial tiene de 4 a 64 letras, números o guiones.',
  missing: (email: string) => `No hay nadie del personal con el correo ${email}.`,
  badgeTaken: 'Esa credencial ya es de otra persona del personal.',
  pinSet: (email: string) => `Listo: ${email} puede ingresar en los kioscos con su PIN.`,
  unlocked: (email: string, seconds: number) =>
    seconds > 0
      ? `Listo: ${email} ya puede volver a ingresar con su PIN en todos los kioscos (le faltaban ${waitInWords(seconds)} de espera).`
      : `${email} no tenía que esperar en ningún kiosco; sus intentos fallidos volvieron a cero.`,
  badgeSet: (email: string) =>
    `Listo: la credencial es de ${email}; en el kiosco la usa junto con su PIN.`,
} as const;

/**
 * `staff pin EMAIL` and `staff badge EMAIL CODE`: what a member types at a kiosk to open its
 * staff panel. The PIN (6 to 8 digits, not a run like 123456) is hashed with argon2id; the
 * badge's code only names the member and is kept as a hash. `staff unlock EMAIL` lifts the
 * member's waits for wrong PINs at every kiosk. Exit codes as `staff add`.
 */
export async function staffKioskCommand(
  db: CentralDb,
  hasher: PasswordHasher,
  args: readonly string[],
  options: { pin: string | undefined; prompt: (() => Promise<string>) | null; out: Console },
): Promise<number> {
  const say = staffKioskCommandMessages;
  const { out } = options;
  const [verb, rawEmail = '', badge = '', ...extra] = args;
  const email = z.email().safeParse(rawEmail.trim().toLowerCase());
  if (!email.success || extra.length > 0 || (verb !== 'badge' && badge !== '')) {
    out.error(say.usage);
    return 2;
  }
  if (verb === 'unlock') {
    const member = await findStaffByEmail(db, email.data);
    if (!member) {
      out.error(say.missing(email.data));
      return 1;
    }
    const seconds = await pinLockedFor(db, member.id, new Date());
    await clearPinLocks(db, member.id);
    out.log(say.unlocked(email.data, seconds));
    return 0;
  }
  if (verb === 'badge') {
    if (!/^[A-Za-z0-9-]{4,64}$/.test(badge)) {
      out.error(say.badBadge);
      return 2;
    }
    const outcome = await setStaffBadge(db, email.data, badge);
    if (outcome !== 'set') {
      out.error(outcome === 'taken' ? say.badgeTaken : say.missing(email.data));
      return 1;
    }
    out.log(say.badgeSet(email.data));
    return 0;
  }
  const pin = options.pin ?? (options.prompt ? await options.prompt() : undefined);
  if (pin === undefined) {
    out.error(say.noPin);
    return 2;
  }
  const problem = pinProblem(pin);
  if (problem) {
    out.error(problem);
    return 1;
  }
  if (!(await setStaffPin(db, hasher, email.data, pin))) {
    out.error(say.missing(email.data));
    return 1;
  }
  out.log(say.pinSet(email.data));
  return 0;
}
