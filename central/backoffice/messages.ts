/** What the back office's part of the central says to people, in Spanish of Argentina. */
export const backofficeMessages = {
  foreignOrigin: 'Esa acción solo se puede hacer desde las pantallas de la oficina.',
  signInAgain: 'Iniciá sesión en la oficina con tu correo y contraseña.',
  noSuchCall: 'La oficina no conoce esa consulta.',
  notBuilt:
    'La oficina todavía no está construida en esta central: ejecutá <code>npm run build</code> y volvé a cargar.',
};
