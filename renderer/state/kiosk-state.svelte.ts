import type {
  Catalog,
  KioskSyncStatus,
  KioskUnconfigured,
  OutboxStatus,
} from '../../src/contract/index.js';
import { call } from '../lib/kiosk.js';

/** What the whole kiosk shows regardless of the customer: the catalogue and the link's state. */
export class KioskState {
  catalog = $state<Catalog | null>(null);
  sync = $state<KioskSyncStatus | null>(null);
  /** Requests kept in this kiosk until the link lets them go: customers see how many wait. */
  outbox = $state<OutboxStatus | null>(null);
  loaded = $state(false);
  /** IT has not configured this kiosk (its configuration file): it serves no customer. */
  unconfigured = $state<KioskUnconfigured | null>(null);
  #timer: ReturnType<typeof setInterval> | undefined;

  async load() {
    if (!this.loaded) {
      const info = await call('app:info');
      if (info.unconfigured) {
        this.unconfigured = info.unconfigured;
        this.loaded = true;
        return;
      }
    }
    const [view, sync, outbox] = await Promise.all([
      call('catalog:get'),
      call('sync:status'),
      call('outbox:status').catch(() => this.outbox),
    ]);
    this.outbox = outbox;
    // Same version, same content: keep the object so the screen does not re-render.
    if (view.catalog?.version !== this.catalog?.version) this.catalog = view.catalog;
    this.sync = sync;
    this.loaded = true;
  }

  /** Refreshes the sync state (and the catalogue when the central sent a new one). */
  watch(everyMs = 5_000) {
    this.#timer = setInterval(() => {
      if (this.unconfigured) return;
      this.load().catch(() => {
        this.sync = this.sync && { ...this.sync, online: false };
      });
    }, everyMs);
    return () => clearInterval(this.#timer);
  }
}
