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
  #timers: ReturnType<typeof setInterval>[] = [];

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

  /**
   * Refreshes the catalogue and the outbox every `everyMs`, and the link's state every
   * `linkEveryMs`: the core learns of a drop within seconds (src/sync/link-probe.ts) and the top
   * bar says so soon after. Both are local calls that never count as the customer's activity.
   */
  watch(everyMs = 5_000, linkEveryMs = 2_000) {
    const offline = () => {
      this.sync = this.sync && { ...this.sync, online: false };
    };
    this.#timers.push(
      setInterval(() => {
        if (!this.unconfigured) void this.load().catch(offline);
      }, everyMs),
      setInterval(() => {
        if (!this.unconfigured)
          void call('sync:status').then((sync) => (this.sync = sync), offline);
      }, linkEveryMs),
    );
    return () => {
      for (const timer of this.#timers.splice(0)) clearInterval(timer);
    };
  }
}
