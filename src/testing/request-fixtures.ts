/** The fields of a valid "Solicitud de Servicio Internet" (the demo catalogue's), for any test. */
export const internetRequestFields = {
  'service-address': {
    street: 'San Martín',
    streetNumber: '120',
    locality: 'Colón',
    contactPhone: '(3447) 42-1234',
  },
  plan: { plan: 'hogar-100' },
};

/** A central's answer to a filed request, as a fake central gives it: just filed, "enviado". */
export function filedRequestDetail(filed: {
  id: string;
  number: string;
  requestTypeId: string;
  title: string;
  at: Date;
}) {
  return {
    id: filed.id,
    number: filed.number,
    requestTypeId: filed.requestTypeId,
    title: filed.title,
    state: 'enviado',
    supplyNumber: null,
    kioskId: null,
    createdAt: filed.at.toISOString(),
    updatedAt: filed.at.toISOString(),
    pendingStepId: null,
    unreadNotifications: 0,
    fields: {},
    attachments: [],
    history: [],
    notifications: [],
  };
}
