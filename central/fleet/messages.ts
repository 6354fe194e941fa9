/** "1 minuto", "15 minutos": a wait as a person reads it. */
const minutes = (seconds: number) => {
  const count = Math.max(1, Math.ceil(seconds / 60));
  return count === 1 ? '1 minuto' : `${count} minutos`;
};

/** What the fleet and staff at a kiosk say to people, in Spanish of Argentina. */
export const fleetMessages = {
  notEnrolled:
    'Este kiosco no está dado de alta en la central. Pedile a Sistemas un código de alta.',
  credentialInvalid:
    'La central no reconoce la credencial de este kiosco. Pedile a Sistemas que lo dé de alta de nuevo.',
  credentialRequired:
    'Este kiosco está dado de alta en la central: sus pedidos tienen que llevar su credencial. Pedile a Sistemas que lo revise.',
  revoked:
    'Sistemas revocó la credencial de este kiosco. Pedile un código nuevo para darlo de alta otra vez.',
  codeInvalid:
    'El código de alta no es correcto. Revisalo: cada código vale una sola vez y por 24 horas; si ya se usó o venció, pedile otro a Sistemas.',
  alreadyEnrolled:
    'Ya hay un kiosco dado de alta con ese identificador. Si es este mismo, Sistemas tiene que revocarlo antes de darlo de alta de nuevo.',
  tooManyCodes: (seconds: number) =>
    `Hubo demasiados códigos equivocados. Esperá ${minutes(seconds)} y probá de nuevo.`,
  kioskNotFound: 'No hay un kiosco dado de alta con ese identificador.',
  staffPinInvalid: 'El correo, la credencial o el PIN no son correctos.',
  staffPinBlocked: (seconds: number) =>
    `Hubo demasiados intentos fallidos. Esperá ${minutes(seconds)} y probá de nuevo.`,
  kioskSessionOnly:
    'Esta sesión es solo para el panel del kiosco. Para la atención de trámites, iniciá sesión con tu contraseña.',
  kioskSessionElsewhere: 'Esa sesión de personal es de otro kiosco.',
  assistedNoAccount:
    'No hay una cuenta activa con ese documento. La persona puede registrarse en el kiosco o activar su cuenta con el correo que recibió.',
  staffNotFound: 'No hay nadie del personal con ese correo.',
  kioskSessionIdle: 'Tu sesión de personal terminó por inactividad. Ingresá de nuevo con tu PIN.',
  openApi: {
    kioskAuth: 'Credencial del kiosco dado de alta (la entrega la central al darlo de alta)',
    kioskStaffAuth:
      'Bearer <sesión de personal abierta con PIN en este kiosco>, junto con x-kiosk-credential',
  },
} as const;
