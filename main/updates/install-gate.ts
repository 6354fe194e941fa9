export type InstallGateOptions = {
  /** True while a customer is at the kiosk. */
  customerPresent: () => Promise<boolean>;
  /** Installs the downloaded update and restarts the app (`quitAndInstall`). */
  install: () => void;
  /** How long to wait before asking again when someone is at the kiosk. */
  retryMs?: number;
  log: (message: string, error?: unknown) => void;
};

export type InstallGateState = 'idle' | 'waiting' | 'installing';

/**
 * Installs a downloaded update only while nobody is at the kiosk: asked when the update is ready,
 * again at the end of every visit, and on a timer in between. An install that fails leaves the
 * gate waiting for the next download (the running version keeps working meanwhile).
 */
export function createInstallGate(options: InstallGateOptions) {
  const retryMs = options.retryMs ?? 60_000;
  let pendingVersion: string | null = null;
  let state: InstallGateState = 'idle';
  let timer: NodeJS.Timeout | undefined;
  let asking = false;

  function schedule(): void {
    clearTimeout(timer);
    timer = setTimeout(() => void tryInstall(), retryMs);
    timer.unref();
  }

  async function tryInstall(): Promise<void> {
    if (pendingVersion === null || state === 'installing' || asking) return;
    asking = true;
    let present: boolean;
    try {
      present = await options.customerPresent();
    } catch (error) {
      // Not knowing counts as someone being there.
      options.log('No se pudo saber si hay un cliente; la actualización espera', error);
      present = true;
    } finally {
      asking = false;
    }
    // stop() may have dropped the update while the answer was on its way.
    if (pendingVersion === null) return;
    if (present) {
      state = 'waiting';
      schedule();
      return;
    }
    clearTimeout(timer);
    state = 'installing';
    options.log(`Instalando la versión ${pendingVersion}`);
    try {
      options.install();
    } catch (error) {
      failed(error);
    }
  }

  function failed(error: unknown): void {
    options.log(
      `No se pudo instalar la versión ${pendingVersion ?? '?'}; sigue la versión actual`,
      error,
    );
    pendingVersion = null;
    state = 'idle';
    clearTimeout(timer);
  }

  return {
    /** An update was downloaded and can be installed. */
    updateReady(version: string): Promise<void> {
      pendingVersion = version;
      if (state !== 'installing') state = 'waiting';
      return tryInstall();
    },
    /** A visit ended: the best moment to install. */
    customerLeft(): Promise<void> {
      return tryInstall();
    },
    /** The updater reported an error while installing. */
    installFailed(error: unknown): void {
      if (state === 'installing') failed(error);
    },
    state: (): InstallGateState => state,
    pendingVersion: (): string | null => pendingVersion,
    stop(): void {
      clearTimeout(timer);
      pendingVersion = null;
      state = 'idle';
    },
  };
}

export type InstallGate = ReturnType<typeof createInstallGate>;
