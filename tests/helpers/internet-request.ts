import type { Envelope, RequestDraft } from '../../src/contract/index.js';
import { pagePhoto, signatureBase64, valueOf } from './requests-stack.js';

type Call = (method: string, input?: unknown) => Promise<Envelope<unknown>>;
type PageAdded = { page: { quality: { ok: boolean } } };

const photos = new Map<number, string>();
/** Encoding a photo takes a while: each seed's is made once per process. */
const photo = (seed: number) => {
  const cached = photos.get(seed) ?? pagePhoto(seed);
  photos.set(seed, cached);
  return cached;
};

/** The first plan the catalogue offers for "Solicitud de Servicio Internet". */
export async function internetPlan(call: Call): Promise<string> {
  const { catalog } = valueOf<{
    catalog: {
      requestTypes: {
        id: string;
        steps: { id: string; fields?: { options?: { value: string }[] }[] }[];
      }[];
    };
  }>(await call('catalog:get'));
  const internet = catalog.requestTypes.find((type) => type.id === 'servicio-internet');
  const plan = internet?.steps.find((step) => step.id === 'plan')?.fields?.[0]?.options?.[0];
  if (!plan) throw new Error('The catalogue has no internet plan');
  return plan.value;
}

/**
 * Fills "Solicitud de Servicio Internet" through the kiosk API as a customer does: address, plan,
 * both sides of the DNI photographed, the form signed on the screen. Answers the draft as it
 * started, each page's verdict and the draft ready to send.
 */
export async function fillInternetRequest(
  call: Call,
  {
    plan,
    street = 'San Martín',
    seeds = [1, 2],
  }: { plan: string; street?: string; seeds?: number[] },
) {
  const started = valueOf<RequestDraft>(
    await call('request:start', { requestTypeId: 'servicio-internet' }),
  );
  valueOf(
    await call('request:saveStep', {
      stepId: 'service-address',
      values: { street, streetNumber: '1234', locality: 'Colón', contactPhone: '03447 15-123456' },
    }),
  );
  valueOf(await call('request:saveStep', { stepId: 'plan', values: { plan } }));
  const pages: PageAdded[] = [];
  for (const seed of seeds) {
    pages.push(
      valueOf<PageAdded>(
        await call('request:addPage', { requirementId: 'dni', imageBase64: photo(seed) }),
      ),
    );
  }
  const draft = valueOf<RequestDraft>(
    await call('request:signForm', {
      requirementId: 'request-form',
      signaturePngBase64: signatureBase64(),
    }),
  );
  return { started, pages, draft };
}
