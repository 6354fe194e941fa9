import { readdirSync } from 'node:fs';
import path from 'node:path';
import { createOutbox, type Outbox } from '../outbox/outbox.js';
import { createSealedBox } from '../outbox/sealed-box.js';
import { openKioskStore, type KioskStore } from '../store/index.js';
import { createCentralClient } from '../sync/central-client.js';
import type { SimulatedCentral } from './simulated-central.js';

export const fixtureOwner = 'owner-1';
export const fixtureSession = 'session-token-0123456789';

/** A PDF-looking file of `size` bytes whose content (and so hash) is its own. */
export function fixturePdf(label: string, size: number): Uint8Array {
  const head = `%PDF-1.7 ${label} `;
  return new TextEncoder().encode(head + 'x'.repeat(Math.max(0, size - head.length)));
}

/**
 * The real outbox (store on disk, sealed files, worker) against a simulated central, on a fixed
 * clock and jitter. `reopen` is a restart: the store is closed and opened again, the same folder.
 */
export function outboxFixture(
  dir: string,
  central: SimulatedCentral,
  clock: { now: Date },
  session: { token: string | null },
) {
  let store: KioskStore = openKioskStore(dir);
  let outbox: Outbox = open(store);

  function open(opened: KioskStore): Outbox {
    return createOutbox({
      dataDir: dir,
      store: opened,
      box: createSealedBox(Buffer.alloc(32, 9)),
      client: createCentralClient({ baseUrl: 'http://central.test', fetch: central.fetch }),
      now: () => clock.now,
      referencePrefix: 'ABC123',
      sessionTokenFor: (owner) => (owner === fixtureOwner ? session.token : null),
      chunkBytes: 1000,
      random: () => 0.5,
    });
  }

  return {
    get store() {
      return store;
    },
    get outbox() {
      return outbox;
    },
    enqueue(pdfs: Uint8Array[], title = 'Solicitud de Servicio Internet') {
      return outbox.enqueue({
        owner: fixtureOwner,
        payload: {
          kind: 'request',
          title,
          body: {
            requestTypeId: 'servicio-internet',
            fields: { plan: { plan: title } },
            attachments: {},
          },
        },
        attachments: pdfs.map((pdf) => ({ requirementId: 'dni', pdf, pages: 1 })),
      });
    },
    /** One delivery pass, from start to idle, as after a start or a kick. */
    async pass() {
      outbox.worker.start();
      await outbox.worker.idle();
      await outbox.worker.stop();
    },
    async reopen() {
      await outbox.worker.stop();
      store.close();
      store = openKioskStore(dir);
      outbox = open(store);
    },
    sealedFiles: () => {
      try {
        return readdirSync(path.join(dir, 'outbox'));
      } catch {
        return [];
      }
    },
    close: () => store.close(),
  };
}

export type OutboxFixture = ReturnType<typeof outboxFixture>;
