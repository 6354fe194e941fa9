import { beforeEach, describe, expect, it, vi } from 'vitest';
import { kioskApi } from '../src/contract/kiosk-api.js';

const electron = vi.hoisted(() => ({
  contextBridge: { exposeInMainWorld: vi.fn() },
  ipcRenderer: {
    invoke: vi.fn((channel: string) => Promise.resolve({ ok: true, value: channel })),
    send: vi.fn(),
    on: vi.fn(),
  },
}));

vi.mock('electron', () => electron);

describe('preload', () => {
  beforeEach(() => {
    vi.resetModules();
    vi.clearAllMocks();
  });

  async function exposed(): Promise<[string, Record<string, unknown>]> {
    await import('./preload.js');
    expect(electron.contextBridge.exposeInMainWorld).toHaveBeenCalledOnce();
    const [name, api] = electron.contextBridge.exposeInMainWorld.mock.calls[0] as [
      string,
      Record<string, unknown>,
    ];
    return [name, api];
  }

  it('exposes one object, window.kiosk, with exactly the keys of the kiosk API map', async () => {
    const [name, api] = await exposed();
    expect(name).toBe('kiosk');
    expect(Object.keys(api).sort()).toEqual(Object.keys(kioskApi).sort());
    for (const value of Object.values(api)) expect(typeof value).toBe('function');
  });

  it('gives the page neither ipcRenderer nor a generic invoke', async () => {
    const [, api] = await exposed();
    for (const name of ['ipcRenderer', 'invoke', 'send', 'on'])
      expect(api).not.toHaveProperty(name);
    expect(Object.values(api)).not.toContain(electron.ipcRenderer.invoke);
    expect(electron.ipcRenderer.invoke).not.toHaveBeenCalled();
  });

  it('sends each method on its own channel with the input as is', async () => {
    const [, api] = await exposed();
    const call = api['catalog:get'] as (input: unknown) => Promise<unknown>;
    await expect(call(undefined)).resolves.toEqual({ ok: true, value: 'catalog:get' });
    expect(electron.ipcRenderer.invoke).toHaveBeenCalledExactlyOnceWith('catalog:get', undefined);
    expect(electron.ipcRenderer.send).not.toHaveBeenCalled();
  });
});
