import path from 'node:path';

export type EmbeddedCentral = { readonly url: string; close(): Promise<void> };

/** A central of its own when CENTRAL_URL is not set: a demo, or a branch without a server. */
export async function startEmbeddedCentral(userData: string): Promise<EmbeddedCentral> {
  const { startCentral } = await import('../central/server.js');
  const { demoStaffLines } = await import('../central/staff/demo-staff.js');
  const central = await startCentral({
    dataDir: path.join(userData, 'central'),
    port: 0,
    seedDemoStaff: true,
  });
  for (const line of demoStaffLines(central.url, central.demoStaff)) console.log(line);
  return central;
}
