/**
 * The kiosk API's method names without the schemas, so the sandboxed preload and the renderer can
 * list them without carrying zod. kiosk-api.ts checks its map against this list.
 */
export const kioskMethods = ['app:info', 'catalog:get', 'sync:status', 'sync:now'] as const;
