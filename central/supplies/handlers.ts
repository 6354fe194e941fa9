import type { Invoice } from '../../src/contract/index.js';
import { kioskOf } from '../accounts/throttle.js';
import { CentralHttpError } from '../http-errors.js';
import { auditAssistedLink } from '../staff/assisted.js';
import type { CentralHandlers } from '../routes.js';
import type { SuppliesContext } from './context.js';
import { supplyMessages } from './messages.js';
import { proveHolder, type Prover } from './proof.js';
import {
  calendarDay,
  isLinked,
  latestInvoiceRow,
  linkedSupplies,
  linkToAccount,
  toInvoice,
  toSupply,
} from './store.js';

export type SupplyRoute = 'linkSupply' | 'listSupplies' | 'latestInvoice' | 'lookupInvoice';

/** "ASOCIAR CUENTA", "CUENTAS", "Ultima Factura" and "Consultar factura sin cuenta". */
export function supplyHandlers(context: SuppliesContext): Pick<CentralHandlers, SupplyRoute> {
  const { db } = context;

  async function latestInvoice(supplyNumber: string): Promise<Invoice> {
    const row = await latestInvoiceRow(db, supplyNumber);
    if (!row) throw new CentralHttpError(404, 'no_invoice', supplyMessages.noInvoice);
    return toInvoice(row, calendarDay(context.now(), context.config.timeZone));
  }

  return {
    async linkSupply({ body, session, request, reply }) {
      const prover: Prover = { ...kioskOf(request), accountId: session.account.id };
      const supply = await proveHolder(context, body, prover);
      const linked = await linkToAccount(db, session.account.id, supply.number, context.now());
      await auditAssistedLink(db, session, { number: supply.number, linked }, context.now());
      // Already linked to this account: the same supply, and no second link.
      if (!linked) void reply.code(200);
      return toSupply(supply);
    },

    async listSupplies({ session }) {
      return { supplies: await linkedSupplies(db, session.account.id) };
    },

    async latestInvoice({ params, session }) {
      if (!(await isLinked(db, session.account.id, params.supplyNumber))) {
        throw new CentralHttpError(404, 'supply_not_linked', supplyMessages.supplyNotLinked);
      }
      return latestInvoice(params.supplyNumber);
    },

    async lookupInvoice({ body, request }) {
      const supply = await proveHolder(context, body, kioskOf(request));
      return { supply: toSupply(supply), invoice: await latestInvoice(supply.number) };
    },
  };
}
