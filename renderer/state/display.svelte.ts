/**
 * How the customer chose to see the screen ("Texto grande", "Alto contraste"). Theirs alone: it
 * is cleared with everything else of the session, so the next person gets the kiosk as it was.
 */
export class DisplayPreferences {
  largeText = $state(false);
  highContrast = $state(false);

  /** Something differs from the kiosk's defaults (so a session is worth wiping). */
  get changed(): boolean {
    return this.largeText || this.highContrast;
  }

  toggleLargeText(): void {
    this.largeText = !this.largeText;
  }

  toggleHighContrast(): void {
    this.highContrast = !this.highContrast;
  }

  clear(): void {
    this.largeText = false;
    this.highContrast = false;
  }

  /** Mirrors the choices as classes on `root`, where the style sheet's palettes and sizes hang. */
  applyTo(root: HTMLElement): void {
    root.classList.toggle('large-text', this.largeText);
    root.classList.toggle('high-contrast', this.highContrast);
  }
}
