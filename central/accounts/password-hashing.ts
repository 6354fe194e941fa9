import { hash, parseOptions, verify, type Algorithm, type Options } from '@node-rs/argon2';

/** The package's `Algorithm` is a const enum, which isolated modules cannot read: its value. */
const ARGON2ID = 2 as Algorithm.Argon2id;

export type Argon2Parameters = Required<Pick<Options, 'memoryCost' | 'timeCost' | 'parallelism'>>;

/** OWASP Password Storage Cheat Sheet, argon2id minimum: 19 MiB, 2 iterations, 1 lane. */
export const owaspMinimum: Argon2Parameters = { memoryCost: 19_456, timeCost: 2, parallelism: 1 };

/**
 * What new hashes are made with. Raise them here (never below `owaspMinimum`); stored hashes are
 * upgraded at the account's next successful sign-in.
 */
export const currentParameters: Argon2Parameters = owaspMinimum;

export type PasswordHasher = {
  hash(password: string): Promise<string>;
  /** False, never an exception, for a malformed stored hash. */
  verify(stored: string, password: string): Promise<boolean>;
  /** Whether a stored hash was made weaker than what new hashes get. */
  needsRehash(stored: string): boolean;
};

/**
 * Passwords are compared as the customer sees them: NFC, so "ñ" typed precomposed at the kiosk
 * and decomposed on a phone is the same password.
 */
function normalized(password: string): string {
  return password.normalize('NFC');
}

export function argon2Hasher(parameters: Argon2Parameters = currentParameters): PasswordHasher {
  const options: Options = { ...parameters, algorithm: ARGON2ID };
  return {
    hash: (password) => hash(normalized(password), options),
    async verify(stored, password) {
      try {
        return await verify(stored, normalized(password));
      } catch {
        return false;
      }
    },
    needsRehash(stored) {
      try {
        const used = parseOptions(stored);
        return (
          used.algorithm !== ARGON2ID ||
          used.memoryCost < parameters.memoryCost ||
          used.timeCost < parameters.timeCost ||
          used.parallelism < parameters.parallelism
        );
      } catch {
        return true;
      }
    },
  };
}
