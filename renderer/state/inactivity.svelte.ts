export interface InactivitySettings {
  inactivitySeconds: number;
  warningSeconds: number;
}

/** The catalogue's defaults, for a kiosk that has not loaded its catalogue yet. */
export const defaultInactivity: InactivitySettings = { inactivitySeconds: 90, warningSeconds: 30 };

/** Never less than this to answer "¿Seguís ahí?": someone slow to read must still make it. */
export const minimumWarningSeconds = 20;

/** Input that proves someone is at the kiosk. */
const activityEvents = ['pointerdown', 'touchstart', 'keydown', 'wheel', 'input'] as const;

/**
 * Notices when nobody has touched the kiosk for a while: first a warning with a countdown, then
 * `onexpire`. Time is read from Date and ticked by setInterval, so a test can drive it with a
 * fake clock.
 */
export class InactivityTimer {
  phase = $state<'off' | 'watching' | 'warning'>('off');
  /** Whole seconds left while the warning shows. */
  remaining = $state(0);
  #lastInput = 0;
  #warningEndsAt = 0;
  #ticker: ReturnType<typeof setInterval> | undefined;
  readonly #settings: () => InactivitySettings;
  readonly #onexpire: () => void;
  readonly #tickMs: number;

  constructor(settings: () => InactivitySettings, onexpire: () => void, tickMs = 500) {
    this.#settings = settings;
    this.#onexpire = onexpire;
    this.#tickMs = tickMs;
  }

  get warningSeconds(): number {
    return Math.max(minimumWarningSeconds, this.#settings().warningSeconds);
  }

  /** Starts counting (on every screen but the welcome) or stops. */
  enable(on: boolean): void {
    if (on && this.phase === 'off') {
      this.phase = 'watching';
      this.#lastInput = Date.now();
      this.#ticker = setInterval(() => this.#tick(), this.#tickMs);
    } else if (!on) {
      this.stop();
    }
  }

  /** Any input restarts the wait, but only the warning's own button dismisses the warning. */
  activity(): void {
    if (this.phase === 'watching') this.#lastInput = Date.now();
  }

  /** "Sí, sigo acá". */
  stay(): void {
    if (this.phase === 'off') return;
    this.phase = 'watching';
    this.#lastInput = Date.now();
  }

  stop(): void {
    clearInterval(this.#ticker);
    this.#ticker = undefined;
    this.phase = 'off';
    this.remaining = 0;
  }

  /** Listens to the whole window for input; returns the function that stops listening. */
  listen(target: Window = window): () => void {
    const onInput = () => this.activity();
    for (const type of activityEvents) {
      target.addEventListener(type, onInput, { capture: true, passive: true });
    }
    return () => {
      for (const type of activityEvents)
        target.removeEventListener(type, onInput, { capture: true });
    };
  }

  #tick(): void {
    const now = Date.now();
    if (this.phase === 'watching') {
      if (now - this.#lastInput < this.#settings().inactivitySeconds * 1000) return;
      this.phase = 'warning';
      this.#warningEndsAt = now + this.warningSeconds * 1000;
    }
    if (this.phase !== 'warning') return;
    this.remaining = Math.max(0, Math.ceil((this.#warningEndsAt - now) / 1000));
    if (this.remaining === 0) {
      this.stop();
      this.#onexpire();
    }
  }
}
