import type { FastifyInstance, FastifyRequest } from 'fastify';
import {
  centralApi,
  kioskCredentialHeader,
  kioskIdHeader,
  type CentralRoute,
} from '../../src/contract/index.js';
import { sha256Hex } from '../accounts/secrets.js';
import { CentralHttpError } from '../http-errors.js';
import { kioskIdOf } from '../requests/kiosk-id.js';
import type { FleetContext } from './config.js';
import { fleetMessages } from './messages.js';

/** Who calls an entry with `auth: 'kiosk'`: an enrolled kiosk, by its credential. */
export type KioskAuth = { kioskId: string; branch: string };

const credentialPattern = /^[A-Za-z0-9_-]{43}$/;

/** The kiosks whose credential a request carried and the central checked. */
const authenticated = new WeakMap<FastifyRequest, KioskAuth>();

/**
 * The enrolled kiosk a request's credential proved, or null: throttling and sessions count on
 * this, never on the `x-kiosk-id` a caller may choose.
 */
export function authenticatedKioskId(request: FastifyRequest): string | null {
  return authenticated.get(request)?.kioskId ?? null;
}

/**
 * Routes nobody calls from a kiosk: the health check, the payments site's redemption, enrolment
 * itself (a revoked kiosk enrols again with its old credential still in hand) and the staff API,
 * which staff and IT use from their own computers with a password session.
 */
const notFromKiosks = new Set<CentralRoute>([
  'health',
  'redeemPaymentsHandoff',
  'enrolKiosk',
  'staffSignIn',
]);

function kioskCalls(): Set<string> {
  const keys = new Set<string>();
  for (const name of Object.keys(centralApi) as CentralRoute[]) {
    const entry: { method: string; path: string; auth?: string } = centralApi[name];
    if (notFromKiosks.has(name) || entry.auth === 'staff') continue;
    keys.add(`${entry.method} ${entry.path}`);
    // Fastify answers HEAD on every GET route (the upload's offset is asked that way too).
    if (entry.method === 'GET') keys.add(`HEAD ${entry.path}`);
  }
  return keys;
}

function credentialOf(request: FastifyRequest): string | undefined {
  const header = request.headers[kioskCredentialHeader];
  return Array.isArray(header) ? header[0] : header;
}

/**
 * Kiosks' credentials. On every kiosk call a credential, when sent, must be a live one: the
 * kiosk id it names then replaces `x-kiosk-id`, which throttling, delivery tokens and the audit
 * log read, so an enrolled kiosk cannot pass for another. Without a credential the call goes on
 * as the kiosk says it is, unless `requireEnrolledKiosks` is on.
 */
export function kioskAuthentication(context: Pick<FleetContext, 'db' | 'config'>) {
  const fromKiosks = kioskCalls();

  async function isEnrolled(kioskId: string | null): Promise<boolean> {
    if (kioskId === null) return false;
    const row = await context.db
      .selectFrom('kiosks')
      .select('id')
      .where('id', '=', kioskId)
      .executeTakeFirst();
    return row !== undefined;
  }

  async function identify(request: FastifyRequest, credential: string): Promise<KioskAuth> {
    const known = authenticated.get(request);
    if (known) return known;
    const row = credentialPattern.test(credential)
      ? await context.db
          .selectFrom('kiosks')
          .select(['id', 'branch', 'revoked_at'])
          .where('credential_hash', '=', sha256Hex(credential))
          .executeTakeFirst()
      : undefined;
    if (!row) {
      throw new CentralHttpError(401, 'kiosk_credential_invalid', fleetMessages.credentialInvalid);
    }
    if (row.revoked_at !== null) {
      throw new CentralHttpError(401, 'kiosk_revoked', fleetMessages.revoked);
    }
    const kiosk = { kioskId: row.id, branch: row.branch };
    request.headers[kioskIdHeader] = kiosk.kioskId;
    authenticated.set(request, kiosk);
    return kiosk;
  }

  return {
    /** For entries with `auth: 'kiosk'`: a credential is required whatever the setting. */
    authenticate: async (request: FastifyRequest): Promise<KioskAuth> => {
      const credential = credentialOf(request);
      if (credential === undefined) {
        throw new CentralHttpError(401, 'kiosk_not_enrolled', fleetMessages.notEnrolled);
      }
      return identify(request, credential);
    },
    /** Checks kiosks' calls before their route's own authentication runs. */
    install: (app: FastifyInstance): void => {
      app.addHook('onRequest', async (request) => {
        const { method, url } = request.routeOptions;
        if (!fromKiosks.has(`${String(method)} ${url ?? ''}`)) return;
        const credential = credentialOf(request);
        if (credential !== undefined) {
          await identify(request, credential);
        } else if (context.config.requireEnrolledKiosks) {
          throw new CentralHttpError(401, 'kiosk_not_enrolled', fleetMessages.notEnrolled);
        } else if (await isEnrolled(kioskIdOf(request))) {
          // Without a credential a call may not pass for an enrolled kiosk.
          throw new CentralHttpError(
            401,
            'kiosk_credential_required',
            fleetMessages.credentialRequired,
          );
        }
      });
    },
  };
}

export type KioskAuthentication = ReturnType<typeof kioskAuthentication>;
