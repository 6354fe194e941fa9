import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256Hex } from '../accounts/secrets.js';
import { createDatabase, migrateToLatest, type CentralDb } from '../db/index.js';
import { TestClock } from '../testing/accounts.js';
import { kioskCommand, kioskCommandMessages as say } from './command.js';
import { fleetConfig } from './config.js';
import { enrolKiosk } from './enrolment.js';
import { recordHeartbeat } from './heartbeats.js';
import { sampleHeartbeat } from './test-app.js';

const cli = fileURLToPath(new URL('../cli.ts', import.meta.url));
const fromKiosk = { ip: '127.0.0.1' } as Parameters<typeof enrolKiosk>[2];

describe('npm run central -- kiosk', () => {
  let dataDir: string;
  let db: CentralDb;
  let destroy: () => Promise<void>;
  const clock = new TestClock();
  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'ventanilla-fleet-'));
    ({ db, destroy } = createDatabase({ dataDir }));
    await migrateToLatest(db);
  });
  afterAll(async () => {
    await destroy();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const context = () => ({ db, now: clock.now, config: fleetConfig() });
  const run = async (args: string[]) => {
    const lines = { log: [] as string[], error: [] as string[] };
    const code = await kioskCommand(context(), args, {
      log: (line) => lines.log.push(line),
      error: (line) => lines.error.push(line),
    });
    return { code, ...lines };
  };

  it('prints a one-time code for a branch, revokes a kiosk and lists the fleet', async () => {
    const made = await run(['enrol-code', '--branch', 'Sucursal Centro']);
    expect(made.code).toBe(0);
    const code = /: ([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})$/.exec(made.log[0] ?? '')?.[1] ?? '';
    expect(made.log[1]).toContain('sirve para un solo kiosco');
    // A 24-hour clock, as the kiosk shows it (not "7:05 p. m.").
    expect(made.log[1]).toMatch(/ \d{1,2}:\d{2} y sirve/);
    expect(made.log[1]).not.toMatch(/[ap]\. ?m\./);
    const stored = await db.selectFrom('kiosk_enrolment_codes').selectAll().execute();
    expect(stored.map((row) => row.code_hash)).toContain(sha256Hex(code.replace(/-/g, '')));

    const kioskId = '3f2a9b10-0000-4000-8000-000000000001';
    await enrolKiosk(context(), { code: code.replace(/-/g, ''), kioskId }, fromKiosk);
    await recordHeartbeat(context(), { kioskId, branch: 'Sucursal Centro' }, sampleHeartbeat());
    const listed = await run(['list']);
    expect(listed.log).toEqual([
      say.header,
      `Sucursal Centro\t3F2A9B\ten línea\t1.4.0\thace menos de 1 min\t${kioskId}`,
    ]);

    // By the short name that the list, /flota and the test page show, typed in any case.
    expect(await run(['revoke', '3f2a9b', '--reason', 'Equipo dado de baja'])).toMatchObject({
      code: 0,
      log: [say.revoked(kioskId)],
    });
    const row = await db
      .selectFrom('kiosks')
      .select(['revoked_at', 'revoke_reason'])
      .executeTakeFirstOrThrow();
    expect(row).toEqual({
      revoked_at: clock.now().toISOString(),
      revoke_reason: 'Equipo dado de baja',
    });
    const afterRevoke = (await run(['list'])).log;
    expect(afterRevoke[0]).toBe(say.header);
    expect(afterRevoke[1]).toContain('\trevocado\t');
    expect(afterRevoke[1]?.endsWith('\tEquipo dado de baja')).toBe(true);
  });

  it('refuses bad usage with 2 and an unknown kiosk with 1', async () => {
    expect(await run(['enrol-code'])).toMatchObject({ code: 2, error: [say.badBranch] });
    expect((await run(['enrol-code', '--branch', ' '])).code).toBe(2);
    expect((await run(['revoke', 'no es un id'])).code).toBe(2);
    const unknown = await run(['revoke', 'kiosco-que-no-existe']);
    expect(unknown.code).toBe(1);
    expect(unknown.error[0]).toContain('No hay un kiosco dado de alta');
    expect(await run(['borrar'])).toMatchObject({ code: 2, error: [say.usage] });
  });

  it('works from npm run central', async () => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', cli, 'kiosk', 'enrol-code', '--branch', 'Sucursal Norte'],
      {
        env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    const [code] = (await once(child, 'exit')) as [number];
    expect(code).toBe(0);
    expect(stdout).toMatch(/Código de alta para «Sucursal Norte»: [0-9A-Z]{4}-/);
  });
});
