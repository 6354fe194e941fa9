import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { formatArgentinaClock } from '../../src/domain/time.js';
import { activateByLink } from './activation.js';
import type { AccountsContext } from './context.js';
import { readLetterhead } from './letterhead.js';
import { escapeHtml, type Letterhead } from './mails.js';
import { findLink } from './verification-codes.js';

/**
 * The pages the mails' links open, usually on the customer's phone. `/activar` shows one button,
 * "Activar mi cuenta", whose post (from this site only) activates the account. `/recuperar` only tells whether the code is still valid and until when: the new
 * password is chosen at the kiosk with the code (one place where passwords are typed, with its
 * checks), so the link changes nothing and a mail scanner that opens it does no harm.
 */
export const pagePaths = { activation: '/activar', recovery: '/recuperar' } as const;

const copy = {
  activationAsk: {
    title: 'Activá tu cuenta',
    body: 'Tocá el botón para activar tu cuenta. Después vas a poder iniciar sesión en el kiosco con tu correo y tu contraseña.',
  },
  foreignSite: {
    title: 'No pudimos activar la cuenta',
    body: 'El pedido no vino de esta página. Abrí de nuevo el enlace del correo y tocá «Activar mi cuenta».',
  },
  activated: {
    title: 'Cuenta activada',
    body: 'Tu cuenta está activada. Ya podés iniciar sesión en el kiosco con tu correo y tu contraseña.',
  },
  alreadyActivated: {
    title: 'Cuenta activada',
    body: 'Tu cuenta ya estaba activada con este enlace. Iniciá sesión en el kiosco con tu correo y tu contraseña.',
  },
  activationDead: {
    title: 'El enlace no sirve',
    body: 'El enlace venció o ya se usó. Pedí otro código en el kiosco con «Reenviar».',
  },
  recoveryLive: (until: string) => ({
    title: 'Tu código sigue vigente',
    body: `Ingresá en el kiosco, en «¿Olvidó su contraseña?», el código de 6 números de este correo y tu contraseña nueva. El código vale hasta las ${until}.`,
  }),
  recoveryDead: {
    title: 'El enlace no sirve',
    body: 'El enlace venció o ya se usó. Pedí otro código en el kiosco con «¿Olvidó su contraseña?».',
  },
};

const linkToken = /^[A-Za-z0-9_-]{43}$/;

function tokenOf(fields: unknown): string | null {
  const token = (fields as { token?: unknown } | undefined)?.token;
  return typeof token === 'string' && linkToken.test(token) ? token : null;
}

function activationForm(token: string): string {
  return `<form method="post" action="${pagePaths.activation}">
<input type="hidden" name="token" value="${escapeHtml(token)}">
<button type="submit">Activar mi cuenta</button>
</form>`;
}

/**
 * A form's post from a page of this very host: a browser sends `Sec-Fetch-Site` and `Origin` with
 * it; another site's page (or its script) gets neither value right.
 */
function fromThisSite(request: FastifyRequest): boolean {
  const site = request.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin') return false;
  const origin = request.headers.origin;
  if (origin === undefined) return true;
  try {
    return new URL(origin).host === request.headers.host;
  } catch {
    return false;
  }
}

export function registerAccountPages(app: FastifyInstance, context: AccountsContext): void {
  void app.register((scope: FastifyInstance) => {
    // The activation form posts one url-encoded field; only this page reads it.
    scope.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string', bodyLimit: 1024 },
      (_request, body, done) => done(null, Object.fromEntries(new URLSearchParams(String(body)))),
    );

    // Opening the link (a person, or a mail scanner that follows every link) changes nothing:
    // the page asks for one tap, and only that post activates.
    scope.get(pagePaths.activation, { schema: { hide: true } }, async (request, reply) => {
      const token = tokenOf(request.query);
      const row = token ? await findLink(context.db, 'activation', token) : undefined;
      const head = await readLetterhead(context.db);
      if (row && row.used_at !== null) return page(reply, head, copy.alreadyActivated, 200);
      if (!token || !live(context, row)) return page(reply, head, copy.activationDead, 410);
      return page(reply, head, { ...copy.activationAsk, form: activationForm(token) }, 200);
    });

    scope.post(pagePaths.activation, { schema: { hide: true } }, async (request, reply) => {
      const head = await readLetterhead(context.db);
      if (!fromThisSite(request)) return page(reply, head, copy.foreignSite, 403);
      const token = tokenOf(request.body);
      const outcome = token ? await activateByLink(context, token) : 'invalid';
      if (outcome === 'accepted') return page(reply, head, copy.activated, 200);
      // A used link activated this account earlier (the same tap twice, or from another phone).
      if (outcome === 'used') return page(reply, head, copy.alreadyActivated, 200);
      return page(reply, head, copy.activationDead, 410);
    });
  });

  app.get(pagePaths.recovery, { schema: { hide: true } }, async (request, reply) => {
    const token = tokenOf(request.query);
    const row = token ? await findLink(context.db, 'password_reset', token) : undefined;
    const head = await readLetterhead(context.db);
    if (!row || !live(context, row)) return page(reply, head, copy.recoveryDead, 410);
    return page(
      reply,
      head,
      copy.recoveryLive(formatArgentinaClock(new Date(row.expires_at))),
      200,
    );
  });
}

type Link = Awaited<ReturnType<typeof findLink>>;

function live(context: AccountsContext, row: Link): row is NonNullable<Link> {
  return (
    !!row &&
    row.used_at === null &&
    row.revoked_at === null &&
    row.failed_attempts < context.config.codeMaxFailures &&
    row.expires_at > context.now().toISOString()
  );
}

/** A plain page of the cooperative for a phone: its letterhead, a title, text and an optional form. */
export function page(
  reply: FastifyReply,
  head: Letterhead,
  text: { title: string; body: string; form?: string },
  status: number,
): FastifyReply {
  const html = `<!doctype html>
<html lang="es-AR">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(text.title)} · ${escapeHtml(head.cooperativeName)}</title>
<style>
body{font-family:system-ui,sans-serif;margin:0;background:#f4f6f9;color:#1b1f24}
header{background:${escapeHtml(head.primaryColor)};color:#fff;padding:16px 24px;font-size:20px;font-weight:bold}
main{max-width:32rem;margin:32px auto;padding:0 24px;font-size:18px;line-height:1.5}
h1{font-size:28px}
label{display:block;font-weight:bold;margin-top:16px}
input,button{font-size:20px;min-height:48px;box-sizing:border-box;width:100%;margin-top:8px}
button{background:${escapeHtml(head.primaryColor)};color:#fff;border:0;border-radius:8px;margin-top:24px}
</style>
</head>
<body>
<header>${escapeHtml(head.fullName)}</header>
<main><h1>${escapeHtml(text.title)}</h1><p>${escapeHtml(text.body)}</p>${text.form ?? ''}</main>
</body>
</html>
`;
  return reply
    .code(status)
    .headers({
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      // The token is in the address: no page it links to, and no cache, may see it.
      'referrer-policy': 'no-referrer',
      'content-security-policy':
        "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'",
      'x-robots-tag': 'noindex',
    })
    .send(html);
}
