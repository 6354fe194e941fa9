import { dictionary } from '@zxcvbn-ts/language-common';

/**
 * How many of the most common passwords are refused. The list is zxcvbn's (package
 * `@zxcvbn-ts/language-common`, MIT), ranked by frequency in leaked password corpora, lower case.
 */
export const refusedCommonPasswords = 3_000;

let refused: ReadonlySet<string> | undefined;

/** Built on first use: the package decompresses ~50,000 entries, only the top ones are kept. */
function commonPasswords(): ReadonlySet<string> {
  refused ??= new Set(dictionary['passwords-common'].slice(0, refusedCommonPasswords));
  return refused;
}

/** Case-insensitive: "Password" is as guessable as "password". */
export function isCommonPassword(password: string): boolean {
  return commonPasswords().has(password.normalize('NFC').toLowerCase());
}
