import { parseOptions } from '@node-rs/argon2';
import { describe, expect, it } from 'vitest';
import { argon2Hasher, currentParameters, owaspMinimum } from './password-hashing.js';

describe('password hashing', () => {
  it('uses argon2id at or above the OWASP minimum', async () => {
    expect(currentParameters.memoryCost).toBeGreaterThanOrEqual(19_456);
    expect(currentParameters.timeCost).toBeGreaterThanOrEqual(2);
    expect(currentParameters.parallelism).toBeGreaterThanOrEqual(1);
    expect(owaspMinimum).toEqual({ memoryCost: 19_456, timeCost: 2, parallelism: 1 });

    const stored = await argon2Hasher().hash('mate amargo en la plaza');
    expect(stored).toMatch(/^\$argon2id\$v=19\$m=\d+,t=\d+,p=\d+\$/);
    expect(parseOptions(stored)).toMatchObject(currentParameters);
  });

  it('verifies the same password typed composed or decomposed, and nothing else', async () => {
    const hasher = argon2Hasher();
    const stored = await hasher.hash('contraseña de Ñandú');
    expect(await hasher.verify(stored, 'contraseña de Ñandú'.normalize('NFD'))).toBe(true);
    expect(await hasher.verify(stored, 'contrasena de Nandu')).toBe(false);
    expect(await hasher.verify('no es un hash', 'contraseña de Ñandú')).toBe(false);
  });

  it('asks for a re-hash only of hashes weaker than the current parameters', async () => {
    const hasher = argon2Hasher();
    const weak = await argon2Hasher({ memoryCost: 8192, timeCost: 1, parallelism: 1 }).hash('x');
    expect(hasher.needsRehash(weak)).toBe(true);
    expect(hasher.needsRehash(await hasher.hash('x'))).toBe(false);
    const stronger = await argon2Hasher({ ...currentParameters, timeCost: 3 }).hash('x');
    expect(hasher.needsRehash(stronger)).toBe(false);
    expect(hasher.needsRehash('basura')).toBe(true);
  });
});
