import { describe, expect, it, vi } from 'vitest';
import { backgroundMethods, kioskApi, type KioskMethod } from '../contract/index.js';
import type { KioskHandlers } from './dispatch.js';
import { observeKioskHandlers } from './observed-handlers.js';

const methods = Object.keys(kioskApi) as KioskMethod[];

function fakeHandlers(): KioskHandlers {
  const table: Partial<Record<KioskMethod, (input: unknown) => Promise<unknown>>> = {};
  for (const method of methods)
    table[method] = vi.fn((input: unknown) => Promise.resolve({ method, input }));
  return table as unknown as KioskHandlers;
}

function call(handlers: KioskHandlers, method: KioskMethod, input?: unknown): Promise<unknown> {
  return (handlers[method] as (input: unknown) => Promise<unknown>)(input);
}

describe('observeKioskHandlers', () => {
  it('keeps every method, passing inputs and answers through unchanged', async () => {
    const inner = fakeHandlers();
    const observed = observeKioskHandlers(inner, {});
    expect(Object.keys(observed).sort()).toEqual([...methods].sort());
    await expect(call(observed, 'supplies:link', { a: 1 })).resolves.toEqual({
      method: 'supplies:link',
      input: { a: 1 },
    });
    expect(inner['supplies:link']).toHaveBeenCalledWith({ a: 1 });
  });

  it('reports the end of a visit after session:signOut settles, failed or not', async () => {
    const inner = fakeHandlers();
    const sessionEnded = vi.fn();
    const observed = observeKioskHandlers(inner, { sessionEnded });
    let finish: (value: unknown) => void = () => {};
    vi.mocked(inner['session:signOut']).mockReturnValueOnce(
      new Promise((resolve) => (finish = resolve)) as never,
    );
    const pending = call(observed, 'session:signOut');
    expect(sessionEnded).not.toHaveBeenCalled();
    finish({ ended: true });
    await expect(pending).resolves.toEqual({ ended: true });
    expect(sessionEnded).toHaveBeenCalledOnce();

    vi.mocked(inner['session:signOut']).mockRejectedValueOnce(new Error('central caída'));
    await expect(call(observed, 'session:signOut')).rejects.toThrow('central caída');
    expect(sessionEnded).toHaveBeenCalledTimes(2);
  });

  it('counts customer calls, not the background calls screens make on their own', async () => {
    const customerCall = vi.fn();
    const observed = observeKioskHandlers(fakeHandlers(), { customerCall });
    for (const method of backgroundMethods) await call(observed, method);
    expect(customerCall).not.toHaveBeenCalled();
    await call(observed, 'invoice:lookup', {});
    await call(observed, 'session:signIn', {});
    expect(customerCall.mock.calls).toEqual([['invoice:lookup'], ['session:signIn']]);
  });

  it("takes the background methods from the contract's map: the screens' start-up and polls", () => {
    // What the screens read on their own (tests/e2e/kiosk-idle.e2e.test.ts records them live).
    for (const method of [
      'app:info',
      'catalog:get',
      'sync:status',
      'session:current',
      'outbox:status',
      'payments:state',
      'fleet:status',
      'staff:current',
    ] as const) {
      expect(backgroundMethods.has(method), method).toBe(true);
    }
    // What only a person does is never background.
    for (const method of [
      'session:signIn',
      'request:addPage',
      'staff:signIn',
      'fleet:enrol',
    ] as const)
      expect(backgroundMethods.has(method), method).toBe(false);
  });
});
