import { describe, expect, it } from 'vitest';
import type { KioskEnrolment } from '../src/contract/fleet.js';
import { isStaffPanelScreen, setupNeeded } from '../renderer/state/staff-setup.js';

function enrolment(state: KioskEnrolment['state'], required: boolean): KioskEnrolment {
  return { state, required, kioskId: 'kiosco-1', branch: null, enrolledAt: null };
}

describe('whether the kiosk opens on the setup screen', () => {
  it('does for a revoked kiosk, required or not: the central refuses it either way', () => {
    expect(setupNeeded(enrolment('revoked', false))).toBe(true);
    expect(setupNeeded(enrolment('revoked', true))).toBe(true);
  });

  it('does for a kiosk never enrolled only when its core requires enrolment', () => {
    expect(setupNeeded(enrolment('not-enrolled', true))).toBe(true);
    // The demo's embedded central: straight to the welcome.
    expect(setupNeeded(enrolment('not-enrolled', false))).toBe(false);
  });

  it('does not for an enrolled kiosk, nor when the core could not tell', () => {
    expect(setupNeeded(enrolment('enrolled', true))).toBe(false);
    expect(setupNeeded(null)).toBe(false);
  });
});

describe('the screens where the customers’ inactivity clock stops', () => {
  it('are the staff panel’s, not the staff sign-in, which anyone can open', () => {
    expect(['staffPanel', 'staffDiscard', 'staffCamera'].every(isStaffPanelScreen)).toBe(true);
    expect(isStaffPanelScreen('staffSignIn')).toBe(false);
    expect(isStaffPanelScreen('welcome')).toBe(false);
  });
});
