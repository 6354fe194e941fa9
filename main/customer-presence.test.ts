import { describe, expect, it, vi } from 'vitest';
import { createCustomerPresence } from './customer-presence.js';

vi.mock('electron', () => ({}));

function presence(signedIn = false) {
  let now = 1_000_000;
  const tracker = createCustomerPresence({
    signedIn: () => Promise.resolve(signedIn),
    quietMs: 180_000,
    now: () => now,
  });
  return { tracker, advance: (ms: number) => (now += ms) };
}

describe('createCustomerPresence', () => {
  it('nobody at a kiosk that has seen no input', async () => {
    await expect(presence().tracker.isPresent()).resolves.toBe(false);
  });

  it('someone there while signed in, however long since the last touch', async () => {
    const { tracker, advance } = presence(true);
    advance(3_600_000);
    await expect(tracker.isPresent()).resolves.toBe(true);
  });

  it('an anonymous visit counts until it ends or goes quiet', async () => {
    const { tracker, advance } = presence();
    tracker.activity();
    advance(179_000);
    await expect(tracker.isPresent()).resolves.toBe(true);
    advance(1_000);
    await expect(tracker.isPresent()).resolves.toBe(false);
  });

  it('the end of a visit frees the kiosk at once, until the next touch', async () => {
    const { tracker, advance } = presence();
    tracker.activity();
    advance(1_000);
    tracker.ended();
    await expect(tracker.isPresent()).resolves.toBe(false);
    advance(1_000);
    tracker.activity();
    await expect(tracker.isPresent()).resolves.toBe(true);
  });

  it('a sign-out in the same millisecond as its own call still ends the visit', async () => {
    const { tracker } = presence();
    tracker.activity();
    tracker.ended();
    await expect(tracker.isPresent()).resolves.toBe(false);
  });
});
