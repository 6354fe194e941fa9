import { createHash, randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { argon2Hasher } from '../central/accounts/password-hashing.js';
import { createDatabase, type CentralDatabase } from '../central/db/index.js';
import { makePdf } from '../central/requests/test-app.js';
import { addStaffMember } from '../central/staff/members.js';
import { newRegistration } from '../central/testing/accounts-app.js';
import { describeOnPostgres } from '../central/testing/engines.js';
import {
  startBalancer,
  startCentralProcess,
  type Balancer,
  type CentralProcess,
} from '../central/testing/instances.js';
import { until } from '../central/testing/until.js';
import { centralApi, deliveryAuthScheme, idempotencyKeyHeader } from '../src/contract/index.js';
import { uploadAttachment } from '../src/outbox/delivery.js';
import { internetRequestFields } from '../src/testing/request-fixtures.js';
import { CentralError, createCentralClient } from '../src/sync/central-client.js';

type Json = Record<string, unknown>;

async function call(
  base: string,
  method: string,
  url: string,
  { body, headers = {} }: { body?: unknown; headers?: Record<string, string> } = {},
) {
  const response = await fetch(new URL(url, base), {
    method,
    headers: {
      'x-kiosk-id': 'kiosco-instancias',
      ...(body !== undefined && { 'content-type': 'application/json' }),
      ...headers,
    },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  const bytes = Buffer.from(await response.arrayBuffer());
  const json = (response.headers.get('content-type') ?? '').startsWith('application/json');
  return {
    status: response.status,
    headers: response.headers,
    bytes,
    body: (json ? JSON.parse(bytes.toString('utf8')) : {}) as Json,
  };
}

/** The activation code of `email`, from whichever instance's outbox delivered it. */
async function activationCode(dataDirs: string[], email: string): Promise<string> {
  let code: string | undefined;
  await until('the activation mail', async () => {
    for (const dir of dataDirs) {
      const mailDir = path.join(dir, 'mail');
      let files: string[] = [];
      try {
        files = readdirSync(mailDir).filter((file) => file.endsWith('.eml'));
      } catch {
        continue;
      }
      for (const file of files) {
        const parsed = await simpleParser(readFileSync(path.join(mailDir, file)));
        const to = parsed.to && 'text' in parsed.to ? parsed.to.text : '';
        if (to === email) code = /^\s+(\d{6})$/m.exec(parsed.text ?? '')?.[1];
      }
    }
    return code !== undefined;
  });
  return code!;
}

/** Kiosks' enrolment is not what these tests are about: calls without a credential are taken. */
const env = { REQUIRE_ENROLLED_KIOSKS: '0' };

describeOnPostgres('two centrals on one database behind haproxy', (engine) => {
  let database: CentralDatabase;
  let centrals: CentralProcess[] = [];
  let balancer: Balancer;
  let databaseUrl: string;
  const dataDirs: string[] = [];

  beforeAll(async () => {
    databaseUrl = (await engine.newLocation()).databaseUrl!;
    // One after the other: the first migrates and loads the demo data.
    centrals.push(await startCentralProcess({ databaseUrl, env: { ...env, DEMO_DATA: '1' } }));
    centrals.push(await startCentralProcess({ databaseUrl, env }));
    dataDirs.push(...centrals.map((central) => central.dataDir));
    balancer = await startBalancer(centrals.map((central) => central.url));
    database = createDatabase({ databaseUrl });
  }, 120_000);
  afterAll(async () => {
    await balancer?.close();
    for (const central of centrals) await central.kill('SIGTERM');
    await database?.destroy();
  });

  it('shares sessions and sign-in throttling: what one instance learnt the other knows', async () => {
    const [a, b] = centrals as [CentralProcess, CentralProcess];
    const registration = newRegistration();
    expect(
      (await call(a.url, 'POST', centralApi.register.path, { body: registration })).status,
    ).toBe(202);
    const code = await activationCode(dataDirs, registration.email);
    const activated = await call(b.url, 'POST', centralApi.activate.path, {
      body: { email: registration.email, code },
    });
    expect(activated.status).toBe(200);

    const signedIn = await call(a.url, 'POST', centralApi.signIn.path, {
      body: { email: registration.email, password: registration.password },
    });
    expect(signedIn.status).toBe(201);
    const bearer = { authorization: `Bearer ${String(signedIn.body.token)}` };
    expect((await call(b.url, 'GET', centralApi.me.path, { headers: bearer })).status).toBe(200);
    // Signed out at B: A no longer takes it.
    expect(
      (await call(b.url, 'DELETE', centralApi.signOut.path, { headers: bearer })).status,
    ).toBeLessThan(300);
    expect((await call(a.url, 'GET', centralApi.me.path, { headers: bearer })).status).toBe(401);

    // Five wrong passwords at one kiosk, alternating instances: the kiosk then waits at both.
    const wrong = { email: registration.email, password: 'no es la clave de nadie' };
    for (let attempt = 0; attempt < 5; attempt++) {
      const central = attempt % 2 === 0 ? a : b;
      expect(
        (await call(central.url, 'POST', centralApi.signIn.path, { body: wrong })).status,
      ).toBe(401);
    }
    for (const central of [a, b]) {
      const held = await call(central.url, 'POST', centralApi.signIn.path, {
        body: { email: registration.email, password: registration.password },
      });
      expect(held.status).toBe(429);
      expect(Number(held.headers.get('retry-after'))).toBeGreaterThan(0);
    }
  }, 60_000);

  it('takes a 5 MB upload chunk by chunk from both, survives one killed mid-way, and files it once', async () => {
    const registration = newRegistration();
    await call(balancer.url, 'POST', centralApi.register.path, { body: registration });
    const code = await activationCode(dataDirs, registration.email);
    await call(balancer.url, 'POST', centralApi.activate.path, {
      body: { email: registration.email, code },
    });
    const session = await call(balancer.url, 'POST', centralApi.signIn.path, {
      body: { email: registration.email, password: registration.password },
    });
    const sessionToken = String(session.body.token);

    // The kiosk's own client and upload code, through haproxy; noting who served each chunk.
    const servedChunks: string[] = [];
    let killed: string | null = null;
    const victim = centrals[0]!;
    const client = createCentralClient({
      baseUrl: balancer.url,
      kioskId: 'kiosco-instancias',
      timeoutMs: 60_000,
      async fetch(input, init) {
        const response = await fetch(input, init);
        if (init?.method === 'PATCH' && response.ok) {
          servedChunks.push(response.headers.get('x-served-by') ?? '?');
          if (servedChunks.length === 8 && !killed) {
            // Mid-way: the first instance dies as a power cut would take it.
            killed = 'c0';
            await victim.kill('SIGKILL');
          }
        }
        return response;
      },
    });
    const granted = await client.call('issueDeliveryToken', {
      body: { purpose: 'request' },
      token: sessionToken,
    });
    const token = { scheme: deliveryAuthScheme, token: granted.token };
    // The padding is written as hex of UTF-16: four bytes of file per byte asked for.
    const big = await makePdf(2, randomUUID(), (5 * 1024 * 1024) / 4);
    expect(big.length).toBeGreaterThan(5 * 1024 * 1024);
    const form = await makePdf(1);
    const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

    /** As the kiosk's outbox does: a failed link or a 5xx is tried again. */
    async function withRetries<T>(work: () => Promise<T>): Promise<T> {
      for (let attempt = 0; ; attempt++) {
        try {
          return await work();
        } catch (error) {
          const retryable =
            error instanceof CentralError &&
            (error.kind === 'network' || error.kind === 'timeout' || (error.status ?? 0) >= 500);
          if (!retryable || attempt > 20) throw error;
          await new Promise((resolve) => setTimeout(resolve, 200));
        }
      }
    }
    const uploaded = await withRetries(() =>
      uploadAttachment(client, token, big, sha(big), 256 * 1024),
    );
    expect(uploaded).toMatchObject({ complete: true, size: big.length, pages: 2 });
    await withRetries(() => uploadAttachment(client, token, form, sha(form), 256 * 1024));
    expect(killed).toBe('c0');
    // Before the kill the chunks alternated between the two; after it, all went to the other.
    expect(servedChunks.length).toBeGreaterThanOrEqual(21);
    const beforeKill = servedChunks.slice(0, 8);
    expect(new Set(beforeKill)).toEqual(new Set(['c0', 'c1']));
    for (let index = 1; index < beforeKill.length; index++) {
      expect(beforeKill[index]).not.toBe(beforeKill[index - 1]);
    }
    expect(new Set(servedChunks.slice(9))).toEqual(new Set(['c1']));

    const key = randomUUID();
    const submission = {
      requestTypeId: 'servicio-internet',
      fields: internetRequestFields,
      attachments: { dni: [sha(big)], 'request-form': [sha(form)] },
    };
    const submit = () =>
      call(balancer.url, 'POST', centralApi.submitRequest.path, {
        body: submission,
        headers: {
          authorization: `${deliveryAuthScheme} ${granted.token}`,
          [idempotencyKeyHeader]: key,
        },
      });
    const filed = await submit();
    expect(filed.status).toBe(201);
    // Sent again (the kiosk never got the answer): the same request, not a second one.
    const again = await submit();
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body.number).toBe(filed.body.number);
    const account = await database.db
      .selectFrom('accounts')
      .select('id')
      .where('email', '=', registration.email)
      .executeTakeFirstOrThrow();
    const requests = await database.db
      .selectFrom('requests')
      .select('id')
      .where('account_id', '=', account.id)
      .execute();
    expect(requests).toHaveLength(1);
    // Nothing of it on any instance's disk: chunks and file are in the database.
    expect(await database.db.selectFrom('upload_chunks').select('upload_id').execute()).toEqual([]);

    // The killed instance comes back; staff read the same file from either.
    const revived = await startCentralProcess({ databaseUrl, env });
    centrals = [revived, centrals[1]!];
    const email = `sistemas.${randomUUID()}@copelco.example`;
    await addStaffMember(
      database.db,
      argon2Hasher(),
      { email, name: 'Marta Ríos', password: 'una clave larga de sistemas', roles: ['revisor'] },
      new Date(),
    );
    for (const central of centrals) {
      const staff = await call(central.url, 'POST', centralApi.staffSignIn.path, {
        body: { email, password: 'una clave larga de sistemas' },
      });
      expect(staff.status).toBe(201);
      const download = await call(
        central.url,
        'GET',
        centralApi.staffDownloadAttachment.path
          .replace(':requestId', String(filed.body.id))
          .replace(':sha256', sha(big)),
        { headers: { authorization: `Bearer ${String(staff.body.token)}` } },
      );
      expect(download.status).toBe(200);
      expect(sha(download.bytes)).toBe(sha(big));
    }
  }, 180_000);
});
