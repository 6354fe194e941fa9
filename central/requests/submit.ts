import { randomUUID } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { RequestDetail, RequestType, SubmitRequest } from '../../src/contract/index.js';
import type { CentralDb } from '../db/index.js';
import { CentralHttpError } from '../http-errors.js';
import { checkAttachments } from './attachments.js';
import type { RequestsContext } from './context.js';
import { spendDeliveryToken, type CustomerAuth } from './delivery-tokens.js';
import { checkRequestFields } from './fields.js';
import { kioskIdOf } from './kiosk-id.js';
import { requestMessages } from './messages.js';
import { allocateRequestNumber } from './numbers.js';
import { customerDetail, findRequestType, type RequestRow } from './store.js';

/**
 * Files a request inside the caller's transaction (the one that records its idempotency key):
 * its type from the catalogue, the supply it is about, its fields and attachments all checked
 * first; then its number (the one reserved by its delivery token, or the next of the year), its
 * attachments and the first entry of its history, "enviado".
 */
export async function submitRequest(
  context: RequestsContext,
  trx: CentralDb,
  auth: CustomerAuth,
  body: SubmitRequest,
  delivery: { key: string; request: FastifyRequest },
): Promise<RequestDetail> {
  const accountId = auth.account.id;
  const type = await findRequestType(trx, body.requestTypeId);
  if (!type) {
    throw new CentralHttpError(422, 'unknown_request_type', requestMessages.unknownType, {
      field: 'requestTypeId',
    });
  }
  const supplyNumber = await checkSupply(trx, accountId, type, body.supplyNumber);
  const fields = checkRequestFields(type, body.fields);
  const attachments = await checkAttachments(
    trx,
    accountId,
    type.requirements,
    body.attachments,
    fields,
  );

  const now = context.now();
  const at = now.toISOString();
  const number =
    auth.delivery?.requestNumber ??
    (await allocateRequestNumber(trx, now, context.config.timeZone));
  await spendDeliveryToken(trx, auth, delivery.key, now);
  const row: RequestRow = {
    id: randomUUID(),
    number,
    request_type_id: type.id,
    title: type.title,
    account_id: accountId,
    supply_number: supplyNumber,
    kiosk_id: kioskIdOf(delivery.request),
    fields: JSON.stringify(fields),
    state: 'enviado',
    pending_step_id: null,
    created_at: at,
    updated_at: at,
  };
  await trx.insertInto('requests').values(row).execute();
  if (attachments.length > 0) {
    await trx
      .insertInto('request_attachments')
      .values(attachments.map((attachment) => ({ ...attachment, request_id: row.id, round: 0 })))
      .execute();
  }
  await trx
    .insertInto('request_history')
    .values({
      request_id: row.id,
      position: 0,
      state: 'enviado',
      message: requestMessages.submitted,
      step_id: null,
      actor: 'system',
      staff_id: null,
      at,
    })
    .execute();
  return customerDetail(trx, row);
}

/**
 * The supply a request is about. "Revisión de Pilar" (a type that needs an active energy supply)
 * must name one that is linked to the account, of energy and active; any other type may name a
 * linked supply or none.
 */
async function checkSupply(
  db: CentralDb,
  accountId: string,
  type: RequestType,
  supplyNumber: string | undefined,
): Promise<string | null> {
  const field = { field: 'supplyNumber' };
  if (supplyNumber === undefined) {
    if (!type.needsActiveEnergySupply) return null;
    throw new CentralHttpError(
      422,
      'supply_required',
      requestMessages.supplyRequired(type.title),
      field,
    );
  }
  const supply = await db
    .selectFrom('account_supplies')
    .innerJoin('supplies', 'supplies.number', 'account_supplies.supply_number')
    .select(['supplies.number', 'supplies.service', 'supplies.state'])
    .where('account_supplies.account_id', '=', accountId)
    .where('supplies.number', '=', supplyNumber)
    .executeTakeFirst();
  if (!supply) {
    throw new CentralHttpError(422, 'supply_not_linked', requestMessages.supplyNotLinked, field);
  }
  if (type.needsActiveEnergySupply && (supply.service !== 'energia' || supply.state !== 'activo')) {
    throw new CentralHttpError(
      422,
      'supply_not_eligible',
      requestMessages.supplyNotEligible(type.title),
      field,
    );
  }
  return supply.number;
}
