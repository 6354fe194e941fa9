import { randomUUID } from 'node:crypto';
import type { Selectable } from 'kysely';
import {
  Heartbeat,
  UpdateChannelName,
  kioskShortName,
  type FleetKiosk,
  type FleetList,
  type KioskState,
} from '../../src/contract/index.js';
import type { KioskTable } from '../db/schema.js';
import { CentralHttpError } from '../http-errors.js';
import type { FleetContext } from './config.js';
import type { KioskAuth } from './kiosk-auth.js';
import { fleetMessages } from './messages.js';

type KioskRow = Selectable<KioskTable>;

/**
 * Keeps a kiosk's heartbeat: the latest on the kiosk's row (what the fleet page reads) and a
 * short history, trimmed to the newest `heartbeatHistory` as each one arrives.
 */
export async function recordHeartbeat(
  context: Pick<FleetContext, 'db' | 'now' | 'config'>,
  kiosk: KioskAuth,
  heartbeat: Heartbeat,
): Promise<string> {
  const receivedAt = context.now().toISOString();
  const report = JSON.stringify(heartbeat);
  await context.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('kiosks')
      .set({ last_seen_at: receivedAt, last_heartbeat: report })
      .where('id', '=', kiosk.kioskId)
      .execute();
    await trx
      .insertInto('kiosk_heartbeats')
      .values({ id: randomUUID(), kiosk_id: kiosk.kioskId, received_at: receivedAt, report })
      .execute();
    const older = await trx
      .selectFrom('kiosk_heartbeats')
      .select('id')
      .where('kiosk_id', '=', kiosk.kioskId)
      .orderBy('received_at', 'desc')
      .orderBy('id', 'desc')
      .offset(context.config.heartbeatHistory)
      .limit(1000)
      .execute();
    if (older.length > 0) {
      await trx
        .deleteFrom('kiosk_heartbeats')
        .where(
          'id',
          'in',
          older.map((row) => row.id),
        )
        .execute();
    }
  });
  return receivedAt;
}

/** Revoked, or silent when nothing came for longer than the central tolerates (or ever). */
export function stateOf(row: KioskRow, now: Date, silentAfterMs: number): KioskState {
  if (row.revoked_at !== null) return 'revoked';
  const since = Date.parse(row.last_seen_at ?? row.enrolled_at);
  return now.getTime() - since > silentAfterMs ? 'silent' : 'online';
}

function parsedHeartbeat(report: string | null): Heartbeat | null {
  if (report === null) return null;
  const parsed = Heartbeat.safeParse(JSON.parse(report));
  return parsed.success ? parsed.data : null;
}

export function toFleetKiosk(row: KioskRow, now: Date, silentAfterMs: number): FleetKiosk {
  return {
    kioskId: row.id,
    shortName: kioskShortName(row.id),
    branch: row.branch,
    state: stateOf(row, now, silentAfterMs),
    enrolledAt: row.enrolled_at,
    revokedAt: row.revoked_at,
    revokeReason: row.revoke_reason,
    lastSeenAt: row.last_seen_at,
    heartbeat: parsedHeartbeat(row.last_heartbeat),
    updateChannel: UpdateChannelName.catch('stable').parse(row.update_channel),
  };
}

/** Every enrolled kiosk by branch, with its state now. */
export async function fleetList(
  context: Pick<FleetContext, 'db' | 'now' | 'config'>,
): Promise<FleetList> {
  const now = context.now();
  const rows = await context.db.selectFrom('kiosks').selectAll().orderBy('branch').execute();
  const kiosks = rows
    .map((row) => toFleetKiosk(row, now, context.config.silentAfterMs))
    .sort(
      (a, b) => a.branch.localeCompare(b.branch, 'es') || a.shortName.localeCompare(b.shortName),
    );
  return {
    generatedAt: now.toISOString(),
    silentAfterSeconds: Math.round(context.config.silentAfterMs / 1000),
    kiosks,
  };
}

export async function findFleetKiosk(
  context: Pick<FleetContext, 'db' | 'now' | 'config'>,
  kioskId: string,
): Promise<FleetKiosk> {
  const row = await context.db
    .selectFrom('kiosks')
    .selectAll()
    .where('id', '=', kioskId)
    .executeTakeFirst();
  if (!row) throw new CentralHttpError(404, 'kiosk_not_found', fleetMessages.kioskNotFound);
  return toFleetKiosk(row, context.now(), context.config.silentAfterMs);
}

export async function heartbeatHistory(
  context: Pick<FleetContext, 'db'>,
  kioskId: string,
): Promise<{ receivedAt: string; heartbeat: Heartbeat }[]> {
  const rows = await context.db
    .selectFrom('kiosk_heartbeats')
    .select(['received_at', 'report'])
    .where('kiosk_id', '=', kioskId)
    .orderBy('received_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  return rows.flatMap((row) => {
    const heartbeat = parsedHeartbeat(row.report);
    return heartbeat ? [{ receivedAt: row.received_at, heartbeat }] : [];
  });
}
