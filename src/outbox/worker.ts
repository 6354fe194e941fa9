import type { OutboxStatus } from '../contract/index.js';
import { CredentialNeeded, deliverItem, type DeliveryDeps } from './delivery.js';
import { classify, retryDelayMs, type BackoffPolicy, type Verdict } from './retry-policy.js';
import { deliverSignOut } from './sign-out.js';

export type DeliveryWorkerOptions = DeliveryDeps & {
  /** For the jitter of retries (tests pass a fixed one). */
  random?: () => number;
  backoff?: BackoffPolicy;
  /** Longest sleep between passes when nothing is due sooner. */
  idleMs?: number;
  log?: (message: string, error?: unknown) => void;
};

export type DeliveryWorker = ReturnType<typeof createDeliveryWorker>;

/**
 * Delivers the outbox in the background, one pass at a time (single-flight): oldest item first;
 * a rejected item never holds back the ones behind it; when the link is down the pass stops and
 * the next one is scheduled for the earliest retry. `stop()` lets the item in hand finish.
 */
export function createDeliveryWorker(options: DeliveryWorkerOptions) {
  const { store, files, now } = options;
  const random = options.random ?? Math.random;
  const idleMs = options.idleMs ?? 30_000;
  const log = options.log ?? (() => {});
  let running: Promise<void> | null = null;
  let again = false;
  let stopped = true;
  let timer: NodeJS.Timeout | undefined;
  const listeners = new Set<() => void>();

  async function pass() {
    for (const item of store.due(now().toISOString())) {
      if (stopped) return;
      const attachments = store.attachments(item.sequence);
      try {
        const result = await deliverItem(options, item);
        store.delivered(item.sequence, { ...result, at: now().toISOString() });
        // After the commit: a crash before this line leaves files that the next start sweeps.
        for (const attachment of attachments) files.remove(attachment.fileName);
      } catch (error) {
        const verdict: Verdict =
          error instanceof CredentialNeeded
            ? { action: 'reauth', reason: error.message }
            : classify(error);
        settle(item.sequence, item.attempts, verdict);
        if (verdict.action === 'retry' && verdict.linkDown) return;
      } finally {
        listeners.forEach((listener) => listener());
      }
    }
    // Behind the deliveries: the sign-outs, which name those still waiting.
    for (const signOut of store.signOuts.due(now().toISOString())) {
      if (stopped) return;
      try {
        await deliverSignOut(options, signOut);
        store.signOuts.done(signOut.id);
      } catch (error) {
        const verdict = classify(error);
        if (verdict.action !== 'retry') {
          // Refused for good: the session dies at its lifetime, and its unnamed tokens with
          // the next password reset; nothing the kiosk can do again would change that.
          log(`Sign-out refused by the central: ${verdict.reason}`);
          store.signOuts.done(signOut.id);
          continue;
        }
        const delay = retryDelayMs(
          signOut.attempts + 1,
          random,
          verdict.afterSeconds,
          options.backoff,
        );
        store.signOuts.scheduleRetry(
          signOut.id,
          new Date(now().getTime() + delay).toISOString(),
          verdict.reason,
        );
        if (verdict.linkDown) return;
      }
    }
  }

  function settle(sequence: number, attempts: number, verdict: Verdict) {
    switch (verdict.action) {
      case 'retry': {
        const delay = retryDelayMs(attempts + 1, random, verdict.afterSeconds, options.backoff);
        store.scheduleRetry(
          sequence,
          new Date(now().getTime() + delay).toISOString(),
          verdict.reason,
        );
        break;
      }
      case 'reject':
        log(`Outbox item ${sequence} rejected: ${verdict.reason}`);
        store.settle(sequence, 'rejected', verdict.reason);
        break;
      case 'reauth':
        store.settle(sequence, 'needs-auth', verdict.reason);
        break;
    }
  }

  function scheduleNext() {
    clearTimeout(timer);
    if (stopped) return;
    const next = store.nextAttemptAt();
    const wait = next ? Math.max(0, new Date(next).getTime() - now().getTime()) : idleMs;
    timer = setTimeout(kick, Math.min(wait, idleMs));
    timer.unref();
  }

  function kick() {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = (async () => {
      do {
        again = false;
        await pass();
      } while (again && !stopped);
    })()
      .catch((error: unknown) => log('Outbox delivery pass failed', error))
      .finally(() => {
        running = null;
        scheduleNext();
      });
  }

  return {
    /** Sweeps files left by a crash and starts delivering. */
    start() {
      if (!stopped) return;
      stopped = false;
      const swept = files.sweep(new Set(store.fileNames()));
      if (swept) log(`Outbox: removed ${swept} attachment files no item names`);
      kick();
    },
    /** Something new to deliver (or a credential came): run a pass now. */
    kick,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
    /** Resolves when the pass in progress (if any) is over. */
    idle: async () => {
      while (running) await running;
    },
    /**
     * Waits until the item is settled (delivered, rejected or needing a credential) or `ms` pass:
     * "Enviar" gives delivery a moment so a customer online leaves with "Enviado" printed.
     */
    waitForSettled(sequence: number, ms: number): Promise<void> {
      return new Promise((resolve) => {
        const done = () => {
          const state = store.get(sequence)?.state;
          if (state === 'waiting' && (store.get(sequence)?.attempts ?? 0) === 0) return false;
          return true;
        };
        const finish = () => {
          clearTimeout(timeout);
          listeners.delete(check);
          resolve();
        };
        const check = () => {
          if (done()) finish();
        };
        const timeout = setTimeout(finish, ms);
        listeners.add(check);
        check();
      });
    },
    status(): OutboxStatus {
      return store.status();
    },
  };
}
