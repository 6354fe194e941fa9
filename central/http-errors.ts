import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import type { ApiError } from '../src/contract/index.js';
import { messages } from './messages.js';

/** An error a handler throws on purpose: its status, code and Spanish message reach the client. */
export class CentralHttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: ApiError['code'],
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'CentralHttpError';
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

export function toApiError(error: unknown): { status: number; body: ApiError } {
  if (error instanceof CentralHttpError) {
    return { status: error.statusCode, body: { code: error.code, message: error.message } };
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const field = error.validation[0]?.instancePath.split('/').filter(Boolean).join('.');
    return {
      status: 400,
      body: {
        code: 'bad_request',
        message: field ? messages.badField(field) : messages.badRequest,
      },
    };
  }
  const status = (error as Partial<FastifyError> | null)?.statusCode;
  if (status !== undefined && status >= 400 && status < 500) {
    return { status, body: clientErrors[status] ?? clientErrors[400]! };
  }
  return { status: 500, body: { code: 'internal', message: messages.internal } };
}

/** Every error leaves the central as `{ code, message }`, with no stack or internal detail. */
export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: unknown, request: FastifyRequest, reply: FastifyReply) => {
    const { status, body } = toApiError(error);
    if (status >= 500) request.log.error({ err: error }, 'request failed');
    return reply.code(status).send(body);
  });
  app.setNotFoundHandler((_request, reply) =>
    reply.code(404).send({ code: 'not_found', message: messages.notFound }),
  );
}
