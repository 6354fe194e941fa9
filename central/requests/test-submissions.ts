import { internetRequestFields } from '../../src/testing/request-fixtures.js';
import { makePdf, sha256Hex, type RequestsApp } from './test-app.js';

type Headers = Record<string, string>;

/** Uploads one PDF per requirement (pages as given) and answers the attachments of a request. */
export async function uploadAttachments(
  h: RequestsApp,
  headers: Headers,
  pagesByRequirement: Record<string, number>,
): Promise<Record<string, string[]>> {
  const attachments: Record<string, string[]> = {};
  for (const [requirementId, pages] of Object.entries(pagesByRequirement)) {
    const file = await makePdf(pages);
    const done = await h.upload(headers, file);
    if (done.body.complete !== true) throw new Error(`upload: ${JSON.stringify(done.body)}`);
    attachments[requirementId] = [sha256Hex(file)];
  }
  return attachments;
}

/** A complete "Solicitud de Servicio Internet", its files uploaded. */
export async function internetRequest(h: RequestsApp, headers: Headers) {
  return {
    requestTypeId: 'servicio-internet',
    fields: internetRequestFields,
    attachments: await uploadAttachments(h, headers, { dni: 2, 'request-form': 1 }),
  };
}

/** A complete "Solicitud de Revisión de Pilar" for a supply, its files uploaded. */
export async function pilarRequest(h: RequestsApp, headers: Headers, supplyNumber?: string) {
  return {
    requestTypeId: 'revision-pilar',
    ...(supplyNumber && { supplyNumber }),
    fields: {
      contact: { contactName: 'Ana María Pérez', phone: '3447 421234', visitTime: 'manana' },
      reason: { reason: 'danio', details: 'Se cayó una rama sobre el pilar.' },
    },
    attachments: await uploadAttachments(h, headers, { 'pillar-photos': 2, 'request-form': 1 }),
  };
}
