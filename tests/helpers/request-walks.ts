import type { Envelope, RequestDraft } from '../../src/contract/index.js';
import { demoHolder } from './customer.js';
import { pagePhoto, signatureBase64, valueOf } from './requests-stack.js';

type Call = (method: string, input?: unknown) => Promise<Envelope<unknown>>;

const photos = new Map<number, string>();
/** Encoding a photo takes a while: each seed's is made once per process. */
export const photoOf = (seed: number): string => {
  const cached = photos.get(seed) ?? pagePhoto(seed);
  photos.set(seed, cached);
  return cached;
};

/** A family member as the "Grupo familiar" step keeps one. */
export const familyMember = {
  name: 'Sofía Gómez',
  documentType: 'DNI',
  documentNumber: '45.123.456',
  birthDate: '2012-04-03',
  relationship: 'Hija',
};

/**
 * "Solicitud de Servicio Social" through the kiosk API as the demo holder fills it: the holder,
 * the family group, both sides of their own DNI and the signed form; the members' DNI photos
 * (`membersDniSeeds`, none by default) are the step under test.
 */
export async function fillSocialRequest(
  call: Call,
  members: (typeof familyMember)[],
  membersDniSeeds: number[] = [],
): Promise<RequestDraft> {
  valueOf(await call('request:start', { requestTypeId: 'servicio-social' }));
  valueOf(
    await call('request:saveStep', {
      stepId: 'holder',
      values: {
        firstName: demoHolder.firstName,
        lastName: demoHolder.lastName,
        documentNumber: demoHolder.documentNumber,
        birthDate: demoHolder.birthDate,
        phone: '03447 15-123456',
        email: demoHolder.email,
      },
    }),
  );
  valueOf(await call('request:saveStep', { stepId: 'family-group', values: { members } }));
  const pages = [
    ...[1, 2].map((seed) => ({ requirementId: 'dni', seed })),
    ...membersDniSeeds.map((seed) => ({ requirementId: 'members-dni', seed })),
  ];
  for (const { requirementId, seed } of pages) {
    valueOf(await call('request:addPage', { requirementId, imageBase64: photoOf(seed) }));
  }
  return valueOf<RequestDraft>(
    await call('request:signForm', {
      requirementId: 'membership-form',
      signaturePngBase64: signatureBase64(),
    }),
  );
}

/** The steps of a started "Revisión de Pilar" after its supply: contact, reason, photos, form. */
export async function fillPilarSteps(call: Call): Promise<RequestDraft> {
  valueOf(
    await call('request:saveStep', {
      stepId: 'contact',
      values: { contactName: 'Juan Gómez', phone: '3447 421234', visitTime: 'manana' },
    }),
  );
  valueOf(await call('request:saveStep', { stepId: 'reason', values: { reason: 'danio' } }));
  for (const seed of [7, 8]) {
    valueOf(
      await call('request:addPage', { requirementId: 'pillar-photos', imageBase64: photoOf(seed) }),
    );
  }
  return valueOf<RequestDraft>(
    await call('request:signForm', {
      requirementId: 'request-form',
      signaturePngBase64: signatureBase64(),
    }),
  );
}
