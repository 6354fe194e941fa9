import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { Branding, RequestType, Settings } from '../../src/contract/index.js';
import { checkRequestTypes } from './consistency.js';
import { CatalogContent } from './content.js';

/** The repository's `resources/` folder: the default cooperative's catalogue and branding. */
export const defaultResourcesDir = fileURLToPath(new URL('../../resources/', import.meta.url));
export const DEFAULT_COOPERATIVE = 'copelco';

/** `branding/<cooperative>.json`: branding with the logo as a file beside it, plus settings. */
export const CooperativeFile = z.object({
  branding: Branding.omit({ logoSvg: true }).extend({
    logoFile: z.string().regex(/^[a-z0-9][a-z0-9-]*\.svg$/),
  }),
  settings: Settings,
});

/** `catalog/request-types.json`: the request types, in the order the kiosk lists them. */
export const RequestTypesFile = z.array(RequestType).superRefine(checkRequestTypes);

export type CatalogSource = { resourcesDir?: string; cooperative?: string };

/**
 * Reads a cooperative's catalogue from its resource files, parsed with the contract's schemas.
 * A missing or broken file throws an error naming the file and what is wrong with it.
 */
export async function loadCatalogResources({
  resourcesDir = defaultResourcesDir,
  cooperative = DEFAULT_COOPERATIVE,
}: CatalogSource = {}): Promise<CatalogContent> {
  const brandingDir = path.join(resourcesDir, 'branding');
  const { branding, settings } = await readJson(
    path.join(brandingDir, `${cooperative}.json`),
    CooperativeFile,
  );
  const { logoFile, ...brand } = branding;
  const logoSvg = (await readFile(path.join(brandingDir, logoFile), 'utf8')).trim();
  const requestTypes = await readJson(
    path.join(resourcesDir, 'catalog', 'request-types.json'),
    RequestTypesFile,
  );
  return parseOrThrow(path.join(brandingDir, logoFile), CatalogContent, {
    branding: { ...brand, logoSvg },
    settings,
    requestTypes,
  });
}

async function readJson<T extends z.ZodType>(file: string, schema: T): Promise<z.output<T>> {
  const text = await readFile(file, 'utf8');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error(`Catalogue resource ${file} is not valid JSON`, { cause: error });
  }
  return parseOrThrow(file, schema, json);
}

function parseOrThrow<T extends z.ZodType>(file: string, schema: T, value: unknown): z.output<T> {
  const result = schema.safeParse(value);
  if (!result.success) {
    throw new Error(`Catalogue resource ${file} is invalid:\n${z.prettifyError(result.error)}`);
  }
  return result.data;
}
