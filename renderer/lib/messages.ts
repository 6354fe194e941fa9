import esAR from '../messages/es-AR.json';

export type MessageKey = keyof typeof esAR;

/** Every text a customer reads comes from the message file; `{name}` placeholders are filled in. */
export function t(key: MessageKey, params: Record<string, string | number> = {}): string {
  return esAR[key].replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

const timeFormat = new Intl.DateTimeFormat('es-AR', {
  day: 'numeric',
  month: 'long',
  hour: '2-digit',
  minute: '2-digit',
});

export function formatDateTime(iso: string): string {
  return timeFormat.format(new Date(iso));
}
