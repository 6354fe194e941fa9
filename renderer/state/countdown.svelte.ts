/** Seconds until something is allowed again (e.g. another activation mail), ticking down. */
export class Countdown {
  remaining = $state(0);
  #endsAt = 0;
  #ticker: ReturnType<typeof setInterval> | undefined;

  get running(): boolean {
    return this.remaining > 0;
  }

  start(seconds: number): void {
    this.stop();
    if (seconds <= 0) return;
    this.#endsAt = Date.now() + seconds * 1000;
    this.remaining = seconds;
    // Read from Date each tick: a busy kiosk may run intervals late, the countdown stays true.
    this.#ticker = setInterval(() => {
      this.remaining = Math.max(0, Math.ceil((this.#endsAt - Date.now()) / 1000));
      if (this.remaining === 0) this.stop();
    }, 250);
  }

  stop(): void {
    clearInterval(this.#ticker);
    this.#ticker = undefined;
    this.remaining = 0;
  }
}
