import { codeIn, type SmtpMailbox } from '../../central/testing/smtp-mailbox.js';
import type { Envelope } from '../../src/contract/index.js';

type Call = (method: string, input?: unknown) => Promise<Envelope<unknown>>;

/** The holder of the demo supplies 100234 and 100235 (README, "Demo data"). */
export const demoHolder = {
  email: 'juan.gomez@example.com',
  password: 'tortuga-de-rio',
  firstName: 'Juan',
  lastName: 'Gómez',
  documentType: 'DNI',
  documentNumber: '20345678',
  birthDate: '1985-04-12',
  phone: '03434567890',
};

/** Registers and activates an account through the kiosk core, reading the code from the mail. */
export async function registerAndActivate(
  call: Call,
  mailbox: SmtpMailbox,
  person: typeof demoHolder = demoHolder,
): Promise<void> {
  const registered = await call('account:register', person);
  if (!registered.ok) throw new Error(registered.error.message);
  const mail = await mailbox.next(person.email, /Activación de Cuenta/);
  const activated = await call('account:activate', { email: person.email, code: codeIn(mail) });
  if (!activated.ok) throw new Error(activated.error.message);
}
