import { t } from '../../lib/messages.js';

/** Which keyboard a field opens: names and addresses, e-mail addresses, or numbers only. */
export type KeyboardLayoutName = 'text' | 'email' | 'numeric';

export const keys = {
  shift: '{shift}',
  backspace: '{bksp}',
  space: '{space}',
  done: '{done}',
} as const;

/** Rows of keys separated by spaces, in simple-keyboard's notation: `default`, maybe `shift`. */
export interface KeyboardLayout {
  default: string[];
  [layoutName: string]: string[];
}

const { shift, backspace, space, done } = keys;

/**
 * Argentine Spanish: ñ and the accented vowels are keys of their own, each one precomposed
 * (never a dead accent plus a vowel, as in simple-keyboard's layout for Spain).
 */
const textRows = [
  `1 2 3 4 5 6 7 8 9 0 ${backspace}`,
  'q w e r t y u i o p',
  'a s d f g h j k l ñ',
  `${shift} z x c v b n m ' , . -`,
  `á é í ó ú ü ${space} ${done}`,
];

/** The domains most customers use, typed with one tap. */
export const emailDomains = ['@gmail.com', '@hotmail.com', '@yahoo.com.ar', '@outlook.com'];

const emailRows = [
  `1 2 3 4 5 6 7 8 9 0 ${backspace}`,
  'q w e r t y u i o p',
  'a s d f g h j k l _',
  'z x c v b n m @ . - .com .ar',
  `${emailDomains.join(' ')} ${done}`,
];

const numericRows = ['1 2 3', '4 5 6', '7 8 9', `${backspace} 0 ${done}`];

function isFunctionKey(key: string): boolean {
  return key.startsWith('{') && key.endsWith('}');
}

function shifted(rows: string[]): string[] {
  return rows.map((row) =>
    row
      .split(' ')
      .map((key) => (isFunctionKey(key) ? key : key.toLocaleUpperCase('es-AR')))
      .join(' '),
  );
}

function nfc(rows: string[]): string[] {
  return rows.map((row) => row.normalize('NFC'));
}

export const keyboardLayouts: Record<KeyboardLayoutName, KeyboardLayout> = {
  text: { default: nfc(textRows), shift: nfc(shifted(textRows)) },
  email: { default: nfc(emailRows) },
  numeric: { default: numericRows },
};

/** What each function key shows (simple-keyboard writes it as HTML: text from our own file). */
export function keyLabels(): Record<string, string> {
  return {
    [shift]: `⇧ ${t('keyboard.shiftShort')}`,
    [backspace]: `⌫ ${t('keyboard.backspace')}`,
    [space]: t('keyboard.space'),
    [done]: t('keyboard.done'),
  };
}

/** The name a screen reader says for each function key. */
export function keyNames(): Record<string, string> {
  return {
    [shift]: t('keyboard.shift'),
    [backspace]: t('keyboard.backspace'),
    [space]: t('keyboard.space'),
    [done]: t('keyboard.done'),
  };
}

export function allKeys(layout: KeyboardLayout): string[] {
  const rows = Object.values(layout).flat();
  return [...new Set(rows.flatMap((row) => row.split(' ')))];
}
