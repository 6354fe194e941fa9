/** A field's text after a key, with where the caret goes. */
export interface Edit {
  value: string;
  caret: number;
}

/**
 * Puts `text` over the selection (or at the caret), in NFC. Returns null when the result would
 * pass `maxlength`, as `lengthOf` counts it (every character, unless told: a document number's
 * limit counts its digits, not the dots people type): a domain key half typed is worse than none.
 */
export function insertText(
  value: string,
  start: number,
  end: number,
  text: string,
  maxlength?: number,
  lengthOf: (value: string) => number = (whole) => whole.length,
): Edit | null {
  const before = (value.slice(0, start) + text).normalize('NFC');
  const next = (before + value.slice(end)).normalize('NFC');
  if (passes(next, maxlength, lengthOf)) return null;
  return { value: next, caret: Math.min(before.length, next.length) };
}

/** Whether `value` is longer than `maxlength`, as `lengthOf` counts. */
export function passes(
  value: string,
  maxlength: number | undefined,
  lengthOf: (value: string) => number,
): boolean {
  return maxlength !== undefined && maxlength >= 0 && lengthOf(value) > maxlength;
}

/** A document number's length: its letters and digits, without the dots and dashes. */
export function significantLength(value: string): number {
  return value.replace(/[^\p{L}\p{N}]/gu, '').length;
}

/** Deletes the selection, or the character before the caret (a whole emoji, if it is one). */
export function deleteBackward(value: string, start: number, end: number): Edit {
  if (start !== end) return { value: value.slice(0, start) + value.slice(end), caret: start };
  if (start === 0) return { value, caret: 0 };
  const previous = value.charCodeAt(start - 1);
  const width = previous >= 0xdc00 && previous <= 0xdfff && start >= 2 ? 2 : 1;
  return { value: value.slice(0, start - width) + value.slice(start), caret: start - width };
}
