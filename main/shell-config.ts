import { z } from 'zod';
import { updateChannels } from './updates/channels.js';

const optionalText = z
  .string()
  .trim()
  .transform((value) => value || undefined)
  .optional();

/** The kiosk's own settings, from its environment (the systemd unit or the launcher). */
const ShellEnv = z.object({
  /** The receipt printer's system name (`lpstat -p`); unset keeps every document as a PDF. */
  KIOSK_PRINTER: optionalText,
  /** The update feed's base URL; overrides the one written at packaging. */
  KIOSK_UPDATE_URL: optionalText.pipe(z.url({ protocol: /^https?$/ }).optional()),
  /** `stable` (default) or `beta`. */
  KIOSK_UPDATE_CHANNEL: optionalText.pipe(z.enum(updateChannels).optional()),
});

export type ShellConfig = {
  printerName: string | undefined;
  updateFeedUrl: string | undefined;
  updateChannel: (typeof updateChannels)[number] | undefined;
};

/** Parses the kiosk's environment; a wrong value stops the start with a message that names it. */
export function readShellConfig(env: NodeJS.ProcessEnv): ShellConfig {
  const parsed = ShellEnv.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(
      `Configuración inválida en ${issue?.path.join('.') ?? 'el entorno'}: ${issue?.message ?? ''}`,
    );
  }
  return {
    printerName: parsed.data.KIOSK_PRINTER,
    updateFeedUrl: parsed.data.KIOSK_UPDATE_URL,
    updateChannel: parsed.data.KIOSK_UPDATE_CHANNEL,
  };
}
