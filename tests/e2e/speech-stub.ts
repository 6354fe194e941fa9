import type { Page } from 'playwright-core';

/** What the page asked the browser's speech to say, and how often it stopped it. */
export interface Spoken {
  utterances: { text: string; lang: string; voice: string | null }[];
  cancels: number;
}

/**
 * A stub of the browser's speech boundary (`speechSynthesis`, `SpeechSynthesisUtterance`), run in
 * the page before the app: it records what would be said instead of saying it, offers voices of
 * more than one language, and `finishSpeaking()` ends the current utterance as the browser would.
 */
export function speechStub(): void {
  const spoken: Spoken = { utterances: [], cancels: 0 };
  const voices = ['en-US', 'es-ES', 'es-AR'].map((lang) => ({ lang, name: lang, default: false }));
  let current: { onend: (() => void) | null } | null = null;
  class Utterance {
    lang = '';
    voice: { lang: string } | null = null;
    rate = 1;
    onend: (() => void) | null = null;
    onerror: (() => void) | null = null;
    constructor(readonly text: string) {}
  }
  const page = window as unknown as Record<string, unknown>;
  page.SpeechSynthesisUtterance = Utterance;
  Object.defineProperty(window, 'speechSynthesis', {
    value: {
      getVoices: () => voices,
      speak(utterance: Utterance) {
        current = utterance;
        spoken.utterances.push({
          text: utterance.text,
          lang: utterance.lang,
          voice: utterance.voice?.lang ?? null,
        });
      },
      cancel() {
        spoken.cancels += 1;
      },
    },
  });
  page.spoken = spoken;
  page.finishSpeaking = () => current?.onend?.();
}

export function spokenIn(page: Page): Promise<Spoken> {
  return page.evaluate(() => structuredClone((window as unknown as { spoken: Spoken }).spoken));
}
