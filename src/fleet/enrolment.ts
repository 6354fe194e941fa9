import { z } from 'zod';
import { KioskEnrolled, type KioskEnrolment } from '../contract/index.js';
import type { SecretStore } from './secret-store.js';

/** What the kiosk keeps of its enrolment, sealed by the secret store. */
const StoredEnrolment = KioskEnrolled.extend({ revokedAt: z.iso.datetime().nullable() });
type StoredEnrolment = z.infer<typeof StoredEnrolment>;

/**
 * This kiosk's enrolment: its credential, and whether the central said it was revoked (kept, so
 * staff see it after a restart too, before any call is made).
 */
export function createKioskEnrolment(deps: {
  secrets: SecretStore;
  kioskId: string;
  /** Customers wait for the setup screen until the kiosk is enrolled (see `KioskEnrolment`). */
  required?: boolean | undefined;
}) {
  let stored: StoredEnrolment | null | undefined;

  function load(): StoredEnrolment | null {
    if (stored !== undefined) return stored;
    const bytes = deps.secrets.read();
    const parsed = bytes ? StoredEnrolment.safeParse(JSON.parse(bytes.toString('utf8'))) : null;
    stored = parsed?.success ? parsed.data : null;
    return stored;
  }

  function save(value: StoredEnrolment) {
    deps.secrets.write(Buffer.from(JSON.stringify(value), 'utf8'));
    stored = value;
  }

  return {
    view(): KioskEnrolment {
      const current = load();
      return {
        state: !current ? 'not-enrolled' : current.revokedAt ? 'revoked' : 'enrolled',
        required: deps.required ?? false,
        kioskId: current?.kioskId ?? deps.kioskId,
        branch: current?.branch ?? null,
        enrolledAt: current?.enrolledAt ?? null,
      };
    },
    /** Sent on every call; a revoked one too, so the central keeps saying so. */
    credential: (): string | null => load()?.credential ?? null,
    /** Holds a credential the central has not revoked (as far as this kiosk knows). */
    isEnrolled: (): boolean => {
      const current = load();
      return current !== null && current.revokedAt === null;
    },
    branch: (): string | null => load()?.branch ?? null,
    save: (enrolled: KioskEnrolled) => save({ ...enrolled, revokedAt: null }),
    markRevoked(at: Date) {
      const current = load();
      if (current && current.revokedAt === null) save({ ...current, revokedAt: at.toISOString() });
    },
  };
}

export type KioskEnrolmentState = ReturnType<typeof createKioskEnrolment>;
