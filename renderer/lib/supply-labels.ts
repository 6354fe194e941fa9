import type { ServiceKind, Supply, SupplyState } from '../../src/contract/supplies.js';
import { t, type MessageKey } from './messages.js';

// Records, not switches: a new service or state in the contract is a type error here.
const serviceKeys: Record<ServiceKind, MessageKey> = {
  energia: 'supply.serviceEnergia',
  internet: 'supply.serviceInternet',
  'servicio-social': 'supply.serviceSocial',
};

const stateKeys: Record<SupplyState, MessageKey> = {
  activo: 'supply.stateActivo',
  baja: 'supply.stateBaja',
  'en-tramite': 'supply.stateEnTramite',
};

/** The service as the cooperative names it on the invoice. */
export function serviceName(service: ServiceKind): string {
  return t(serviceKeys[service]);
}

export function stateName(state: SupplyState): string {
  return t(stateKeys[state]);
}

/** "N.º 100234 · Energía": how a supply is told apart from the customer's others. */
export function supplyShortName(supply: Supply): string {
  return t('supply.short', { number: supply.number, service: serviceName(supply.service) });
}
