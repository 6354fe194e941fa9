/**
 * Limits of supplies and of the payments hand-off, in one place. Tests pass a partial override
 * (fewer failures, a shorter hand-off) through `startCentral({ supplies })`.
 */
export type SuppliesConfig = {
  /** Proving to be a supply's holder (linking it, or looking up its invoice without an account). */
  proofThrottle: {
    /** Failures are counted in fixed windows of this length; then the wait ends. */
    windowMs: number;
    /** Failed proofs by one signed-in account, at any kiosk. */
    accountFailures: number;
    /** Failed proofs at one kiosk (address + kiosk id), with or without an account. */
    kioskFailures: number;
    /** Failed proofs from one address (a branch shares one; kiosk ids can be invented). */
    addressFailures: number;
  };
  /** How long a "Facturas y Pagos" link can be used (once). */
  handoffLifetimeMs: number;
  /** Where the cooperative is: an invoice is overdue from the day after its due date there. */
  timeZone: string;
};

const minute = 60_000;

export const defaultSuppliesConfig: SuppliesConfig = {
  proofThrottle: {
    windowMs: 15 * minute,
    accountFailures: 10,
    kioskFailures: 10,
    addressFailures: 50,
  },
  handoffLifetimeMs: 5 * minute,
  timeZone: 'America/Argentina/Buenos_Aires',
};

export type SuppliesConfigOverride = Partial<Omit<SuppliesConfig, 'proofThrottle'>> & {
  proofThrottle?: Partial<SuppliesConfig['proofThrottle']>;
};

export function suppliesConfig(override: SuppliesConfigOverride = {}): SuppliesConfig {
  return {
    ...defaultSuppliesConfig,
    ...override,
    proofThrottle: { ...defaultSuppliesConfig.proofThrottle, ...override.proofThrottle },
  };
}
