import fastifySwagger from '@fastify/swagger';
import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
} from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { kioskCredentialHeader } from '../src/contract/index.js';
import { accounts, type AccountsContext } from './accounts/index.js';
import { catalogHandlers } from './catalog/handlers.js';
import type { CentralDb, Engine } from './db/index.js';
import { CentralHttpError, installErrorHandling, toApiError } from './http-errors.js';
import {
  defaultMailOutboxConfig,
  startMailOutbox,
  type MailOutbox,
  type MailOutboxConfig,
} from './mail/outbox.js';
import { messages } from './messages.js';
import { paymentsHandlers } from './payments/handlers.js';
import { fleet, fleetConfig, type FleetConfigOverride } from './fleet/index.js';
import { fleetMessages } from './fleet/messages.js';
import {
  defaultRequestsConfig,
  requests,
  type RequestsConfigOverride,
  type RequestsContext,
} from './requests/index.js';
import { registerTrackingPage } from './requests/tracking-page.js';
import { sweepUploads, uploadSweepIntervalMs } from './uploads/sweeper.js';
import { registerBackoffice } from './backoffice/index.js';
import {
  registerContractRoutes,
  type Authenticators,
  type CentralHandlers,
  type RoleCheck,
} from './routes.js';
import { requireRole } from './staff/roles.js';
import { staffSignIn } from './staff/sessions.js';
import { attachmentFiles } from './uploads/file-store.js';
import { suppliesConfig, type SuppliesConfigOverride } from './supplies/config.js';
import type { SuppliesContext } from './supplies/context.js';
import { supplyHandlers } from './supplies/handlers.js';

export type CentralAppOptions = {
  db: CentralDb;
  engine: Engine;
  /** Reported by /healthz and the OpenAPI document. */
  version: string;
  logger?: boolean;
  /** Accounts' mailer, clock, limits and password hasher; the database is the one above. */
  accounts: Omit<AccountsContext, 'db'>;
  /** Supplies' limits and the payments site's secret; the clock is the accounts' one. */
  supplies?: { config?: SuppliesConfigOverride; paymentsHandoffSecret?: string | undefined };
  /**
   * Requests' lifetimes, and the data folder where SQLite's attachments are kept (PostgreSQL
   * keeps them in the database; without a folder, uploads answer 503 on either); mailer, clock
   * and hasher are the accounts' ones.
   */
  requests?: { dataDir?: string | undefined; config?: RequestsConfigOverride };
  /** Enrolment, heartbeats and staff at kiosks; clock and hasher are the accounts' ones. */
  fleet?: { config?: FleetConfigOverride };
  /** Retries and polling of the mail outbox (tests shorten them). */
  mailOutbox?: Partial<MailOutboxConfig>;
  /** The built back office served at `/oficina` (default dist/backoffice). */
  backofficeDir?: string;
};

/**
 * The central's HTTP API as a Fastify instance, not yet listening: routes come from the contract
 * (src/contract/central-api.ts), requests are validated and responses serialized with its zod
 * schemas, and `/openapi.json` publishes it.
 */
