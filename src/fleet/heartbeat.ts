import type { Heartbeat, UpdateChannelName } from '../contract/index.js';
import { CentralError, type CentralClient } from '../sync/central-client.js';
import type { KioskEnrolmentState } from './enrolment.js';

/**
 * Sends the kiosk's state to the central every minute while it is enrolled. A beat that does not
 * arrive (the link is down, the credential was revoked) is simply the next one's job: the fleet
 * page shows the silence, which is the point.
 */
export function createHeartbeat(deps: {
  client: CentralClient;
  enrolment: KioskEnrolmentState;
  collect: () => Promise<Heartbeat>;
  intervalMs: number;
  /** Each answer carries the update channel IT set for this kiosk: the shell follows it. */
  onUpdateChannel?: ((channel: UpdateChannelName) => void) | undefined;
  log: (message: string, error?: unknown) => void;
}) {
  let timer: NodeJS.Timeout | undefined;
  let lastSentAt: string | null = null;
  let sending: Promise<void> | null = null;

  async function beat(): Promise<void> {
    if (!deps.enrolment.isEnrolled()) return;
    try {
      const received = await deps.client.call('sendHeartbeat', { body: await deps.collect() });
      lastSentAt = received.receivedAt;
      deps.onUpdateChannel?.(received.updateChannel);
    } catch (error) {
      if (!(error instanceof CentralError)) deps.log('Heartbeat failed unexpectedly', error);
    }
  }

  function sendNow(): Promise<void> {
    sending ??= beat().finally(() => {
      sending = null;
    });
    return sending;
  }

  return {
    sendNow,
    lastSentAt: () => lastSentAt,
    start() {
      if (timer) return;
      void sendNow();
      timer = setInterval(() => void sendNow(), deps.intervalMs);
      timer.unref();
    },
    async stop() {
      clearInterval(timer);
      timer = undefined;
      await sending;
    },
  };
}
