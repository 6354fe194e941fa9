import { ApiError, kioskCredentialHeader } from '../contract/index.js';
import type { KioskEnrolmentState } from './enrolment.js';

/**
 * The kiosk's fetch with its credential on every call to the central (beside `x-kiosk-id` and
 * whatever `Authorization` a customer's call carries). A 401 `kiosk_revoked` is remembered, so
 * staff see it without waiting for another refusal.
 */
export function withKioskCredential(
  base: typeof fetch,
  enrolment: KioskEnrolmentState,
  now: () => Date,
): typeof fetch {
  return async (input, init) => {
    const credential = enrolment.credential();
    if (!credential) return base(input, init);
    const headers = new Headers(init?.headers);
    headers.set(kioskCredentialHeader, credential);
    const response = await base(input, { ...init, headers });
    if (response.status === 401) {
      const body = ApiError.safeParse(
        await response
          .clone()
          .json()
          .catch(() => null),
      );
      if (body.success && body.data.code === 'kiosk_revoked') enrolment.markRevoked(now());
    }
    return response;
  };
}
