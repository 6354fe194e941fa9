import { randomUUID } from 'node:crypto';
import { beforeAll, expect, it } from 'vitest';
import { idempotentReplayHeader } from '../../src/contract/index.js';
import { CentralHttpError } from '../http-errors.js';
import {
  idempotency,
  makePdf,
  sha256Hex,
  startRequestsApp,
  type RequestsApp,
} from '../requests/test-app.js';
import { internetRequest } from '../requests/test-submissions.js';
import { describeEachEngine } from '../testing/engines.js';
import { fingerprintOf, runIdempotent } from './idempotency.js';

describeEachEngine('idempotent submissions', (engine) => {
  let h: RequestsApp;
  beforeAll(async () => {
    h = await startRequestsApp(engine, { idempotencyClaimMs: 30_000 });
  });

  const requestsOf = async (accountId: string) =>
    h.db.selectFrom('requests').select('id').where('account_id', '=', accountId).execute();

  it('answers a replay with the original status and body, and files the request once', async () => {
    const ana = await h.customer();
    const body = await internetRequest(h, ana.headers);
    const headers = { ...(await h.delivering(ana.headers)), ...idempotency() };
    const first = await h.post('/api/v1/requests', body, headers);
    expect(first.status).toBe(201);
    h.clock.advance(5_000);
    const replay = await h.post('/api/v1/requests', body, headers);
    expect(replay.status).toBe(201);
    expect(replay.body).toEqual(first.body);
    expect(replay.headers[idempotentReplayHeader]).toBe('true');
    expect(first.headers[idempotentReplayHeader]).toBeUndefined();
    expect(await requestsOf(ana.id)).toHaveLength(1);
  });

  it('refuses the same key with another body (422), and keeps keys apart per account', async () => {
    const ana = await h.customer();
    const body = await internetRequest(h, ana.headers);
    const key = idempotency();
    const delivery = await h.delivering(ana.headers);
    expect((await h.post('/api/v1/requests', body, { ...delivery, ...key })).status).toBe(201);
    const changed = { ...body, fields: { ...body.fields, plan: { plan: 'hogar-300' } } };
    const reused = await h.post('/api/v1/requests', changed, { ...delivery, ...key });
    expect(reused.status).toBe(422);
    expect(reused.body.code).toBe('idempotency_key_reused');
    expect(await requestsOf(ana.id)).toHaveLength(1);

    // Another customer's key with the same value is theirs: no answer of Ana's leaks to them.
    const juan = await h.customer();
    const theirs = await h.post('/api/v1/requests', await internetRequest(h, juan.headers), {
      ...(await h.delivering(juan.headers)),
      ...key,
    });
    expect(theirs.status).toBe(201);
    expect(theirs.body.id).not.toBe((await requestsOf(ana.id))[0]?.id);
  });

  it('files a request once when two copies arrive at the same time (the other gets 409 or the replay)', async () => {
    const ana = await h.customer();
    const body = await internetRequest(h, ana.headers);
    const headers = { ...(await h.delivering(ana.headers)), ...idempotency() };
    const answers = await Promise.all(
      [1, 2, 3].map(() => h.post('/api/v1/requests', body, headers)),
    );
    expect(await requestsOf(ana.id)).toHaveLength(1);
    const created = answers.filter((answer) => answer.status === 201);
    expect(created.length).toBeGreaterThanOrEqual(1);
    for (const answer of created) expect(answer.body).toEqual(created[0]?.body);
    for (const answer of answers.filter((a) => a.status !== 201)) {
      expect(answer.status).toBe(409);
      expect(answer.body.code).toBe('idempotency_in_flight');
    }
  });

  it('answers 409 while the first copy is in flight, and the replay once it is done', async () => {
    const ana = await h.customer();
    const body = await internetRequest(h, ana.headers);
    const key = idempotency();
    // What the database holds while the first copy runs: its claim, with no answer yet.
    await h.db
      .insertInto('idempotency_keys')
      .values({
        account_id: ana.id,
        key: key['idempotency-key'],
        operation: 'submitRequest',
        fingerprint: fingerprintOf({ operation: 'submitRequest', input: body }),
        claim_id: randomUUID(),
        claimed_at: h.clock.now().toISOString(),
        response_status: null,
        response_body: null,
        completed_at: null,
      })
      .execute();
    const delivery = await h.delivering(ana.headers);
    const held = await h.post('/api/v1/requests', body, { ...delivery, ...key });
    expect(held.status).toBe(409);
    expect(held.body.code).toBe('idempotency_in_flight');
    expect(Number(held.headers['retry-after'])).toBe(30);
    expect(await requestsOf(ana.id)).toHaveLength(0);

    // A claim whose request died (the central stopped mid-way) is taken over after a while.
    h.clock.advance(31_000);
    const accepted = await h.post('/api/v1/requests', body, { ...delivery, ...key });
    expect(accepted.status).toBe(201);
    expect(await requestsOf(ana.id)).toHaveLength(1);
  });

  it('runs the effect once for two copies, one held inside its effect', async () => {
    const ana = await h.customer();
    const context = { db: h.db, now: h.clock.now, claimMs: 30_000 };
    const call = { accountId: ana.id, key: randomUUID(), operation: 'prueba', input: { a: 1 } };
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let effects = 0;
    const first = runIdempotent(context, call, async () => {
      effects++;
      await gate;
      return { status: 201, body: { hecho: true } };
    });
    await expect.poll(() => effects).toBe(1);
    const second = runIdempotent(context, call, () => {
      effects++;
      return Promise.resolve({ status: 201, body: { hecho: 'dos veces' } });
    });
    if (engine.name === 'postgres') {
      await expect(second).rejects.toMatchObject({
        statusCode: 409,
        code: 'idempotency_in_flight',
      });
      release();
    } else {
      // SQLite has one connection: the copy waits for the first's transaction, then replays it.
      release();
      expect(await second).toEqual({ status: 201, body: { hecho: true }, replayed: true });
    }
    expect(await first).toEqual({ status: 201, body: { hecho: true }, replayed: false });
    expect(effects).toBe(1);
  });

  it('does not record a refusal: the same delivery, corrected, goes through with its key', async () => {
    const ana = await h.customer();
    const body = await internetRequest(h, ana.headers);
    const key = idempotency();
    const file = await makePdf(2);
    const late = { ...body, attachments: { ...body.attachments, dni: [sha256Hex(file)] } };
    const delivery = await h.delivering(ana.headers);
    const refused = await h.post('/api/v1/requests', late, { ...delivery, ...key });
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('upload_incomplete');
    await h.upload(ana.headers, file);
    const accepted = await h.post('/api/v1/requests', late, { ...delivery, ...key });
    expect(accepted.status).toBe(201);
  });

  it('rolls the effect back when recording fails, so nothing lands without its key', async () => {
    const ana = await h.customer();
    const context = { db: h.db, now: h.clock.now, claimMs: 30_000 };
    const call = { accountId: ana.id, key: randomUUID(), operation: 'prueba', input: {} };
    await expect(
      runIdempotent(context, call, async (trx) => {
        await trx.insertInto('request_numbers').values({ year: 1999, last_number: 1 }).execute();
        throw new CentralHttpError(422, 'no', 'No.');
      }),
    ).rejects.toMatchObject({ code: 'no' });
    const left = await h.db
      .selectFrom('request_numbers')
      .selectAll()
      .where('year', '=', 1999)
      .execute();
    expect(left).toEqual([]);
    const keys = await h.db
      .selectFrom('idempotency_keys')
      .selectAll()
      .where('key', '=', call.key)
      .execute();
    expect(keys).toEqual([]);
  });
});
