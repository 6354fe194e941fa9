import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createInstallGate } from './install-gate.js';

vi.mock('electron', () => ({}));

let present = false;
const install = vi.fn();
const log = vi.fn();

function gate() {
  return createInstallGate({
    customerPresent: () => Promise.resolve(present),
    install,
    retryMs: 60_000,
    log,
  });
}

describe('createInstallGate', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.clearAllMocks();
    present = false;
  });

  afterEach(() => vi.useRealTimers());

  it('installs at once when nobody is at the kiosk', async () => {
    const installGate = gate();
    await installGate.updateReady('1.2.0');
    expect(install).toHaveBeenCalledOnce();
    expect(installGate.state()).toBe('installing');
  });

  it('never installs while a customer is there, and asks again later', async () => {
    present = true;
    const installGate = gate();
    await installGate.updateReady('1.2.0');
    expect(install).not.toHaveBeenCalled();
    expect(installGate.state()).toBe('waiting');

    await vi.advanceTimersByTimeAsync(60_000);
    expect(install).not.toHaveBeenCalled();

    present = false;
    await vi.advanceTimersByTimeAsync(60_000);
    expect(install).toHaveBeenCalledOnce();
  });

  it('installs as soon as the visit ends, without waiting for the timer', async () => {
    present = true;
    const installGate = gate();
    await installGate.updateReady('1.2.0');
    present = false;
    await installGate.customerLeft();
    expect(install).toHaveBeenCalledOnce();
    await vi.advanceTimersByTimeAsync(120_000);
    expect(install).toHaveBeenCalledOnce();
  });

  it('does nothing at the end of a visit when no update is waiting', async () => {
    await gate().customerLeft();
    expect(install).not.toHaveBeenCalled();
  });

  it('counts a presence check that fails as someone being there', async () => {
    const installGate = createInstallGate({
      customerPresent: () => Promise.reject(new Error('core ocupado')),
      install,
      log,
    });
    await installGate.updateReady('1.2.0');
    expect(install).not.toHaveBeenCalled();
    expect(installGate.state()).toBe('waiting');
  });

  it('after a failed install keeps the running version and waits for the next download', async () => {
    const installGate = gate();
    install.mockImplementationOnce(() => {
      throw new Error('dpkg: error');
    });
    await installGate.updateReady('1.2.0');
    expect(installGate.state()).toBe('idle');
    expect(installGate.pendingVersion()).toBeNull();
    expect(log).toHaveBeenCalledWith(
      'No se pudo instalar la versión 1.2.0; sigue la versión actual',
      expect.any(Error),
    );
    await installGate.customerLeft();
    await vi.advanceTimersByTimeAsync(600_000);
    expect(install).toHaveBeenCalledOnce();

    await installGate.updateReady('1.2.0');
    expect(install).toHaveBeenCalledTimes(2);
  });

  it("takes the updater's error report during an install as a failed install", async () => {
    const installGate = gate();
    await installGate.updateReady('1.2.0');
    installGate.installFailed(new Error('sudo: a password is required'));
    expect(installGate.state()).toBe('idle');
    installGate.installFailed(new Error('later, unrelated'));
    expect(log).toHaveBeenCalledTimes(2);
  });

  it('stop() drops the waiting update and its timer', async () => {
    present = true;
    const installGate = gate();
    await installGate.updateReady('1.2.0');
    installGate.stop();
    present = false;
    await vi.advanceTimersByTimeAsync(600_000);
    expect(install).not.toHaveBeenCalled();
  });
});
