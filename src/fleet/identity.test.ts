import { chmodSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { kioskCredentialHeader } from '../contract/index.js';
import { scriptedCentral } from '../testing/scripted-central.js';
import { useTempDir } from '../testing/use-temp-dir.js';
import { withKioskCredential } from './credential-fetch.js';
import { createKioskEnrolment } from './enrolment.js';
import { fileSecretStore } from './secret-store.js';

const enrolled = {
  kioskId: 'k-1',
  branch: 'Sucursal Centro',
  credential: 'c'.repeat(43),
  enrolledAt: '2026-03-02T12:00:00.000Z',
};
const now = () => new Date('2026-03-02T13:00:00.000Z');

describe('the kiosk’s credential', () => {
  const temp = useTempDir('ventanilla-fleet-');

  it('lives in a 0600 file, tightened when copied in loose, and survives a restart', () => {
    const file = path.join(temp.dir, 'nested', 'kiosk-credential.json');
    const store = fileSecretStore(file);
    expect(store.read()).toBeNull();
    createKioskEnrolment({ secrets: store, kioskId: 'k-1' }).save(enrolled);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    chmodSync(file, 0o644);
    const again = createKioskEnrolment({ secrets: fileSecretStore(file), kioskId: 'k-1' });
    expect(again.view()).toEqual({
      state: 'enrolled',
      required: false,
      kioskId: 'k-1',
      branch: 'Sucursal Centro',
      enrolledAt: enrolled.enrolledAt,
    });
    expect(statSync(file).mode & 0o777).toBe(0o600);
    store.remove();
    expect(store.read()).toBeNull();
  });

  it('reads a damaged file as not enrolled rather than failing the kiosk', () => {
    const file = path.join(temp.dir, 'kiosk-credential.json');
    writeFileSync(file, '{"kioskId":1}', { mode: 0o600 });
    const enrolment = createKioskEnrolment({ secrets: fileSecretStore(file), kioskId: 'k-9' });
    expect(enrolment.view()).toMatchObject({ state: 'not-enrolled', kioskId: 'k-9' });
    expect(enrolment.credential()).toBeNull();
  });

  it('goes on every call once enrolled, and a 401 kiosk_revoked is remembered', async () => {
    const central = scriptedCentral({
      'GET /api/v1/catalog': (_call, count) =>
        count <= 2
          ? { status: 401, body: { code: 'staff_session_expired', message: 'Otra cosa.' } }
          : { status: 401, body: { code: 'kiosk_revoked', message: 'Revocado.' } },
    });
    const enrolment = createKioskEnrolment({
      secrets: fileSecretStore(path.join(temp.dir, 'credential.json')),
      kioskId: 'k-1',
    });
    const fetch = withKioskCredential(central.fetch, enrolment, now);
    const url = 'http://central.example/api/v1/catalog';

    await fetch(url, { headers: { authorization: 'Bearer cliente' } });
    expect(central.calls[0]?.headers[kioskCredentialHeader]).toBeUndefined();
    enrolment.save(enrolled);
    await fetch(url, { headers: { authorization: 'Bearer cliente' } });
    expect(central.calls[1]?.headers).toMatchObject({
      [kioskCredentialHeader]: enrolled.credential,
      authorization: 'Bearer cliente',
    });
    // Another 401 says nothing about the kiosk.
    expect(enrolment.view().state).toBe('enrolled');
    const refused = await fetch(url);
    expect(await refused.json()).toMatchObject({ code: 'kiosk_revoked' });
    expect(enrolment.view().state).toBe('revoked');
    expect(enrolment.isEnrolled()).toBe(false);
    // Still sent: the central keeps saying why it refuses.
    expect(enrolment.credential()).toBe(enrolled.credential);
  });
});