export function buildCentral({
  db,
  engine,
  version,
  logger = false,
  accounts: accountsOptions,
  supplies = {},
  requests: requestsOptions = {},
  fleet: fleetOptions = {},
  mailOutbox,
  backofficeDir,
}: CentralAppOptions) {
  const accountsApi = accounts({ ...accountsOptions, db });
  const requestsContext: RequestsContext = {
    db,
    now: accountsOptions.now,
    mailer: accountsOptions.mailer,
    files: requestsOptions.dataDir ? attachmentFiles(engine, db, requestsOptions.dataDir) : null,
    config: { ...defaultRequestsConfig, ...requestsOptions.config },
    hasher: accountsOptions.hasher,
    throttle: accountsOptions.config.throttle,
  };
  const requestsApi = requests(requestsContext, accountsApi.authenticate);
  const fleetApi = fleet({
    db,
    now: accountsOptions.now,
    config: fleetConfig(fleetOptions.config),
    hasher: accountsOptions.hasher,
  });
  const suppliesContext: SuppliesContext = {
    db,
    now: accountsOptions.now,
    config: suppliesConfig(supplies.config),
    paymentsHandoffSecret: supplies.paymentsHandoffSecret,
  };
  const app = Fastify({
    logger,
    // Malformed URLs are answered before routing: same `{ code, message }` shape.
    frameworkErrors: (error, _request, reply: FastifyReply) => {
      const { status, body } = toApiError(error);
      void reply.code(status).send(body);
    },
  });
  app.addHook('onSend', async (_request, reply) => framedNowhere(reply));
  // Every instance delivers the outbox's mails, from when it is ready until it closes.
  let outbox: MailOutbox | undefined;
  app.addHook('onReady', () => {
    outbox = startMailOutbox({
      db,
      engine,
      mailer: accountsOptions.mailer,
      config: { ...defaultMailOutboxConfig, ...mailOutbox },
    });
    return Promise.resolve();
  });
  // Every instance sweeps expired uploads and unused files each hour (each step is safe to race).
  let sweeper: NodeJS.Timeout | undefined;
  app.addHook('onReady', () => {
    sweeper = setInterval(() => {
      sweepUploads(requestsContext).then(
        (figures) => app.log.info({ figures }, 'uploads swept'),
        (error: unknown) => app.log.error({ err: error }, 'uploads sweep failed'),
      );
    }, uploadSweepIntervalMs);
    sweeper.unref();
    return Promise.resolve();
  });
  app.addHook('onClose', async () => {
    clearInterval(sweeper);
    await outbox?.stop();
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandling(app);

  void app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: messages.apiTitle, description: messages.apiDescription, version },
      components: {
        securitySchemes: {
          session: { type: 'http', scheme: 'bearer' },
          staff: { type: 'http', scheme: 'bearer' },
          delivery: {
            type: 'apiKey',
            in: 'header',
            name: 'Authorization',
            description: messages.openApi.deliveryAuth,
          },
          kiosk: {
            type: 'apiKey',
            in: 'header',
            name: kioskCredentialHeader,
            description: fleetMessages.openApi.kioskAuth,
          },
          kioskStaff: {
            type: 'http',
            scheme: 'bearer',
            description: fleetMessages.openApi.kioskStaffAuth,
          },
        },
      },
    },
    transform: jsonSchemaTransform,
  });

  // Registered after the swagger plugin, so its onRoute hook sees every contract route.
  void app.register((scope: FastifyInstance) => {
    requestsApi.register(scope);
    fleetApi.register(scope);
    const handlers: CentralHandlers = {
      async health() {
        await sql`select 1`.execute(db).catch((error: unknown) => {
          throw new CentralHttpError(503, 'database_unavailable', messages.databaseUnavailable, {
            cause: error,
          });
        });
        return { status: 'ok' as const, version, database: engine };
      },
      ...catalogHandlers(db),
      ...accountsApi.handlers,
      ...supplyHandlers(suppliesContext),
      ...paymentsHandlers(suppliesContext),
      ...requestsApi.handlers,
      ...fleetApi.handlers,
    };
    const authenticators: Authenticators = {
      session: accountsApi.authenticate,
      ...requestsApi.authenticators,
      ...fleetApi.authenticators,
    };
    const roleCheck: RoleCheck = (holder, allowed, route) =>
      requireRole({ db, now: accountsOptions.now }, holder, allowed, route);
    registerContractRoutes(scope, handlers, authenticators, roleCheck);
    registerBackoffice(scope, {
      context: requestsContext,
      handlers,
      authenticators,
      roleCheck,
      signIn: (body, request) => staffSignIn(requestsContext, body, request),
      ...(backofficeDir && { dir: backofficeDir }),
    });
    accountsApi.registerPages(scope);
    fleetApi.registerPages(scope, (body, request) => staffSignIn(requestsContext, body, request));
    registerTrackingPage(scope, { db, now: accountsOptions.now });
    scope.get('/openapi.json', { schema: { hide: true } }, () => scope.swagger());
    return Promise.resolve();
  });

  return app;
}

export type CentralApp = ReturnType<typeof buildCentral>;

/**
 * Every HTML page of the central (mail links, tracking, /flota, /oficina) refuses to be framed and
 * sniffed, whatever its own policy says: clickjacking a "Dar de baja" or "Activar" button is off.
 */
function framedNowhere(reply: FastifyReply): void {
  const type = reply.getHeader('content-type');
  if (typeof type !== 'string' || !type.startsWith('text/html')) return;
  const policy = reply.getHeader('content-security-policy');
  const own = typeof policy === 'string' ? policy : '';
  if (!/(^|;)\s*frame-ancestors\s/.test(own)) {
    reply.header(
      'content-security-policy',
      own ? `${own}; frame-ancestors 'none'` : "frame-ancestors 'none'",
    );
  }
  reply.header('x-frame-options', 'DENY');
  reply.header('x-content-type-options', 'nosniff');
}
