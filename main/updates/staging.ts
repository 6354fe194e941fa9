import { createHash } from 'node:crypto';

/**
 * The kiosk's bucket (0–99) for one release: a hash of the kiosk's id and the version. Keyed on
 * the kiosk's id, not on electron-updater's `userData/.updaterId`, which a wiped or reinstalled
 * kiosk loses and would silently land in another group. Including the version spreads the risk:
 * the first 20 % of one release are not always the same kiosks.
 */
export function rolloutBucket(kioskId: string, version: string): number {
  const digest = createHash('sha256').update(`${kioskId}\n${version}`).digest();
  return digest.readUInt32BE(0) % 100;
}

/**
 * Whether a kiosk takes a staged release: its bucket is under the feed's `stagingPercentage`.
 * No percentage means everyone; raising it only adds kiosks (a kiosk's bucket never changes).
 * A percentage that is not a number holds the release back: a broken feed must not reach the
 * whole fleet at once.
 */
export function isWithinRollout(
  kioskId: string,
  version: string,
  stagingPercentage: unknown,
): boolean {
  if (stagingPercentage === undefined || stagingPercentage === null) return true;
  const percentage =
    typeof stagingPercentage === 'number' ? stagingPercentage : Number(stagingPercentage);
  if (!Number.isFinite(percentage)) return false;
  return rolloutBucket(kioskId, version) < percentage;
}
