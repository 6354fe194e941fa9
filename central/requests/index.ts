import type { FastifyInstance } from 'fastify';
import type { Authenticate, Authenticators, CentralHandlers } from '../routes.js';
import { staffHandlers, type StaffRoute } from '../staff/handlers.js';
import { authenticateStaff } from '../staff/sessions.js';
import { registerChunkParser, uploadHandlers, type UploadRoute } from '../uploads/handlers.js';
import { uploadService } from '../uploads/uploads.js';
import type { RequestsContext } from './context.js';
import { authenticateCustomer } from './delivery-tokens.js';
import { customerRequestHandlers, type CustomerRequestRoute } from './handlers.js';

export { defaultRequestsConfig } from './context.js';
export type { RequestsConfig, RequestsConfigOverride, RequestsContext } from './context.js';

/**
 * Everything requests add to the central: uploads, delivery tokens, customers' requests and the
 * staff API (handlers), the delivery-token and staff checks, and the chunk parser.
 */
export function requests(context: RequestsContext, authenticateSession: Authenticate) {
  const handlers: Pick<CentralHandlers, UploadRoute | CustomerRequestRoute | StaffRoute> = {
    ...uploadHandlers(uploadService(context)),
    ...customerRequestHandlers(context),
    ...staffHandlers(context),
  };
  const authenticators: Pick<Authenticators, 'delivery' | 'staff'> = {
    delivery: authenticateCustomer(context, authenticateSession),
    staff: authenticateStaff(context),
  };
  return {
    handlers,
    authenticators,
    register: (app: FastifyInstance) => registerChunkParser(app),
  };
}
