import { describe, expect, it, vi } from 'vitest';
import { kioskApi } from '../src/contract/kiosk-api.js';
import { kioskMethods } from '../src/contract/kiosk-methods.js';
import { buildWindowKiosk } from './window-kiosk.js';

vi.mock('electron', () => ({}));

const mapKeys = Object.keys(kioskApi).sort();

describe('buildWindowKiosk', () => {
  it('has exactly the keys of the kiosk API map, each a function', () => {
    const api = buildWindowKiosk(() => Promise.resolve(undefined));
    expect(Object.keys(api).sort()).toEqual(mapKeys);
    expect(Object.getOwnPropertyNames(api).sort()).toEqual(mapKeys);
    for (const value of Object.values(api)) expect(typeof value).toBe('function');
  });

  it('calls invoke with each method on its own channel and returns its answer', async () => {
    const invoke = vi.fn((method: string, input: unknown) =>
      Promise.resolve({ ok: true, value: { method, input } }),
    );
    const api = buildWindowKiosk(invoke);
    for (const method of kioskMethods) {
      invoke.mockClear();
      const send = api[method] as (input: unknown) => Promise<unknown>;
      await expect(send(undefined)).resolves.toEqual({
        ok: true,
        value: { method, input: undefined },
      });
      expect(invoke).toHaveBeenCalledOnce();
      expect(invoke).toHaveBeenCalledWith(method, undefined);
    }
  });

  it('cannot be changed by the page', () => {
    const api = buildWindowKiosk(() => Promise.resolve(undefined));
    expect(Object.isFrozen(api)).toBe(true);
  });

  it('reads a names list that matches the map', () => {
    expect([...kioskMethods].sort()).toEqual(mapKeys);
  });
});
