import { createHash } from 'node:crypto';
import { Catalog } from '../../src/contract/index.js';
import type { z } from 'zod';

/** The catalogue without its version: what the version is computed from. */
export const CatalogContent = Catalog.omit({ version: true });
export type CatalogContent = z.infer<typeof CatalogContent>;

/**
 * The catalogue's version: a short SHA-256 of its canonical JSON (object keys sorted, array order
 * kept), so the same content gives the same version on every central and every engine.
 */
export function catalogVersion(content: CatalogContent): string {
  return createHash('sha256').update(canonicalJson(content)).digest('hex').slice(0, 20);
}

export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) =>
    item !== null && typeof item === 'object' && !Array.isArray(item)
      ? Object.fromEntries(Object.entries(item).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : item,
  );
}
