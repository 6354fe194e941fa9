import { Branch, KioskId, kioskShortName } from '../../src/contract/index.js';
import { CentralHttpError } from '../http-errors.js';
import type { FleetContext } from './config.js';
import { issueEnrolmentCode, revokeKiosk } from './enrolment.js';
import { fleetList } from './heartbeats.js';
import { ago } from './page-html.js';

type Console = { log: (line: string) => void; error: (line: string) => void };

const dateTime = new Intl.DateTimeFormat('es-AR', {
  dateStyle: 'short',
  timeStyle: 'short',
  timeZone: 'America/Argentina/Buenos_Aires',
  // Staff and IT read 24-hour clocks, as the kiosk shows them.
  hourCycle: 'h23',
});

export const kioskCommandMessages = {
  usage: [
    'Uso: npm run central -- kiosk enrol-code --branch "SUCURSAL"',
    '     npm run central -- kiosk revoke ID_O_NOMBRE_CORTO [--reason "MOTIVO"]',
    '     npm run central -- kiosk list',
  ].join('\n'),
  badBranch: 'Indicá la sucursal con --branch "Sucursal Centro" (hasta 80 caracteres).',
  badId: (id: string) => `«${id}» no es el identificador de un kiosco.`,
  ambiguous: (name: string, ids: string[]) =>
    `Hay ${ids.length} kioscos con el nombre corto ${name}: indicá el identificador completo (${ids.join(', ')}).`,
  header: [
    'Sucursal',
    'Nombre',
    'Estado',
    'Versión',
    'Último aviso',
    'Identificador',
    'Motivo de la baja',
  ].join('\t'),
  code: (code: string, branch: string) => `Código de alta para «${branch}»: ${code}`,
  codeValid: (until: string) =>
    `Vale hasta el ${until} y sirve para un solo kiosco. Ingresalo en la pantalla «Alta del kiosco» del kiosco nuevo.`,
  revoked: (id: string) =>
    `Listo: se revocó la credencial del kiosco ${id}. Sus pedidos se rechazan desde ahora.`,
  defaultReason: 'Revocado desde la línea de comandos',
  empty: 'No hay kioscos dados de alta.',
  states: { online: 'en línea', silent: 'SILENCIOSO', revoked: 'revocado' },
  neverSeen: 'nunca informó',
} as const;

/** Reads `--name value` out of the arguments; undefined when absent. */
function option(args: readonly string[], name: string): string | undefined {
  const at = args.indexOf(name);
  return at === -1 ? undefined : args[at + 1];
}

/**
 * `npm run central -- kiosk ...`: IT's commands for the fleet, on the central's database. Exit
 * code 0 when done, 1 when refused (no such kiosk), 2 on bad usage.
 */
export async function kioskCommand(
  context: Pick<FleetContext, 'db' | 'now' | 'config'>,
  args: readonly string[],
  out: Console = console,
): Promise<number> {
  const say = kioskCommandMessages;
  const [verb, ...rest] = args;
  switch (verb ?? '') {
    case 'enrol-code': {
      const branch = Branch.safeParse(option(rest, '--branch') ?? '');
      if (!branch.success || rest.length !== 2) {
        out.error(say.badBranch);
        return 2;
      }
      const issued = await issueEnrolmentCode(context, branch.data, null);
      out.log(say.code(issued.code, issued.branch));
      out.log(say.codeValid(dateTime.format(new Date(issued.expiresAt))));
      return 0;
    }
    case 'revoke': {
      const [id = ''] = rest;
      const reason = option(rest, '--reason') ?? say.defaultReason;
      if (!KioskId.safeParse(id).success) {
        out.error(say.badId(id));
        return 2;
      }
      // The id, or the short name that `kiosk list`, /flota and the test page show.
      const ids = (await context.db.selectFrom('kiosks').select('id').execute()).map(
        (row) => row.id,
      );
      const named = ids.includes(id)
        ? [id]
        : ids.filter((candidate) => kioskShortName(candidate) === id.toUpperCase());
      if (named.length > 1) {
        out.error(say.ambiguous(id.toUpperCase(), named));
        return 1;
      }
      const kioskId = named[0] ?? id;
      try {
        await revokeKiosk(context, kioskId, { reason, by: null });
      } catch (error) {
        if (!(error instanceof CentralHttpError)) throw error;
        out.error(error.message);
        return 1;
      }
      out.log(say.revoked(kioskId));
      return 0;
    }
    case 'list': {
      const list = await fleetList(context);
      const now = new Date(list.generatedAt);
      if (list.kiosks.length === 0) out.log(say.empty);
      else out.log(say.header);
      for (const kiosk of list.kiosks) {
        const seen = kiosk.lastSeenAt ? ago(kiosk.lastSeenAt, now) : say.neverSeen;
        const version = kiosk.heartbeat?.version ?? '—';
        out.log(
          `${kiosk.branch}\t${kiosk.shortName}\t${say.states[kiosk.state]}\t${version}\t${seen}\t${kiosk.kioskId}\t${kiosk.revokeReason ?? ''}`.trimEnd(),
        );
      }
      return 0;
    }
    default:
      out.error(say.usage);
      return 2;
  }
}
