import type { OutgoingMail } from '../mail/mailer.js';

/**
 * The mails of accounts, in Spanish of Argentina. Each has a plain-text body (what many mail
 * programs and every .eml reader show) and the same in simple HTML, where the link is "aquí"
 * as in the cooperative's own mails. The code is written large: the customer types it on the
 * kiosk, often reading it from a phone.
 */

/** What a mail needs from the cooperative's catalogue (branding and settings). */
export type Letterhead = {
  cooperativeName: string;
  fullName: string;
  primaryColor: string;
  supportPhone: string;
  activationMailSubject: string;
  recoveryMailSubject: string;
};

/** Used only while the cooperative has loaded no catalogue yet. */
export const fallbackLetterhead: Letterhead = {
  cooperativeName: 'La cooperativa',
  fullName: 'La cooperativa',
  primaryColor: '#0b3c7d',
  supportPhone: '',
  activationMailSubject: 'Activación de Cuenta',
  recoveryMailSubject: 'Recuperación de Contraseña',
};

type Recipient = { email: string; firstName: string };
type CodeMail = { code: string; link: string; validMinutes: number };

export function activationMail(to: Recipient, mail: CodeMail, head: Letterhead): OutgoingMail {
  return compose(to.email, head.activationMailSubject, head, [
    text(`Hola, ${to.firstName}:`),
    text(`Gracias por registrarte en ${head.cooperativeName}. Para activar tu cuenta, hacé clic`, {
      link: mail.link,
      after: 'o ingresá este código en el kiosco:',
    }),
    code(mail.code),
    text(
      `El código y el enlace valen ${mail.validMinutes} minutos y sirven una sola vez. Si no ` +
        'pediste esta cuenta, ignorá este correo: sin el código nadie puede activarla.',
    ),
  ]);
}

export function recoveryMail(to: Recipient, mail: CodeMail, head: Letterhead): OutgoingMail {
  return compose(to.email, head.recoveryMailSubject, head, [
    text(`Hola, ${to.firstName}:`),
    text('Para elegir una contraseña nueva, ingresá este código en el kiosco:'),
    code(mail.code),
    text('Para ver hasta cuándo vale el código, hacé clic', { link: mail.link, after: '.' }),
    text(
      `El código vale ${mail.validMinutes} minutos y sirve una sola vez. Si no pediste ` +
        'cambiar tu contraseña, ignorá este correo: tu contraseña sigue igual.',
    ),
  ]);
}

/** To the owner of an email someone tried to register again. */
export function emailTakenNotice(to: Recipient, head: Letterhead): OutgoingMail {
  return compose(to.email, `${head.cooperativeName} - Intento de registro con tu correo`, head, [
    text(`Hola, ${to.firstName}:`),
    text(
      `Alguien intentó registrarse en ${head.cooperativeName} con tu correo ${to.email}. Como ya ` +
        'tenés una cuenta, no se creó otra y tu cuenta sigue igual.',
    ),
    text(
      'Si fuiste vos, iniciá sesión con tu contraseña; si no la recordás, usá «¿Olvidó su ' +
        'contraseña?» en el kiosco. Si todavía no activaste tu cuenta, pedí el código con ' +
        '«Reenviar».',
    ),
    text(`Si no fuiste vos, no tenés que hacer nada.${support(head)}`),
  ]);
}

/** To the owner of a document someone tried to register under another email. */
export function documentTakenNotice(to: Recipient, head: Letterhead): OutgoingMail {
  return compose(to.email, `${head.cooperativeName} - Intento de registro con tu documento`, head, [
    text(`Hola, ${to.firstName}:`),
    text(
      `Alguien intentó registrarse en ${head.cooperativeName} con tu número de documento y otro ` +
        'correo. Cada documento tiene una sola cuenta, así que no se creó ninguna.',
    ),
    text(
      `Si fuiste vos, ya tenés una cuenta con este correo (${to.email}): iniciá sesión con él; ` +
        'si no recordás la contraseña, usá «¿Olvidó su contraseña?» en el kiosco.',
    ),
    text(`Si no fuiste vos, tu cuenta sigue igual.${support(head)}`),
  ]);
}

const lockClock = new Intl.DateTimeFormat('es-AR', {
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
  timeZone: 'America/Argentina/Buenos_Aires',
});

/**
 * To the owner of an account whose password was guessed at too many times: nobody, them
 * included, can sign in until `until`. `whatToDo` says how they get in sooner.
 */
export function signInLockedNotice(
  to: Recipient,
  until: Date,
  whatToDo: string,
  head: Letterhead,
): OutgoingMail {
  return compose(to.email, `${head.cooperativeName} - Bloqueamos el ingreso a tu cuenta`, head, [
    text(`Hola, ${to.firstName}:`),
    text(
      `Hubo muchos intentos de ingresar a tu cuenta de ${head.cooperativeName} (${to.email}) con ` +
        `una contraseña equivocada. Para protegerla, nadie puede ingresar con contraseña hasta ` +
        `las ${lockClock.format(until)} (hora de Argentina).`,
    ),
    text(whatToDo),
    text(`Si fuiste vos, no pasa nada: esperá hasta esa hora.${support(head)}`),
  ]);
}

/** What a customer does about a locked sign-in. */
export const customerUnlock =
  'Si no fuiste vos, alguien puede estar probando contraseñas: en el kiosco usá «¿Olvidó su ' +
  'contraseña?» para elegir una nueva; eso también te deja ingresar enseguida.';

/** What a staff member does about a locked sign-in. */
export const staffUnlock =
  'Si no fuiste vos, alguien puede estar probando contraseñas: avisale a Sistemas y cambiá tu ' +
  'contraseña en cuanto puedas ingresar.';

function support(head: Letterhead): string {
  return head.supportPhone ? ` Ante cualquier duda llamanos al ${head.supportPhone}.` : '';
}

type Block =
  { kind: 'text'; before: string; link?: string; after?: string } | { kind: 'code'; code: string };

function text(before: string, linked: { link: string; after: string } | object = {}): Block {
  return { kind: 'text', before, ...linked };
}

function code(value: string): Block {
  return { kind: 'code', code: value };
}

function compose(to: string, subject: string, head: Letterhead, blocks: Block[]): OutgoingMail {
  const plain = blocks.map((block) => {
    if (block.kind === 'code') return `    ${block.code}`;
    if (block.link === undefined) return block.before;
    // Plain text has no "aquí" to click: the address itself goes in its place.
    const after = block.after === '.' ? '' : (block.after ?? '');
    return `${block.before} en este enlace:\n${block.link}\n${after}`.trim();
  });
  const html = blocks.map((block) => {
    if (block.kind === 'code') {
      return `<p style="font-size:32px;font-weight:bold;letter-spacing:8px;color:${escapeHtml(head.primaryColor)}">${escapeHtml(block.code)}</p>`;
    }
    const link =
      block.link === undefined
        ? ''
        : ` <a href="${escapeHtml(block.link)}">aquí</a>${block.after === '.' ? '' : ' '}${escapeHtml(block.after ?? '')}`;
    return `<p>${escapeHtml(block.before)}${link}</p>`;
  });
  return {
    to,
    subject,
    text: [...plain, `—\n${head.fullName}`].join('\n\n') + '\n',
    html:
      `<!doctype html><html lang="es-AR"><body style="font-family:sans-serif;font-size:16px">` +
      `${html.join('')}<p>— ${escapeHtml(head.fullName)}</p></body></html>`,
  };
}

export function escapeHtml(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}
