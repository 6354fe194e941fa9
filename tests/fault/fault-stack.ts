import path from 'node:path';
import type { TestLocation } from '../../central/testing/engines.js';
import { startSmtpMailbox, type SmtpMailbox } from '../../central/testing/smtp-mailbox.js';
import type { Envelope, OutboxStatus, SubmitReceipt } from '../../src/contract/index.js';
import { tempDir } from '../../src/testing/temp-dir.js';
import {
  spawnKioskCore,
  spawnReady,
  type KioskCoreChild,
  type ReadyChild,
} from '../helpers/core-process.js';
import { demoHolder, registerAndActivate } from '../helpers/customer.js';
import { fillInternetRequest, internetPlan } from '../helpers/internet-request.js';
import { valueOf } from '../helpers/requests-stack.js';
import { installCommitLedger } from './commit-ledger.js';
import type { CentralKillPoint, KioskKillPoint } from './fault-plans.js';
import { expectNothingLost, type Told } from './invariants.js';
import { startTcpProxy } from './tcp-proxy.js';

/**
 * The pieces of a fault run, each killable on its own: a central process (SQLite or PostgreSQL,
 * per `location`), a TCP proxy in front of it (the branch's link), and a kiosk core process
 * talking to the proxy, its customer registered. Receipts handed out are kept as `told`.
 */
export async function startFaultStack(location: TestLocation) {
  const mailbox: SmtpMailbox = await startSmtpMailbox();
  const temp = tempDir('ventanilla-fault-');
  const kioskDir = path.join(temp.dir, 'kiosk');
  installCommitLedger(kioskDir);
  const spawnCentral = (plan: CentralKillPoint | null = null) =>
    spawnReady('tests/fault/central-process.ts', {
      CENTRAL_DATA_DIR: location.dataDir,
      DATABASE_URL: location.databaseUrl ?? '',
      SMTP_URL: mailbox.url,
      FAULT_PLAN: JSON.stringify(plan),
    });
  let central: ReadyChild = await spawnCentral();
  const proxy = await startTcpProxy(central.port);
  let kiosk: (KioskCoreChild & { submitWaitMs: number }) | null = null;
  const told: Told[] = [];
  let plan = '';
  let runs = 0;

  const current = () => {
    if (!kiosk) throw new Error('No kiosk core is running');
    return kiosk;
  };
  const call = (method: string, input?: unknown) => current().call(method, input);
  const signIn = async () =>
    valueOf(
      await call('session:signIn', { email: demoHolder.email, password: demoHolder.password }),
    );

  async function startKiosk(point: KioskKillPoint | null = null, submitWaitMs = 4_000) {
    await kiosk?.kill();
    const started = await spawnKioskCore(kioskDir, proxy.url, {
      script: 'tests/fault/kiosk-process.ts',
      env: { FAULT_PLAN: JSON.stringify(point), SUBMIT_WAIT_MS: String(submitWaitMs) },
    });
    kiosk = { ...started, submitWaitMs };
    return kiosk;
  }

  /** The running kiosk, told where to die; a new one when it must wait another time at "Enviar". */
  async function armKiosk(point: KioskKillPoint | null, submitWaitMs = 4_000) {
    if (kiosk?.alive() && kiosk.submitWaitMs === submitWaitMs) {
      await kiosk.call('fault:arm', point);
      return kiosk;
    }
    return startKiosk(point, submitWaitMs);
  }

  await startKiosk();
  await registerAndActivate(call, mailbox);

  return {
    kioskDir,
    proxy,
    told,
    call,
    signIn,
    startKiosk,
    armKiosk,
    get kiosk() {
      return current();
    },
    get central() {
      return central;
    },
    /** Starts the central again (after it died) on the same data, and points the link at it. */
    async restartCentral(point: CentralKillPoint | null = null) {
      await central.kill();
      central = await spawnCentral(point);
      proxy.retarget(central.port);
    },
    /** Tells the running central where to die. */
    async armCentral(point: CentralKillPoint | null) {
      const armed = await fetch(`http://127.0.0.1:${central.ports[1]}/`, {
        method: 'POST',
        body: JSON.stringify(point),
      });
      if (!armed.ok) throw new Error(`Could not arm the central: ${armed.status}`);
    },
    /** Signs in and fills a request that is ready for "Enviar". */
    async prepareRequest() {
      await signIn();
      plan ||= await internetPlan(call);
      runs++;
      // A street of its own gives each request's signed form (and so its hash) its own bytes.
      await fillInternetRequest(call, { plan, street: `Calle Falla ${runs}` });
    },
    /**
     * "Enviar": the receipt when the customer got one (kept as told), or null when the kiosk
     * died before answering.
     */
    async submit(): Promise<SubmitReceipt | null> {
      let answer: Envelope<unknown>;
      try {
        answer = await call('request:submit');
      } catch {
        return null;
      }
      const receipt = valueOf<SubmitReceipt>(answer);
      told.push({ reference: receipt.reference, number: receipt.number });
      return receipt;
    },
    /** Waits until the outbox holds nothing (or a rejection shows there is no point waiting). */
    async drained(ms = 30_000) {
      const end = Date.now() + ms;
      for (;;) {
        const status = valueOf<OutboxStatus>(await call('outbox:status'));
        if (status.rejected > 0 || (status.waiting === 0 && status.needsAuth === 0)) return status;
        if (Date.now() > end) throw new Error(`Outbox not drained: ${JSON.stringify(status)}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
    expectNothingLost: () => expectNothingLost({ kioskDir, central: location, told }),
    async close() {
      await kiosk?.kill();
      await central.stop();
      await proxy.close();
      await mailbox.close();
      temp.remove();
    },
  };
}

export type FaultStack = Awaited<ReturnType<typeof startFaultStack>>;
