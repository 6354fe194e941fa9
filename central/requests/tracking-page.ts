import type { FastifyInstance, FastifyRequest } from 'fastify';
import { normalizeDocumentNumber } from '../../src/domain/document.js';
import type { RequestState } from '../../src/contract/index.js';
import { blockedFor, recordFailure, type FailureRule } from '../accounts/counters.js';
import { readLetterhead } from '../accounts/letterhead.js';
import { escapeHtml } from '../accounts/mails.js';
import { page } from '../accounts/pages.js';
import type { CentralDb } from '../db/index.js';
import { stateLabels } from './messages.js';

/**
 * "Seguí tu trámite": the page the receipt's QR code opens on the customer's phone. Numbers are
 * sequential, so the number alone shows nothing: the holder's document number must match too,
 * and failures are counted per address like every other proof of identity. The answer for a
 * wrong document and for a number that does not exist (yet) is the same.
 */
export const trackingPath = '/seguimiento';

const copy = {
  ask: {
    title: 'Seguí tu trámite',
    body: 'Escribí el número de tu trámite (está en el comprobante) y tu número de documento.',
  },
  notFound: {
    title: 'No encontramos el trámite',
    body: 'Revisá el número del comprobante y tu documento. Si lo hiciste hace poco en un kiosco sin conexión, puede tardar un rato en aparecer.',
  },
  blocked: (seconds: number) => ({
    title: 'Esperá un momento',
    body: `Hubo muchos intentos. Probá de nuevo en ${Math.ceil(seconds / 60)} minutos.`,
  }),
};

/** Ten wrong guesses per address in 15 minutes, then wait until the window ends. */
const failureRule = (now: Date): FailureRule => ({
  windowMs: 15 * 60_000,
  limit: 10,
  blockMs: (_over, windowEnd) => Math.max(60_000, windowEnd.getTime() - now.getTime()),
});

const numberPattern = /^[A-Z]-\d{4}-\d{1,9}$/;

function form(number: string): string {
  return `<form method="post" action="${trackingPath}">
<label for="numero">Número de trámite</label>
<input id="numero" name="numero" required value="${escapeHtml(number)}" autocomplete="off">
<label for="documento">Número de documento del titular</label>
<input id="documento" name="documento" required inputmode="numeric" autocomplete="off">
<button type="submit">Ver el estado</button>
</form>`;
}

export function registerTrackingPage(
  app: FastifyInstance,
  context: { db: CentralDb; now: () => Date },
): void {
  void app.register((scope: FastifyInstance) => {
    // The form posts url-encoded fields; only this page reads them.
    scope.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string', bodyLimit: 2048 },
      (_request, body, done) => done(null, Object.fromEntries(new URLSearchParams(String(body)))),
    );

    scope.get(trackingPath, { schema: { hide: true } }, async (request, reply) => {
      const number = textOf((request.query as { numero?: unknown }).numero).slice(0, 32);
      const head = await readLetterhead(context.db);
      return page(reply, head, { ...copy.ask, form: form(number) }, 200);
    });

    scope.post(trackingPath, { schema: { hide: true } }, async (request, reply) => {
      const head = await readLetterhead(context.db);
      const body = (request.body ?? {}) as Record<string, unknown>;
      const number = textOf(body.numero).trim().toUpperCase().slice(0, 32);
      const document = normalizeDocumentNumber(textOf(body.documento)).slice(0, 20);
      const key = `tracking:address:${addressOf(request)}`;
      const now = context.now();
      const wait = await blockedFor(context.db, [key], now);
      if (wait > 0) return page(reply, head, { ...copy.blocked(wait), form: form(number) }, 429);

      const found = numberPattern.test(number)
        ? await findTracked(context.db, number, document)
        : null;
      if (!found) {
        await recordFailure(context.db, key, failureRule(now), now);
        return page(reply, head, { ...copy.notFound, form: form(number) }, 404);
      }
      const updated = new Intl.DateTimeFormat('es-AR', {
        dateStyle: 'long',
        timeStyle: 'short',
        timeZone: 'America/Argentina/Buenos_Aires',
      }).format(new Date(found.updatedAt));
      const state = stateLabels[found.state as RequestState] ?? found.state;
      return page(
        reply,
        head,
        {
          title: `Trámite ${found.number}`,
          body: `${found.title}: ${state} (actualizado el ${updated}). ${found.message}`.trim(),
        },
        200,
      );
    });
    return Promise.resolve();
  });
}

/** A form field as text; anything else (a repeated field, nothing) counts as empty. */
function textOf(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function addressOf(request: FastifyRequest): string {
  return request.ip;
}

async function findTracked(db: CentralDb, number: string, document: string) {
  const row = await db
    .selectFrom('requests')
    .innerJoin('accounts', 'accounts.id', 'requests.account_id')
    .select([
      'requests.id as id',
      'requests.number as number',
      'requests.title as title',
      'requests.state as state',
      'requests.updated_at as updatedAt',
    ])
    .where('requests.number', '=', number)
    .where('accounts.document_number', '=', document)
    .executeTakeFirst();
  if (!row) return null;
  const last = await db
    .selectFrom('request_history')
    .select('message')
    .where('request_id', '=', row.id)
    .orderBy('position', 'desc')
    .executeTakeFirst();
  return { ...row, message: last?.message ?? '' };
}
