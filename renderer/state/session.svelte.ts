import type { SessionView } from '../../src/contract/kiosk-api.js';
import { call } from '../lib/kiosk.js';
import { appRoot, wipeBrowserData } from '../lib/wipe.js';
import { InactivityTimer, type InactivitySettings } from './inactivity.svelte.js';

/** Anything of the customer's that lives in renderer memory. */
export interface CustomerMemory {
  clear(): void;
}

export interface SessionOptions {
  settings: () => InactivitySettings;
  /** Every state object that may hold something the customer typed or was shown. */
  memory: CustomerMemory[];
  /** The last step of a wipe; a test may watch it, the kiosk reloads the app's entry page. */
  reload?: () => void;
  /** How long to wait for the core to end the session before wiping anyway. */
  signOutTimeoutMs?: number;
}

/**
 * Who is signed in, and the rule that the kiosk forgets the customer: after inactivity, or on
 * "Salir", the session ends on the central and everything of the customer is wiped.
 */
export class Session {
  current = $state<SessionView | null>(null);
  /** The wipe has begun: screens show a short "Cerrando la sesión…" instead of the customer's data. */
  ending = $state(false);
  readonly inactivity: InactivityTimer;
  readonly #options: SessionOptions;

  constructor(options: SessionOptions) {
    this.#options = options;
    this.inactivity = new InactivityTimer(options.settings, () => void this.end());
  }

  signedIn(view: SessionView): void {
    this.current = view;
  }

  /**
   * A session the core still holds when the page loads. If its customer did something within the
   * inactivity time, the page crashed or reloaded under them: they get their session back (and
   * their request's draft with it), no more exposed than by the idle wait itself. Otherwise
   * whoever is at the kiosk now is someone else: the session ends. True when it was resumed.
   */
  async resumeOrEndLeftover(): Promise<boolean> {
    try {
      const leftover = await call('session:current');
      if (!leftover) return false;
      const { idleSeconds, ...view } = leftover;
      if (idleSeconds !== undefined && idleSeconds < this.#options.settings().inactivitySeconds) {
        this.signedIn(view);
        return true;
      }
      await this.#signOutQuietly();
    } catch {
      // Nothing to end, or the core cannot tell: the welcome shows either way.
    }
    return false;
  }

  /** "Salir", or the warning ran out. Safe to call twice: the second call waits for nothing. */
  async end(): Promise<void> {
    if (this.ending) return;
    this.ending = true;
    this.inactivity.stop();
    await this.#signOutQuietly();
    this.current = null;
    for (const memory of this.#options.memory) memory.clear();
    await wipeBrowserData();
    (this.#options.reload ?? (() => location.replace(appRoot())))();
  }

  /** The wipe must happen even when the core or the central does not answer. */
  async #signOutQuietly(): Promise<void> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, this.#options.signOutTimeoutMs ?? 8_000);
    });
    try {
      await Promise.race([call('session:signOut').then(() => undefined), timeout]);
    } catch {
      // Already ended, or the link is down: the core wipes its side regardless.
    } finally {
      clearTimeout(timer);
    }
  }
}
