/**
 * A kiosk core in a process of its own, so a test can kill it with SIGKILL (a crash, a pulled
 * plug) and start another on the same data folder. It serves the kiosk API as JSON over loopback
 * (tests/helpers/kiosk-api-server.ts).
 */
import { createKioskCore } from '../../src/kiosk/core.js';
import { serveKioskApi } from './kiosk-api-server.js';

const dataDir = process.env.KIOSK_DATA_DIR;
const centralUrl = process.env.CENTRAL_URL;
if (!dataDir || !centralUrl) throw new Error('KIOSK_DATA_DIR and CENTRAL_URL are required');

const core = createKioskCore({
  dataDir,
  centralUrl,
  host: 'web',
  version: '0.0.0-test',
  log: () => {},
});
await core.handlers['sync:now'](undefined);
serveKioskApi(core.handlers);
