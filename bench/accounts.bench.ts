import { argon2Hasher, currentParameters } from '../central/accounts/password-hashing.js';
import { ms, median, percentile, sample, type Figure } from './measure.js';

/** The cost of a password check at the parameters the central uses (what each sign-in pays). */
export async function accountsBench(): Promise<Figure[]> {
  const hasher = argon2Hasher();
  const stored = await hasher.hash('tortuga-de-rio');
  const hashes = await sample(() => hasher.hash('tortuga-de-rio'), 10);
  const verifies = await sample(() => hasher.verify(stored, 'tortuga-de-rio'), 10);
  const { memoryCost, timeCost, parallelism } = currentParameters;
  return [
    {
      name: 'argon2id hash (median / p90)',
      value: `${ms(median(hashes))} / ${ms(percentile(hashes, 90))}`,
      note: `m=${memoryCost} KiB, t=${timeCost}, p=${parallelism} (OWASP minimum or above)`,
    },
    {
      name: 'argon2id verify (median)',
      value: ms(median(verifies)),
      note: 'paid by every sign-in, and by every registration whether the email is new or not',
    },
  ];
}
