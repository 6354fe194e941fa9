import { z } from 'zod';
import { Catalog, RequestType } from './catalog.js';
import { ApiError } from './errors.js';

/**
 * The central HTTP API, declared once: the central registers its routes from these entries and
 * validates requests with them; the kiosk's client validates every response with them.
 */
export const Health = z.object({
  status: z.literal('ok'),
  version: z.string(),
  database: z.enum(['sqlite', 'postgres']),
});
export type Health = z.infer<typeof Health>;

export const centralApi = {
  health: {
    method: 'GET',
    path: '/healthz',
    summary: 'Estado del servicio',
    response: Health,
  },
  catalog: {
    method: 'GET',
    path: '/api/v1/catalog',
    summary: 'Catálogo de trámites, marca y parámetros de la cooperativa (con ETag)',
    response: Catalog,
  },
  requestType: {
    method: 'GET',
    path: '/api/v1/catalog/request-types/:requestTypeId',
    summary:
      'Un tipo de trámite del catálogo, con sus pasos y requisitos (con el ETag del catálogo)',
    params: z.object({ requestTypeId: RequestType.shape.id }),
    response: RequestType,
  },
} as const;

export type CentralRoute = keyof typeof centralApi;

export const CentralErrorBody = ApiError;
export type CentralErrorBody = ApiError;
