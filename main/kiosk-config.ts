import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { updateChannels, type UpdateChannel } from './updates/channels.js';

/** Where IT installs each kiosk's configuration (`KIOSK_CONFIG` names another file). */
export const defaultConfigFile = '/etc/ventanilla/kiosco.json';

const httpUrl = (what: string) =>
  z
    .string({ error: `${what}: tiene que ser una dirección, entre comillas.` })
    .trim()
    .pipe(
      z.url({
        protocol: /^https?$/,
        error: `${what}: no es una dirección http:// o https:// válida.`,
      }),
    );

const channel = z.enum(updateChannels, {
  error: `updateChannel: tiene que ser ${updateChannels.map((name) => `"${name}"`).join(' o ')}.`,
});

/** `/etc/ventanilla/kiosco.json`: every key IT may write (README, "Install"). */
export const KioskConfigFile = z.strictObject(
  {
    /** Base URL of the cooperative's central API. Required. */
    centralUrl: httpUrl('centralUrl'),
    /** The receipt printer's CUPS queue (`lpstat -p`); without it documents stay as PDFs. */
    printer: z
      .string({ error: 'printer: tiene que ser el nombre de la cola de CUPS, entre comillas.' })
      .trim()
      .min(1, { error: 'printer: está vacío; sacalo si el kiosco no tiene impresora.' })
      .optional(),
    /** The update feed's base URL (default: the one written at packaging). */
    updateFeedUrl: httpUrl('updateFeedUrl').optional(),
    /** `stable` (default) or `beta`; the channel IT sets on the central wins. */
    updateChannel: channel.optional(),
  },
  { error: (issue) => (issue.code === 'unrecognized_keys' ? unknownKeys(issue.keys) : undefined) },
);
export type KioskConfigFile = z.infer<typeof KioskConfigFile>;

function unknownKeys(keys: readonly string[]): string {
  return `${keys.join(', ')}: ${keys.length === 1 ? 'no es una clave' : 'no son claves'} del archivo (mirá si está bien escrita).`;
}

/** The environment's overrides: the same keys, named as the systemd unit sets them. */
const envKeys = {
  centralUrl: 'CENTRAL_URL',
  printer: 'KIOSK_PRINTER',
  updateFeedUrl: 'KIOSK_UPDATE_URL',
  updateChannel: 'KIOSK_UPDATE_CHANNEL',
} as const satisfies Record<keyof KioskConfigFile, string>;

export type KioskSettings = {
  /** Unset only for the demo of `npm start`, which starts an embedded central. */
  centralUrl: string | undefined;
  printerName: string | undefined;
  updateFeedUrl: string | undefined;
  updateChannel: UpdateChannel | undefined;
};

export type KioskConfiguration =
  | { readonly state: 'configured'; readonly settings: KioskSettings & { centralUrl: string } }
  /** `npm start` without a central: the embedded demo central (never in a packaged kiosk). */
  | { readonly state: 'demo'; readonly settings: KioskSettings }
  /** What IT must fix; the kiosk serves no customer until then. */
  | { readonly state: 'unconfigured'; readonly file: string; readonly problems: string[] };

export type ReadConfigurationOptions = {
  env: NodeJS.ProcessEnv;
  /** Whether this build may start the embedded demo central (development only). */
  demoAllowed: boolean;
  readFile?: (file: string) => string;
};

/**
 * The kiosk's configuration: the file IT installs, each key overridable by its environment
 * variable (a blank variable overrides nothing). Without a central, only a development build
 * runs the demo; a packaged kiosk says what is missing instead.
 */
export function readKioskConfiguration(options: ReadConfigurationOptions): KioskConfiguration {
  const { env } = options;
  const file = env.KIOSK_CONFIG?.trim() || defaultConfigFile;
  const fromFile = readConfigFile(file, options.readFile ?? ((name) => readFileSync(name, 'utf8')));
  if ('problem' in fromFile) return { state: 'unconfigured', file, problems: [fromFile.problem] };

  const merged: Record<string, unknown> = { ...fromFile.values };
  for (const [key, variable] of Object.entries(envKeys)) {
    const value = env[variable]?.trim();
    if (value) merged[key] = value;
  }
  const schema = options.demoAllowed
    ? KioskConfigFile.partial({ centralUrl: true })
    : KioskConfigFile;
  const parsed = schema.safeParse(merged);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) =>
      describeIssue(issue, { fileFound: fromFile.found, file, env, given: merged }),
    );
    return { state: 'unconfigured', file, problems: [...new Set(problems)] };
  }
  const settings: KioskSettings = {
    centralUrl: parsed.data.centralUrl,
    printerName: parsed.data.printer,
    updateFeedUrl: parsed.data.updateFeedUrl,
    updateChannel: parsed.data.updateChannel,
  };
  return settings.centralUrl === undefined
    ? { state: 'demo', settings }
    : { state: 'configured', settings: { ...settings, centralUrl: settings.centralUrl } };
}

function readConfigFile(
  file: string,
  read: (file: string) => string,
): { values: Record<string, unknown>; found: boolean } | { problem: string } {
  let text: string;
  try {
    text = read(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { values: {}, found: false };
    return { problem: `No se puede leer ${file} (${code ?? 'error'}): revisá sus permisos.` };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { problem: `${file} no es JSON válido: ${(error as Error).message}.` };
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    return { problem: `${file} tiene que ser un objeto JSON, entre llaves { }.` };
  }
  return { values: json as Record<string, unknown>, found: true };
}

function describeIssue(
  issue: z.core.$ZodIssue,
  {
    fileFound,
    file,
    env,
    given,
  }: { fileFound: boolean; file: string; env: NodeJS.ProcessEnv; given: Record<string, unknown> },
): string {
  const key = issue.path[0];
  if (key === 'centralUrl' && given.centralUrl === undefined) {
    return fileFound
      ? `centralUrl: falta la dirección de la central en ${file}.`
      : `No está el archivo ${file}, que dice a qué central se conecta este kiosco.`;
  }
  const variable = typeof key === 'string' ? envKeys[key as keyof typeof envKeys] : undefined;
  const fromEnv = variable !== undefined && Boolean(env[variable]?.trim());
  return fromEnv ? `${issue.message} (de la variable ${variable})` : issue.message;
}
