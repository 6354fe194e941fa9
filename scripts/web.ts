import path from 'node:path';
import { createKioskCore } from '../src/kiosk/core.js';
import { startWebHost } from '../src/webhost/server.js';
import { WebEnv } from '../src/webhost/web-env.js';
import { startCentral } from '../central/server.js';
import { demoStaffLines } from '../central/staff/demo-staff.js';
import packageJson from '../package.json' with { type: 'json' };

/** `npm run web`: the kiosk in a plain browser, with an embedded central unless CENTRAL_URL is set. */
const env = WebEnv.parse(process.env);
const dataDir = path.resolve(env.DATA_DIR);

const central = env.CENTRAL_URL
  ? null
  : await startCentral({
      dataDir: path.join(dataDir, 'central'),
      port: env.CENTRAL_PORT,
      seedDemoStaff: true,
    }).catch((error: unknown) => {
      if ((error as { code?: unknown }).code !== 'EADDRINUSE') throw error;
      console.error(
        `El puerto ${env.CENTRAL_PORT} de la central embebida está ocupado: cerrá el otro «npm run web» o elegí otro con CENTRAL_PORT.`,
      );
      process.exit(1);
    });
const centralUrl = env.CENTRAL_URL ?? central?.url ?? '';

const core = createKioskCore({
  dataDir: path.join(dataDir, 'kiosk'),
  centralUrl,
  host: 'web',
  version: packageJson.version,
  // Against the cooperative's central the kiosk opens on the setup screen until IT enrols it; the
  // embedded central of the demo does not ask kiosks for a credential and has nobody to give one,
  // so the demo starts straight on the welcome.
  requireEnrolment: env.CENTRAL_URL !== undefined,
});
core.start();
const host = await startWebHost({
  handlers: core.handlers,
  rendererDir: path.resolve('dist/renderer'),
  port: env.KIOSK_WEB_PORT,
});

console.log(`Kiosco:  ${host.url}`);
if (central) for (const line of demoStaffLines(central.url, central.demoStaff)) console.log(line);
else console.log(`Oficina: ${centralUrl}/oficina`);
console.log(
  `Central: ${centralUrl}${central ? ` (embebida; datos y correos en ${path.join(dataDir, 'central')})` : ''}`,
);

let stopping = false;
async function shutdown() {
  if (stopping) return;
  stopping = true;
  await host.close();
  await core.stop();
  await central?.close();
  process.exit(0);
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => void shutdown());
}
