/**
 * The kiosk API's method names without the schemas, so the sandboxed preload and the renderer can
 * list them without carrying zod. kiosk-api.ts checks its map against this list.
 */
export const kioskMethods = [
  'app:info',
  'catalog:get',
  'sync:status',
  'sync:now',
  'account:register',
  'account:activate',
  'account:resendActivation',
  'session:signIn',
  'session:current',
  'session:signOut',
  'password:requestReset',
  'password:reset',
  'supplies:link',
  'supplies:list',
  'invoice:latest',
  'invoice:lookup',
  'payments:handoff',
  'coupon:print',
] as const;
