import type { Catalog } from '../contract/index.js';

/** A small valid catalogue for unit tests of the kiosk's store and sync. */
export function catalogFixture(version = 'v1'): Catalog {
  return {
    version,
    branding: {
      cooperativeName: 'COPELCO',
      fullName: 'Cooperativa de Prueba',
      tagline: 'Hacé tus trámites acá',
      logoSvg: '<svg xmlns="http://www.w3.org/2000/svg"></svg>',
      primaryColor: '#0b4f9c',
      accentColor: '#f2b705',
    },
    settings: {
      activationMailSubject: 'COPELCO - Activación de Cuenta',
      recoveryMailSubject: 'COPELCO - Recuperación de Contraseña',
      paymentsUrl: 'https://pagos.example.com/',
      paymentsInsideKiosk: false,
      inactivitySeconds: 90,
      warningSeconds: 30,
      supportPhone: '0800 000 0000',
    },
    requestTypes: [
      {
        id: 'alta-energia',
        title: 'Solicitud Alta Energía',
        summary: 'Pedí una conexión nueva de energía.',
        needsActiveEnergySupply: false,
        requirements: [
          {
            id: 'dni',
            kind: 'dni-photo',
            title: 'DNI',
            description: 'Foto del frente y del dorso.',
            minPages: 2,
            maxPages: 2,
          },
        ],
        steps: [{ id: 'review', kind: 'review', title: 'Revisá y enviá', instructions: 'Revisá.' }],
      },
    ],
  };
}
