import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../testing/engines.js';
import { startLiveCentral, type LiveCentral } from '../testing/live-central.js';

/** Over HTTP against the real central: a code's answer never tells whether it existed. */
describeEachEngine('enrolment codes: spent, expired and unknown answer alike', (engine) => {
  let c: LiveCentral;
  beforeAll(async () => {
    c = await startLiveCentral(engine);
  });
  afterAll(() => c?.close());

  it('answers a spent code, an expired one and one never issued with the same status and body', async () => {
    const it_ = await c.staffHeaders((await c.addStaff(['sistemas'])).email);
    const code = async () =>
      String(
        (
          await c.call('POST', '/api/v1/staff/kiosk-enrolment-codes', {
            headers: it_,
            body: { branch: 'Sucursal Centro' },
          })
        ).body.code,
      );
    const enrol = (value: string, from: string) =>
      c.call('POST', '/api/v1/kiosks/enrolments', {
        body: { code: value, kioskId: `kiosco-${from.replace(/\./g, '-')}-${value.slice(0, 4)}` },
        from,
      });
    const spent = await code();
    expect((await enrol(spent, '127.0.0.60')).status).toBe(201);
    const expired = await code();
    c.clock.advance(25 * 3_600_000);
    const answers = [
      await enrol(spent, '127.0.0.61'),
      await enrol(expired, '127.0.0.62'),
      await enrol('ZZZZ-ZZZZ-ZZZZ', '127.0.0.63'),
    ];
    for (const answer of answers) {
      expect(answer.status).toBe(422);
      expect(answer.body).toEqual(answers[2]!.body);
    }
    expect(answers[2]!.body.code).toBe('enrolment_code_invalid');
  });
});
