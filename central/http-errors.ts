import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import type { ApiError } from '../src/contract/index.js';
import { messages } from './messages.js';

export type CentralHttpErrorOptions = ErrorOptions & {
  /** The form field the message belongs to, so the kiosk shows it next to that field. */
  field?: string;
  /** Sent as `Retry-After` (seconds) with 429 and 503 answers. */
  retryAfterSeconds?: number;
};

/** An error a handler throws on purpose: its status, code and Spanish message reach the client. */
export class CentralHttpError extends Error {
  readonly field: string | undefined;
  readonly retryAfterSeconds: number | undefined;

  constructor(
    readonly statusCode: number,
    readonly code: ApiError['code'],
    message: string,
    options: CentralHttpErrorOptions = {},
  ) {
    super(message, options);
    this.name = 'CentralHttpError';
    this.field = options.field;
    this.retryAfterSeconds = options.retryAfterSeconds;
  }
}

/** Client errors Fastify raises itself, by status: never its English text, always ours. */
const clientErrors: Record<number, ApiError> = {
  400: { code: 'bad_request', message: messages.badRequest },
  404: { code: 'not_found', message: messages.notFound },
  405: { code: 'method_not_allowed', message: messages.methodNotAllowed },
  413: { code: 'payload_too_large', message: messages.payloadTooLarge },
  414: { code: 'uri_too_long', message: messages.uriTooLong },
  415: { code: 'unsupported_media_type', message: messages.unsupportedMediaType },
};

export type HttpErrorAnswer = { status: number; body: ApiError; headers?: Record<string, string> };

export function toApiError(error: unknown): HttpErrorAnswer {
  if (error instanceof CentralHttpError) {
    const body: ApiError = { code: error.code, message: error.message };
    if (error.field !== undefined) body.field = error.field;
    const retryAfter = error.retryAfterSeconds;
    if (retryAfter !== undefined) body.retryAfterSeconds = retryAfter;
    return {
      status: error.statusCode,
      body,
      ...(retryAfter !== undefined && { headers: { 'retry-after': String(retryAfter) } }),
    };
  }
  if (hasZodFastifySchemaValidationErrors(error)) return validationError(error);
  const status = (error as Partial<FastifyError> | null)?.statusCode;
  if (status !== undefined && status >= 400 && status < 500) {
    return { status, body: clientErrors[status] ?? clientErrors[400]! };
  }
  return { status: 500, body: { code: 'internal', message: messages.internal } };
}

type ValidationFailure = Pick<FastifyError, 'validationContext'> & {
  validation: { instancePath: string; keyword: string; message?: string }[];
};

/**
 * A request the contract's schemas refused. A form (a body) answers with the first field at
 * fault: the domain rule's own Spanish message when a refinement said it (the same words the
 * kiosk shows as the customer types), a generic one naming the field otherwise (a zod message
 * is English and never reaches a person). Paths and query strings are not forms: their answer
 * stays `bad_request`.
 */
function validationError(error: ValidationFailure): HttpErrorAnswer {
  const issue = error.validation[0];
  const field = issue?.instancePath.split('/').filter(Boolean).join('.') ?? '';
  if (error.validationContext === 'body' && issue) {
    // Refinements of the contract (`custom` issues) carry the domain rules' Spanish messages.
    const own = issue.keyword === 'custom' && issue.message ? issue.message : undefined;
    if (field === '') {
      return { status: 400, body: { code: 'bad_request', message: own ?? messages.badRequest } };
    }
    return {
      status: 400,
      body: { code: 'invalid_field', field, message: own ?? messages.badField(field) },
    };
  }
  return {
    status: 400,
    body: { code: 'bad_request', message: field ? messages.badField(field) : messages.badRequest },
  };
}

/** Every error leaves the central as `{ code, message }`, with no stack or internal detail. */
export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: unknown, request: FastifyRequest, reply: FastifyReply) => {
    const { status, body, headers } = toApiError(error);
    if (status >= 500) request.log.error({ err: error }, 'request failed');
    if (headers) void reply.headers(headers);
    return reply.code(status).send(body);
  });
  app.setNotFoundHandler((_request, reply) =>
    reply.code(404).send({ code: 'not_found', message: messages.notFound }),
  );
}
