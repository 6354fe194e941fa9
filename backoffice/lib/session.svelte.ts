import type { BackofficeSession } from '../../src/contract/index.js';
import { sessionCall } from './api.js';

export const copy = {
  expired: 'Tu sesión de 8 horas terminó. Ingresá de nuevo: lo que estabas escribiendo sigue acá.',
};

/**
 * The member signed in, and whether "Ingresar" must show over the screen: a session that ends
 * (its 8 hours, a sign-out elsewhere, the member deactivated) asks for the password again without
 * leaving the screen, so nothing typed is lost; the call that found it ended is sent again after.
 */
class SessionState {
  current = $state<BackofficeSession | null>(null);
  /** The first check of the cookie is done. */
  checked = $state(false);
  /** Why "Ingresar" shows over the screen; null when it does not. */
  ended = $state<string | null>(null);
  #waiting: (() => void)[] = [];
  #timer: ReturnType<typeof setTimeout> | undefined;

  async load(): Promise<void> {
    try {
      this.#signedIn(await sessionCall('current'));
    } catch {
      this.current = null;
    }
    this.checked = true;
  }

  async signIn(email: string, password: string): Promise<void> {
    this.#signedIn(await sessionCall('signIn', { email, password }));
  }

  async signOut(): Promise<void> {
    await sessionCall('signOut').catch(() => undefined);
    clearTimeout(this.#timer);
    this.current = null;
    this.ended = null;
  }

  /** Resolves once the member has signed in again. */
  signInAgain(reason: string): Promise<void> {
    this.ended = reason;
    return new Promise((resolve) => this.#waiting.push(resolve));
  }

  #signedIn(granted: BackofficeSession): void {
    this.current = granted;
    this.ended = null;
    for (const resume of this.#waiting.splice(0)) resume();
    clearTimeout(this.#timer);
    const left = Date.parse(granted.expiresAt) - Date.parse(granted.now);
    // Timers longer than ~24 days overflow; a session lasts hours.
    this.#timer = setTimeout(() => (this.ended = copy.expired), Math.max(0, left));
  }
}

export const session = new SessionState();
