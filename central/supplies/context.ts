import type { CentralDb } from '../db/index.js';
import type { SuppliesConfig } from './config.js';

/** What every supply and payments operation is given: passed in, so tests move time. */
export type SuppliesContext = {
  db: CentralDb;
  now: () => Date;
  config: SuppliesConfig;
  /**
   * Shared with the cooperative's payments site, which sends it to redeem a hand-off. Without
   * one, no hand-off can be redeemed.
   */
  paymentsHandoffSecret: string | undefined;
};
