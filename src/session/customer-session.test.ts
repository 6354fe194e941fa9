import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { useTempDir } from '../testing/use-temp-dir.js';
import { createCustomerSession } from './customer-session.js';

const granted = (expiresAt: string) => ({
  token: 'a'.repeat(43),
  expiresAt,
  account: {
    email: 'ana@example.com',
    firstName: 'Ana',
    lastName: 'Pérez',
    documentType: 'DNI' as const,
    documentNumber: '30123456',
  },
});

describe('customer session', () => {
  const temp = useTempDir();

  function setup(now = new Date('2026-11-28T12:00:00Z')) {
    const clock = { now };
    const endOnCentral = vi.fn(() => Promise.resolve());
    const session = createCustomerSession({
      tempRoot: temp.dir,
      now: () => clock.now,
      endOnCentral,
    });
    return { session, endOnCentral, clock };
  }

  it('shows the screens only the name and email, and keeps the token for the core', () => {
    const { session } = setup();
    const view = session.start(granted('2026-11-28T12:30:00Z'));
    expect(view).toEqual({ firstName: 'Ana', lastName: 'Pérez', email: 'ana@example.com' });
    expect(JSON.stringify(session.current())).not.toContain('aaaa');
    expect(session.token()).toBe('a'.repeat(43));
  });

  it('counts the idle time from the sign-in and from each customer call', () => {
    const { session, clock } = setup();
    session.start(granted('2026-11-28T12:30:00Z'));
    clock.now = new Date('2026-11-28T12:00:40Z');
    expect(session.idleSeconds()).toBe(40);
    session.touch();
    clock.now = new Date('2026-11-28T12:00:45Z');
    expect(session.idleSeconds()).toBe(5);
  });

  it('ends on the central and removes the customer temporary files', async () => {
    const { session, endOnCentral } = setup();
    session.start(granted('2026-11-28T12:30:00Z'));
    const file = path.join(session.tempDir(), 'dni-frente.jpg');
    writeFileSync(file, 'ana@example.com 30123456');
    await session.end();
    expect(endOnCentral).toHaveBeenCalledWith('a'.repeat(43));
    expect(existsSync(file)).toBe(false);
    expect(session.current()).toBeNull();
    expect(session.token()).toBeNull();
  });

  it('forgets a session past its absolute lifetime without being asked', () => {
    const { session, clock } = setup();
    session.start(granted('2026-11-28T12:30:00Z'));
    clock.now = new Date('2026-11-28T12:30:00Z');
    expect(session.current()).toBeNull();
    expect(session.token()).toBeNull();
  });

  it('a new customer starts with nothing of the previous one', () => {
    const { session } = setup();
    session.start(granted('2026-11-28T12:30:00Z'));
    writeFileSync(path.join(session.tempDir(), 'previo.jpg'), 'x');
    session.start({ ...granted('2026-11-28T12:30:00Z'), token: 'b'.repeat(43) });
    expect(existsSync(path.join(session.tempDir(), 'previo.jpg'))).toBe(false);
  });

  it('ending with nobody signed in does not call the central', async () => {
    const { session, endOnCentral } = setup();
    await session.end();
    expect(endOnCentral).not.toHaveBeenCalled();
  });

  it('tells of each sign-in and of each wipe (sign-out, expiry, refusal) with the token', async () => {
    const clock = { now: new Date('2026-11-28T12:00:00Z') };
    const onStart = vi.fn();
    const onWipe = vi.fn();
    const session = createCustomerSession({
      tempRoot: temp.dir,
      now: () => clock.now,
      endOnCentral: () => Promise.resolve(),
      onStart,
      onWipe,
    });
    const first = granted('2026-11-28T12:30:00Z');
    session.start(first);
    expect(onStart).toHaveBeenCalledWith(first);
    await session.end();
    expect(onWipe).toHaveBeenCalledTimes(1);
    expect(onWipe).toHaveBeenLastCalledWith(first.token);
    await session.end();
    expect(onWipe).toHaveBeenCalledTimes(1);

    session.start(first);
    clock.now = new Date('2026-11-28T12:31:00Z');
    expect(session.token()).toBeNull();
    expect(onWipe).toHaveBeenCalledTimes(2);
    session.start({ ...first, expiresAt: '2026-11-28T13:01:00Z' });
    session.expire();
    expect(onWipe).toHaveBeenCalledTimes(3);
  });
});
