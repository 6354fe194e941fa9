import { z } from 'zod';

/**
 * How an error crosses any boundary (IPC, the web host, the central's HTTP API): a code a program
 * can branch on and a message in Spanish that a person can read.
 */
export const ApiError = z.object({
  code: z.string().regex(/^[a-z][a-z0-9_]*$/),
  message: z.string().min(1),
  /** The form field the message belongs to, when there is one (e.g. `documentNumber`). */
  field: z.string().optional(),
  /** When the refusal is "wait": how many seconds until trying again makes sense. */
  retryAfterSeconds: z.number().int().min(0).optional(),
});
export type ApiError = z.infer<typeof ApiError>;

export type Envelope<T> = { ok: true; value: T } | { ok: false; error: ApiError };

export function envelopeSchema<T extends z.ZodType>(value: T) {
  return z.discriminatedUnion('ok', [
    z.object({ ok: z.literal(true), value }),
    z.object({ ok: z.literal(false), error: ApiError }),
  ]);
}
