import { z } from 'zod';
import { Branding, Catalog } from './catalog.js';
import type { kioskMethods } from './kiosk-methods.js';

export { kioskMethods } from './kiosk-methods.js';

/**
 * The kiosk API between the renderer and the kiosk core: one entry per method, named
 * `area:verb`. main/ registers every entry on ipcMain, the preload exposes the same keys as
 * window.kiosk, and the web host serves the same table over loopback HTTP.
 */
export const SyncStatus = z.object({
  online: z.boolean(),
  lastSyncAt: z.iso.datetime().nullable(),
  lastAttemptAt: z.iso.datetime().nullable(),
  /** Spanish, for staff; never shown to customers as a code. */
  lastError: z.string().nullable(),
});
export type SyncStatus = z.infer<typeof SyncStatus>;

export const CatalogView = z.object({
  catalog: Catalog.nullable(),
  syncedAt: z.iso.datetime().nullable(),
});
export type CatalogView = z.infer<typeof CatalogView>;

export const AppInfo = z.object({
  version: z.string(),
  host: z.enum(['electron', 'web']),
  branding: Branding.nullable(),
});
export type AppInfo = z.infer<typeof AppInfo>;

const noInput = z.undefined();

export const kioskApi = {
  'app:info': { input: noInput, output: AppInfo },
  'catalog:get': { input: noInput, output: CatalogView },
  'sync:status': { input: noInput, output: SyncStatus },
  'sync:now': { input: noInput, output: SyncStatus },
} as const satisfies Record<(typeof kioskMethods)[number], { input: z.ZodType; output: z.ZodType }>;

export type KioskApiMap = typeof kioskApi;
export type KioskMethod = keyof KioskApiMap;
export type KioskInput<M extends KioskMethod> = z.input<KioskApiMap[M]['input']>;
export type KioskOutput<M extends KioskMethod> = z.output<KioskApiMap[M]['output']>;

export function isKioskMethod(name: unknown): name is KioskMethod {
  return typeof name === 'string' && Object.hasOwn(kioskApi, name);
}
