import type { DeviceState, FleetKiosk, FleetList } from '../../src/contract/index.js';
import { escapeHtml as e } from '../accounts/mails.js';
import type { Letterhead } from '../accounts/mails.js';
import type { MailOutboxStatus } from '../mail/outbox.js';

/**
 * The fleet page's HTML: plain, server-rendered, no script. Every state is said in words and a
 * sign (⚠ ✖ ✔), never by colour alone, and the silent kiosks are also listed on top.
 */

const timeZone = 'America/Argentina/Buenos_Aires';
const dateTime = new Intl.DateTimeFormat('es-AR', {
  dateStyle: 'short',
  timeStyle: 'short',
  timeZone,
  hourCycle: 'h23',
});
const clock = new Intl.DateTimeFormat('es-AR', { timeStyle: 'short', timeZone, hourCycle: 'h23' });

const stateLabels: Record<FleetKiosk['state'], string> = {
  online: '✔ En línea',
  silent: '⚠ Silencioso',
  revoked: '✖ Revocado',
};
const deviceSigns: Record<DeviceState['state'], string> = {
  ok: '✔',
  warning: '⚠',
  error: '✖',
  unknown: '?',
};

/** "hace 5 min", "hace 2 h", "hace 3 días": how long ago, as IT reads it at a glance. */
export function ago(from: string, now: Date): string {
  const minutes = Math.floor((now.getTime() - Date.parse(from)) / 60_000);
  if (minutes < 1) return 'hace menos de 1 min';
  if (minutes < 60) return `hace ${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `hace ${hours} h`;
  return `hace ${Math.floor(hours / 24)} días`;
}

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

function lastSignal(kiosk: FleetKiosk, now: Date): string {
  if (!kiosk.lastSeenAt) return 'Nunca informó';
  return `${e(dateTime.format(new Date(kiosk.lastSeenAt)))}<br><small>${ago(kiosk.lastSeenAt, now)}</small>`;
}

function stateCell(kiosk: FleetKiosk, now: Date): string {
  const label = `<strong>${stateLabels[kiosk.state]}</strong>`;
  if (kiosk.state === 'silent') {
    const since = kiosk.lastSeenAt ? `sin señal ${ago(kiosk.lastSeenAt, now)}` : 'nunca informó';
    return `${label}<br><small>${since}</small>`;
  }
  if (kiosk.state === 'revoked' && kiosk.revokedAt) {
    const reason = kiosk.revokeReason ? `<br><small>${e(kiosk.revokeReason)}</small>` : '';
    return `${label}<br><small>${e(dateTime.format(new Date(kiosk.revokedAt)))}</small>${reason}`;
  }
  return label;
}

function outboxCell(kiosk: FleetKiosk): string {
  const outbox = kiosk.heartbeat?.outbox;
  if (!outbox) return '—';
  const parts = [];
  if (outbox.waiting > 0) {
    const since = outbox.oldestWaitingAt
      ? ` (desde ${e(clock.format(new Date(outbox.oldestWaitingAt)))})`
      : '';
    parts.push(`${plural(outbox.waiting, 'esperando', 'esperando')}${since}`);
  }
  if (outbox.needsAuth > 0)
    parts.push(plural(outbox.needsAuth, 'sin credencial', 'sin credencial'));
  if (outbox.rejected > 0) parts.push(`⚠ ${plural(outbox.rejected, 'rechazado', 'rechazados')}`);
  return parts.length > 0 ? parts.join('<br>') : 'Vacía';
}

function deviceCell(device: DeviceState | undefined): string {
  if (!device) return '—';
  return `${deviceSigns[device.state]} ${e(device.message)}`;
}

/** The channel IT set; and the one the kiosk says it uses, until it has followed the change. */
function channelNote(kiosk: FleetKiosk): string {
  const used = kiosk.heartbeat?.updateChannel;
  const set = `canal ${e(kiosk.updateChannel)}`;
  return used && used !== kiosk.updateChannel ? `${set} (todavía usa ${e(used)})` : set;
}

function kioskRow(kiosk: FleetKiosk, now: Date): string {
  const beat = kiosk.heartbeat;
  return `<tr class="${kiosk.state}" data-kiosk-id="${e(kiosk.kioskId)}">
<th scope="row">Kiosco ${e(kiosk.shortName)}<br><small>${e(kiosk.kioskId)}</small></th>
<td>${stateCell(kiosk, now)}</td>
<td>${beat ? e(beat.version) : '—'}<br><small>${channelNote(kiosk)}</small></td>
<td>${outboxCell(kiosk)}</td>
<td>${deviceCell(beat?.printer)}</td>
<td>${deviceCell(beat?.camera)}</td>
<td>${lastSignal(kiosk, now)}</td>
</tr>`;
}

function branchTable(branch: string, index: number, kiosks: FleetKiosk[], now: Date): string {
  // By position: a branch's name has spaces, which aria-labelledby would read as several ids.
  return `<section aria-labelledby="sucursal-${index}">
<h2 id="sucursal-${index}">${e(branch)}</h2>
<table>
<thead><tr><th scope="col">Kiosco</th><th scope="col">Estado</th><th scope="col">Versión</th><th scope="col">Cola de envíos</th><th scope="col">Impresora</th><th scope="col">Cámara</th><th scope="col">Última señal</th></tr></thead>
<tbody>
${kiosks.map((kiosk) => kioskRow(kiosk, now)).join('\n')}
</tbody>
</table>
</section>`;
}

function silentAlert(silent: FleetKiosk[], now: Date): string {
  if (silent.length === 0) return '';
  const items = silent
    .map((kiosk) => {
      const since = kiosk.lastSeenAt ? `sin señal ${ago(kiosk.lastSeenAt, now)}` : 'nunca informó';
      return `<li>${e(kiosk.branch)} · Kiosco ${e(kiosk.shortName)}: ${since}</li>`;
    })
    .join('');
  return `<section class="alert" role="alert" aria-labelledby="silenciosos">
<h2 id="silenciosos">⚠ ${plural(silent.length, 'kiosco silencioso', 'kioscos silenciosos')}</h2>
<ul>${items}</ul>
</section>`;
}

/** The central's own outbox of mails: codes and notices wait here while the mail server fails. */
function mailSection(mail: MailOutboxStatus, now: Date): string {
  const lines: string[] = [];
  if (mail.waiting === 0) lines.push('✔ No hay correos esperando envío.');
  else {
    const since = mail.oldestWaitingAt
      ? ` El más antiguo espera desde las ${e(clock.format(new Date(mail.oldestWaitingAt)))} (${ago(mail.oldestWaitingAt, now)}).`
      : '';
    lines.push(
      `⚠ ${plural(mail.waiting, 'correo esperando envío', 'correos esperando envío')}; se reintenta solo.${since}`,
    );
    if (mail.lastError) lines.push(`Último error del servidor de correo: ${e(mail.lastError)}`);
  }
  if (mail.failed > 0) {
    lines.push(
      `✖ ${plural(mail.failed, 'correo rechazado', 'correos rechazados')} por el servidor de correo después de varios intentos: no se reintentan.`,
    );
  }
  const alert = mail.waiting > 0 || mail.failed > 0;
  return `<section${alert ? ' class="alert"' : ''} aria-labelledby="correos">
<h2 id="correos">Correos de la central</h2>
${lines.map((line) => `<p>${line}</p>`).join('\n')}
</section>`;
}

export function fleetBody(list: FleetList, staffName: string, mail: MailOutboxStatus): string {
  const now = new Date(list.generatedAt);
  const count = (state: FleetKiosk['state']) =>
    list.kiosks.filter((kiosk) => kiosk.state === state).length;
  const branches = new Map<string, FleetKiosk[]>();
  for (const kiosk of list.kiosks) {
    branches.set(kiosk.branch, [...(branches.get(kiosk.branch) ?? []), kiosk]);
  }
  const summary =
    list.kiosks.length === 0
      ? 'Todavía no hay kioscos dados de alta. Generá un código con «npm run central -- kiosk enrol-code --branch "Sucursal"».'
      : `${plural(list.kiosks.length, 'kiosco', 'kioscos')}: ${count('online')} en línea, ` +
        `${plural(count('silent'), 'silencioso', 'silenciosos')}, ${plural(count('revoked'), 'revocado', 'revocados')}.`;
  return `<div class="who">Sesión de ${e(staffName)}
<form method="post" action="/flota/salir"><button type="submit">Salir</button></form></div>
<h1>Flota de kioscos</h1>
<p role="status">${summary} Actualizado a las ${e(clock.format(now))}; un kiosco sin señal por más de ${Math.round(list.silentAfterSeconds / 60)} minutos figura como silencioso. La página se actualiza sola cada minuto.</p>
${silentAlert(
  list.kiosks.filter((kiosk) => kiosk.state === 'silent'),
  now,
)}
${mailSection(mail, now)}
${[...branches].map(([branch, kiosks], index) => branchTable(branch, index, kiosks, now)).join('\n')}`;
}

/** A signed-in member whose roles do not open the fleet: why, and the way out. */
export function forbiddenBody(problem: string, staffName: string): string {
  return `<div class="who">Sesión de ${e(staffName)}
<form method="post" action="/flota/salir"><button type="submit">Salir</button></form></div>
<h1>Flota de kioscos</h1>
<p class="problem" role="alert">⚠ ${e(problem)}</p>`;
}

export function loginBody(problem: string | null, email: string): string {
  return `<h1>Flota de kioscos</h1>
<p>Ingresá con tu correo y tu contraseña del personal de la cooperativa.</p>
${problem ? `<p class="problem" role="alert">⚠ ${e(problem)}</p>` : ''}
<form method="post" action="/flota/ingresar">
<label for="email">Correo electrónico</label>
<input id="email" name="email" type="email" required autocomplete="username" value="${e(email)}">
<label for="password">Contraseña</label>
<input id="password" name="password" type="password" required autocomplete="current-password">
<button type="submit">Ingresar</button>
</form>`;
}

const style = `body{font-family:system-ui,sans-serif;margin:0;background:#f4f6f9;color:#1b1f24}
header{color:#fff;padding:16px 24px;font-size:20px;font-weight:bold}
main{max-width:72rem;margin:24px auto;padding:0 24px;line-height:1.45}
table{border-collapse:collapse;width:100%;background:#fff;margin-bottom:24px}
th,td{border:1px solid #c9ced6;padding:8px;text-align:left;vertical-align:top}
tr.silent{background:#fff4d6;outline:3px solid #8a5a00}tr.revoked{color:#555;background:#eee}
.alert{border:3px solid #8a5a00;background:#fff4d6;padding:8px 16px;margin:16px 0}
.problem{border:2px solid #a00;padding:8px;background:#fde8e8}
.who{display:flex;gap:12px;align-items:center;justify-content:flex-end}
form label{display:block;margin-top:12px}input{font-size:18px;padding:6px;width:20rem;max-width:100%}
button{font-size:16px;padding:6px 14px;margin-top:12px}small{color:#444}th small{font-weight:normal}`;

export function fleetHtml(head: Letterhead, title: string, body: string, refresh: boolean): string {
  return `<!doctype html>
<html lang="es-AR">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
${refresh ? '<meta http-equiv="refresh" content="60">\n' : ''}<title>${e(title)} · ${e(head.cooperativeName)}</title>
<style>${style}
header{background:${e(head.primaryColor)}}</style>
</head>
<body>
<header>${e(head.fullName)}</header>
<main>
${body}
</main>
</body>
</html>
`;
}
