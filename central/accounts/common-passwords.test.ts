import { dictionary } from '@zxcvbn-ts/language-common';
import { describe, expect, it } from 'vitest';
import { isCommonPassword, refusedCommonPasswords } from './common-passwords.js';

describe('common passwords', () => {
  const ranked = dictionary['passwords-common'];

  it('come from a frequency-ranked list long enough for the top 3,000', () => {
    expect(refusedCommonPasswords).toBe(3_000);
    expect(ranked.length).toBeGreaterThanOrEqual(3_000);
    expect(ranked.slice(0, 4)).toEqual(['123456', 'password', '12345678', 'qwerty']);
  });

  it('refuses every one of the top 3,000, whatever the case, and none after them', () => {
    expect(isCommonPassword('password')).toBe(true);
    expect(isCommonPassword('PassWord')).toBe(true);
    expect(isCommonPassword('12345678')).toBe(true);
    expect(ranked.slice(0, 3_000).every((password) => isCommonPassword(password))).toBe(true);
    const later = ranked.slice(3_000).find((p) => !ranked.slice(0, 3_000).includes(p))!;
    expect(isCommonPassword(later)).toBe(false);
    expect(isCommonPassword('mate amargo en la plaza')).toBe(false);
  });

  it('refuses the most frequent Spanish words, names and phrases people pick', () => {
    for (const password of ['Contraseña', 'contrasena', 'CONTRASEÑA1', 'princesa', 'Corazón!!']) {
      expect(isCommonPassword(password), password).toBe(true);
    }
    expect(isCommonPassword('tequiero123')).toBe(true);
    expect(isCommonPassword('Martínez2024')).toBe(true);
    // A phrase of common words is not a common word.
    expect(isCommonPassword('contraseña de la abuela')).toBe(false);
    expect(isCommonPassword('carpincho-feliz')).toBe(false);
  });
});
