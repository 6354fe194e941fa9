import { describe, expect, it } from 'vitest';
import { Registration } from './accounts.js';

const valid = {
  email: ' Ana@Example.com ',
  password: 'tortuga-de-rio',
  firstName: ' Ana ',
  lastName: 'Pérez',
  documentType: 'CUIT',
  documentNumber: '20-12345678-6',
  birthDate: '1980-05-25',
  phone: '(0343) 456-7890',
};

describe('Registration', () => {
  it('normalizes what people type', () => {
    expect(Registration.parse(valid)).toMatchObject({
      email: 'ana@example.com',
      firstName: 'Ana',
      documentNumber: '20123456786',
      phone: '03434567890',
    });
  });

  it('refuses with the Spanish message and the field it belongs to', () => {
    const result = Registration.safeParse({ ...valid, documentNumber: '20-12345678-5' });
    expect(result.success).toBe(false);
    const issue = result.error?.issues[0];
    expect(issue?.path).toEqual(['documentNumber']);
    expect(issue?.message).toMatch(/CUIT/);

    const short = Registration.safeParse({ ...valid, password: 'corta' });
    expect(short.error?.issues[0]?.path).toEqual(['password']);
    expect(short.error?.issues[0]?.message).toContain('al menos 8');
  });
});
