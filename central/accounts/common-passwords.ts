import { dictionary } from '@zxcvbn-ts/language-common';
import { dictionary as spanish } from '@zxcvbn-ts/language-es-es';

/**
 * How many of the most common passwords are refused. The list is zxcvbn's (package
 * `@zxcvbn-ts/language-common`, MIT), ranked by frequency in leaked password corpora, lower case.
 */
export const refusedCommonPasswords = 3_000;

/**
 * The leaked corpora are mostly English: "contraseña", "bienvenido" or "princesa" pass them.
 * Customers here speak Spanish, so a password that is one of the most frequent Spanish words
 * (zxcvbn's Spanish package `@zxcvbn-ts/language-es-es`, MIT: words ranked by frequency in
 * OpenSubtitles, ODC-BY), or a first name or surname of its lists, is refused too, with or
 * without accents and with or without digits and signs at its end ("Contraseña123!").
 */
export const refusedSpanishWords = 10_000;

/**
 * Spanish and Argentine passwords the word lists miss because they are phrases run together or
 * spellings without accents, as they appear in published leaked-password rankings.
 */
const spanishPhrases = [
  'tequiero',
  'teamo',
  'teamomucho',
  'bocajuniors',
  'riverplate',
  'holamundo',
  'contrasena',
  'micontrasena',
  'abc123456',
  'qwertyuiop',
  'asdfghjkl',
];

let refused: ReadonlySet<string> | undefined;
let refusedSpanish: ReadonlySet<string> | undefined;

/** Built on first use: the packages decompress ~50,000 entries each, only the top ones are kept. */
function commonPasswords(): ReadonlySet<string> {
  refused ??= new Set(dictionary['passwords-common'].slice(0, refusedCommonPasswords));
  return refused;
}

function spanishWords(): ReadonlySet<string> {
  refusedSpanish ??= new Set(
    [
      ...spanish['commonWords-es-es'].slice(0, refusedSpanishWords),
      ...spanish['firstnames-es-es'],
      ...spanish['lastnames-es-es'],
      ...spanishPhrases,
    ].map(plain),
  );
  return refusedSpanish;
}

/** Lower case, without accents: "Contraseña" and "contrasena" are one guess. */
function plain(word: string): string {
  return word.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** Case-insensitive: "Password" is as guessable as "password". */
export function isCommonPassword(password: string): boolean {
  const lower = password.normalize('NFC').toLowerCase();
  if (commonPasswords().has(lower)) return true;
  const word = plain(password).replace(/[\p{N}\p{P}\p{S}\s]+$/u, '');
  return word !== '' && spanishWords().has(word);
}
