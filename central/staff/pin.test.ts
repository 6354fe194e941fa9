import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { argon2Hasher } from '../accounts/index.js';
import { createDatabase, migrateToLatest, type CentralDb } from '../db/index.js';
import { staffCommand } from './command.js';
import { staffKioskCommandMessages as say } from './kiosk-command.js';
import { addStaffMember } from './members.js';
import { badgeHash, pinProblem } from './pin.js';

describe('staff PINs', () => {
  it('takes 6 to 8 digits that are not a run anyone tries first', () => {
    for (const pin of ['482915', '90817263', '1357924']) expect(pinProblem(pin)).toBeNull();
    for (const pin of ['12345', '123456789', '12a456', '']) {
      expect(pinProblem(pin)).toContain('de 6 a 8 números');
    }
    for (const pin of ['000000', '123456', '987654', '24680246', '8901234']) {
      expect(pinProblem(pin)).toContain('muy fácil');
    }
  });
});

describe('staff pin and staff badge', () => {
  let dataDir: string;
  let db: CentralDb;
  let destroy: () => Promise<void>;
  const hasher = argon2Hasher();
  const now = new Date('2026-03-02T12:00:00.000Z');
  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'ventanilla-pin-'));
    ({ db, destroy } = createDatabase({ dataDir }));
    await migrateToLatest(db);
    for (const email of ['laura@copelco.example', 'pablo@copelco.example']) {
      await addStaffMember(
        db,
        hasher,
        { email, name: 'Laura', password: 'una clave larga', roles: ['mostrador'] },
        now,
      );
    }
  });
  afterAll(async () => {
    await destroy();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const run = async (args: string[], pin?: string) => {
    const lines = { log: [] as string[], error: [] as string[] };
    const out = {
      log: (l: string) => lines.log.push(l),
      error: (l: string) => lines.error.push(l),
    };
    const code = await staffCommand(db, hasher, args, {
      password: undefined,
      pin,
      prompt: null,
      now,
      out,
    });
    return { code, ...lines };
  };
  const memberOf = (email: string) =>
    db.selectFrom('staff_members').selectAll().where('email', '=', email).executeTakeFirstOrThrow();

  it('sets a PIN hashed with argon2id, refusing easy ones and unknown members', async () => {
    expect(await run(['pin', 'Laura@Copelco.example'], '482915')).toMatchObject({
      code: 0,
      log: [say.pinSet('laura@copelco.example')],
    });
    const member = await memberOf('laura@copelco.example');
    expect(member.pin_hash).toMatch(/^\$argon2id\$/);
    expect(await hasher.verify(member.pin_hash ?? '', '482915')).toBe(true);
    expect((await run(['pin', 'laura@copelco.example'], '123456')).code).toBe(1);
    expect((await run(['pin', 'nadie@copelco.example'], '482915')).error).toEqual([
      say.missing('nadie@copelco.example'),
    ]);
    expect((await run(['pin', 'laura@copelco.example'])).error).toEqual([say.noPin]);
  });

  it('gives a badge to one member only, kept as a hash', async () => {
    expect((await run(['badge', 'laura@copelco.example', 'CRED-0042'])).code).toBe(0);
    expect((await memberOf('laura@copelco.example')).badge_hash).toBe(badgeHash('cred 0042'));
    const taken = await run(['badge', 'pablo@copelco.example', 'cred-0042']);
    expect(taken).toMatchObject({ code: 1, error: [say.badgeTaken] });
    expect((await run(['badge', 'pablo@copelco.example', 'x'])).code).toBe(2);
    expect((await run(['badge', 'pablo@copelco.example'])).code).toBe(2);
  });
});
