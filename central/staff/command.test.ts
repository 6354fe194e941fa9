import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { argon2Hasher } from '../accounts/index.js';
import { createDatabase, migrateToLatest, type CentralDb } from '../db/index.js';
import { staffCommand, staffCommandMessages as say } from './command.js';
import { rolesOf } from './members.js';

const cli = fileURLToPath(new URL('../cli.ts', import.meta.url));
const now = new Date('2026-03-02T12:00:00.000Z');

function captured() {
  const lines = { log: [] as string[], error: [] as string[] };
  return {
    lines,
    out: {
      log: (line: string) => lines.log.push(line),
      error: (line: string) => lines.error.push(line),
    },
  };
}

describe('staff add', () => {
  let dataDir: string;
  let db: CentralDb;
  let destroy: () => Promise<void>;
  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'ventanilla-staff-'));
    ({ db, destroy } = createDatabase({ dataDir }));
    await migrateToLatest(db);
  });
  afterAll(async () => {
    await destroy();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const run = (
    args: string[],
    password: string | undefined,
    prompt: (() => Promise<string>) | null = null,
  ) => {
    const { lines, out } = captured();
    return staffCommand(db, argon2Hasher(), args, { password, prompt, now, out }).then((code) => ({
      code,
      ...lines,
    }));
  };

  it('refuses bad usage with exit code 2', async () => {
    expect(await run(['remove', 'a@b.example', 'Ana'], 'clave larga de prueba')).toMatchObject({
      code: 2,
      error: [say.usage],
    });
    expect((await run(['add', 'no-es-un-correo', 'Ana'], 'clave larga de prueba')).code).toBe(2);
    expect(
      (await run(['add', 'ana@copelco.example', '--role', 'revisor'], 'clave larga de prueba'))
        .error,
    ).toEqual([say.noName]);
    expect(
      (await run(['add', 'ana@copelco.example', 'Ana', '--role', 'revisor'], undefined)).error,
    ).toEqual([say.noPassword]);
    // No role, an empty --role, a role that does not exist: nothing is added.
    for (const roles of [[], ['--role'], ['--role', 'revisor', 'dios'], ['--role', 'staff']]) {
      const refused = await run(['add', 'ana@copelco.example', 'Ana', ...roles], 'clave larga');
      expect(refused.code).toBe(2);
      expect(refused.error[0]).toMatch(/rol/);
    }
    expect(
      await db
        .selectFrom('staff_members')
        .select('id')
        .where('email', '=', 'ana@copelco.example')
        .execute(),
    ).toEqual([]);
  });

  it('refuses short and common passwords with exit code 1', async () => {
    const ana = ['add', 'ana@copelco.example', 'Ana', '--role', 'mostrador'];
    const short = await run(ana, 'corta');
    expect(short.code).toBe(1);
    expect(short.error[0]).toContain('al menos 8 caracteres');
    expect((await run(ana, 'password123')).error).toEqual([say.commonPassword]);
  });

  const rolesOfEmail = async (email: string) => {
    const member = await db
      .selectFrom('staff_members')
      .select('id')
      .where('email', '=', email)
      .executeTakeFirstOrThrow();
    return rolesOf(db, member.id);
  };

  it('adds a member with their roles (asking for the password when not given), once per email', async () => {
    const added = await run(
      ['add', 'Laura@Copelco.example', 'Laura', 'Díaz', '--role', 'revisor', 'mostrador'],
      undefined,
      () => Promise.resolve('una clave larga del mostrador'),
    );
    expect(added).toMatchObject({
      code: 0,
      log: [say.added('laura@copelco.example', 'Laura Díaz', ['revisor', 'mostrador'])],
    });
    const member = await db
      .selectFrom('staff_members')
      .selectAll()
      .where('email', '=', 'laura@copelco.example')
      .executeTakeFirstOrThrow();
    expect(member).toMatchObject({ name: 'Laura Díaz' });
    expect(await rolesOfEmail('laura@copelco.example')).toEqual(['mostrador', 'revisor']);
    expect(await argon2Hasher().verify(member.password_hash, 'una clave larga del mostrador')).toBe(
      true,
    );

    const again = await run(
      ['add', 'laura@copelco.example', 'Otra', '--role', 'admin'],
      'otra clave bien larga',
    );
    expect(again).toMatchObject({ code: 1, error: [say.exists('laura@copelco.example')] });
    expect(await rolesOfEmail('laura@copelco.example')).toEqual(['mostrador', 'revisor']);
  });

  it('replaces a member’s roles with staff roles, and says so when there is no such member', async () => {
    await run(['add', 'pablo@copelco.example', 'Pablo', '--role', 'mostrador'], 'clave larga xy');
    const set = await run(
      ['roles', 'Pablo@copelco.example', '--role', 'sistemas,admin', '--role', 'sistemas'],
      undefined,
    );
    expect(set).toMatchObject({
      code: 0,
      log: [say.rolesSet('pablo@copelco.example', ['sistemas', 'admin'])],
    });
    expect(await rolesOfEmail('pablo@copelco.example')).toEqual(['sistemas', 'admin']);
    expect(await run(['roles', 'pablo@copelco.example', '--role'], undefined)).toMatchObject({
      code: 2,
      error: [say.noRole],
    });
    expect(await rolesOfEmail('pablo@copelco.example')).toEqual(['sistemas', 'admin']);
    expect(await run(['roles', 'nadie@copelco.example', '--role', 'admin'], undefined)).toEqual({
      code: 1,
      log: [],
      error: [say.noMember('nadie@copelco.example')],
    });
  });

  it('works from npm run central with STAFF_PASSWORD', async () => {
    const child = spawn(
      process.execPath,
      [
        ...['--import', 'tsx', cli, 'staff', 'add', 'mostrador@copelco.example', 'Juan', 'Pérez'],
        ...['--role', 'mostrador'],
      ],
      {
        env: {
          ...process.env,
          DATA_DIR: dataDir,
          DATABASE_URL: '',
          STAFF_PASSWORD: 'una clave larga del mostrador',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    const [code] = (await once(child, 'exit')) as [number];
    expect(code).toBe(0);
    expect(stdout).toContain(say.added('mostrador@copelco.example', 'Juan Pérez', ['mostrador']));
    expect(await rolesOfEmail('mostrador@copelco.example')).toEqual(['mostrador']);
  });
});
