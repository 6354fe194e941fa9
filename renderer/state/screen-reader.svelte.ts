/** What the screen says, in the order a person needs it: where they are, what to do, what failed. */
export function screenText(root: ParentNode = document): string[] {
  const shown = (selector: string) =>
    [...root.querySelectorAll<HTMLElement>(selector)].filter(
      (element) => !element.closest('[hidden], [aria-hidden="true"]'),
    );
  const texts = (selector: string) =>
    shown(selector)
      .map((element) => clean(element.textContent))
      .filter((text) => text !== '');
  // A modal dialog is the whole screen while it is open.
  const dialog = root.querySelector('dialog[open]');
  const scope = dialog ? 'dialog[open]' : 'main';
  return [
    ...texts(`${scope} :is(h1, h2)`).slice(0, 1),
    ...texts(`${scope} .lead, ${scope} [data-instructions]`),
    // A screen of panels (the home): each panel, its title first, line by line as laid out.
    ...shown(`${scope} [data-read]`).flatMap(lines),
    ...texts(`${scope} [role="alert"]:not([data-read] [role="alert"])`),
  ];
}

const clean = (text: string | null) => (text ?? '').replace(/\s+/g, ' ').trim();

/** The lines a panel shows (its headings, paragraphs, buttons), each read as a sentence. */
function lines(element: HTMLElement): string[] {
  // innerText follows the layout (a line per block, nothing hidden); textContent runs them together.
  const text = element.innerText ?? element.textContent ?? '';
  // Signs beside words (✓, →) are hidden from screen readers, and not read aloud either.
  const signs = [...element.querySelectorAll('[aria-hidden="true"]')]
    .map((sign) => clean(sign.textContent))
    .filter((sign) => sign !== '');
  return text
    .split(/\n+/)
    .map((line) => clean(signs.reduce((rest, sign) => rest.replace(sign, ''), line)))
    .filter((line) => line !== '' && !/^[\p{P}\p{S}]+$/u.test(line));
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
