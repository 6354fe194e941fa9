import type { CustomerSession } from '../session/customer-session.js';
import type { CentralClient } from '../sync/central-client.js';
import { centralCall } from './central-errors.js';
import type { KioskHandlers } from './dispatch.js';

type AccountMethods =
  | 'account:register'
  | 'account:activate'
  | 'account:resendActivation'
  | 'session:signIn'
  | 'session:current'
  | 'session:signOut'
  | 'password:requestReset'
  | 'password:reset';

/** The kiosk API methods of accounts: each one call to the central, the session kept here. */
export function accountHandlers(deps: {
  client: CentralClient;
  session: CustomerSession;
}): Pick<KioskHandlers, AccountMethods> {
  const { client, session } = deps;
  return {
    'account:register': (body) => centralCall(() => client.call('register', { body })),
    'account:activate': (body) => centralCall(() => client.call('activate', { body })),
    'account:resendActivation': (body) =>
      centralCall(() => client.call('resendActivation', { body })),
    'session:signIn': async (body) => {
      // A new sign-in at a kiosk is a new customer: whoever was here is signed out first.
      await session.end();
      const granted = await centralCall(() => client.call('signIn', { body }));
      return session.start(granted);
    },
    'session:current': () => {
      const view = session.current();
      return Promise.resolve(view && { ...view, idleSeconds: session.idleSeconds() });
    },
    'session:signOut': async () => {
      await session.end();
      return { ended: true as const };
    },
    'password:requestReset': (body) =>
      centralCall(() => client.call('requestPasswordReset', { body })),
    'password:reset': (body) => centralCall(() => client.call('resetPassword', { body })),
  };
}
