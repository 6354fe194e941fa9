import { expect, it } from 'vitest';
import { BackofficeSession, backofficeCsrfHeader } from '../../src/contract/index.js';
import { startCentral } from '../server.js';
import { describeEachEngine } from '../testing/engines.js';
import { demoStaffLines } from './demo-staff.js';

describeEachEngine('the demo’s staff', (engine) => {
  it('adds one member of each role with a password shown once, and only to a central with no staff', async () => {
    const location = await engine.newLocation();
    const first = await startCentral({ ...location, seedDemoStaff: true });
    try {
      const staff = first.demoStaff!;
      expect(staff.members.map((member) => member.role)).toEqual([
        'mostrador',
        'revisor',
        'sistemas',
        'admin',
      ]);
      expect(staff.password).toMatch(/^[A-Za-z0-9_-]{16}$/);
      const lines = demoStaffLines(first.url, staff).join('\n');
      expect(lines).toContain(`Oficina: ${first.url}/oficina`);
      expect(lines).toContain(staff.password);
      expect(lines).toContain('revisor@copelco.example');

      const signedIn = await fetch(`${first.url}/oficina/api/sesion`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [backofficeCsrfHeader]: '1' },
        body: JSON.stringify({ email: 'revisor@copelco.example', password: staff.password }),
      });
      expect(signedIn.status).toBe(201);
      expect(BackofficeSession.parse(await signedIn.json()).staff.roles).toEqual(['revisor']);
    } finally {
      await first.close();
    }
    const again = await startCentral({ ...location, seedDemoStaff: true });
    try {
      expect(again.demoStaff).toBeNull();
      expect(demoStaffLines(again.url, null)).toEqual([`Oficina: ${again.url}/oficina`]);
    } finally {
      await again.close();
    }
  }, 60_000);
});
