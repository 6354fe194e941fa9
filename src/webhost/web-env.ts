import { z } from 'zod';

/** `npm run web`'s settings from the environment (README, "Configuration"). */
export const WebEnv = z.object({
  KIOSK_WEB_PORT: z.coerce.number().int().min(0).max(65535).default(5180),
  CENTRAL_URL: z.url().optional(),
  /**
   * The embedded central's port: fixed, because the links in its mails (activation, recovery)
   * carry its address and must still work after `npm run web` is started again. Tests pass 0.
   */
  CENTRAL_PORT: z.coerce.number().int().min(0).max(65535).default(5181),
  DATA_DIR: z.string().default('./data'),
});
export type WebEnv = z.output<typeof WebEnv>;
