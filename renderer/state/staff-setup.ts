import type { KioskEnrolment } from '../../src/contract/fleet.js';

/**
 * Whether the kiosk opens on the setup screen for IT instead of the welcome: always when the
 * central revoked its credential (customers' calls are refused until it is enrolled again), and
 * when it was never enrolled only if the core says it must be (a demo's embedded central does not
 * ask kiosks for a credential, so the demo starts straight on the welcome).
 */
export function setupNeeded(enrolment: KioskEnrolment | null): boolean {
  if (enrolment === null) return false;
  if (enrolment.state === 'revoked') return true;
  return enrolment.state === 'not-enrolled' && enrolment.required;
}

/** The screens that belong to staff once signed in: the customers' inactivity clock stops there. */
export const staffPanelScreens = [
  'staffPanel',
  'staffDiscard',
  'staffCamera',
  'staffAssist',
  'staffLeaveKiosk',
] as const;

export function isStaffPanelScreen(name: string): boolean {
  return (staffPanelScreens as readonly string[]).includes(name);
}
