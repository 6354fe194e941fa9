/** What the screen says, in the order a person needs it: where they are, what to do, what failed. */
export function screenText(root: ParentNode = document): string[] {
  const texts = (selector: string) =>
    [...root.querySelectorAll(selector)]
      .filter((element) => !element.closest('[hidden], [aria-hidden="true"]'))
      .map((element) => (element.textContent ?? '').replace(/\s+/g, ' ').trim())
      .filter((text) => text !== '');
  // A modal dialog is the whole screen while it is open.
  const dialog = root.querySelector('dialog[open]');
  const scope = dialog ? 'dialog[open]' : 'main';
  return [
    ...texts(`${scope} :is(h1, h2)`).slice(0, 1),
    ...texts(`${scope} .lead, ${scope} [data-instructions]`),
    ...texts(`${scope} [role="alert"]`),
  ];
}

/** Prefers the voice of Argentina, then any Spanish one; none found, the browser's default. */
function spanishVoice(voices: SpeechSynthesisVoice[]): SpeechSynthesisVoice | undefined {
  return (
    voices.find((voice) => voice.lang.replace('_', '-') === 'es-AR') ??
    voices.find((voice) => voice.lang.toLowerCase().startsWith('es'))
  );
}

/**
 * "Escuchar": reads the current screen aloud for someone who cannot read it well. A second tap
 * stops it; moving to another screen stops it too, so an old screen is never read over a new one.
 */
export class ScreenReader {
  speaking = $state(false);

  readonly #synthesis: () => SpeechSynthesis | undefined;

  /** `synthesis`: the browser's speech, looked up at each tap (a kiosk may lack it). */
  constructor(synthesis: () => SpeechSynthesis | undefined = () => globalThis.speechSynthesis) {
    this.#synthesis = synthesis;
  }

  toggle(): void {
    if (this.speaking) this.stop();
    else this.read(screenText());
  }

  read(parts: string[]): void {
    const synthesis = this.#synthesis();
    if (!synthesis || parts.length === 0) return;
    synthesis.cancel();
    // Each part ends as a sentence, so the voice pauses between them.
    const text = parts.map((part) => (/[.!?…:]$/.test(part) ? part : `${part}.`)).join(' ');
    const utterance = new SpeechSynthesisUtterance(text);
    utterance.lang = 'es-AR';
    const voice = spanishVoice(synthesis.getVoices());
    if (voice) utterance.voice = voice;
    // Slightly slower than the default: many who need it are older or new to screens.
    utterance.rate = 0.9;
    const done = () => {
      this.speaking = false;
    };
    utterance.onend = done;
    utterance.onerror = done;
    this.speaking = true;
    synthesis.speak(utterance);
  }

  stop(): void {
    this.#synthesis()?.cancel();
    this.speaking = false;
  }

  clear(): void {
    this.stop();
  }
}
