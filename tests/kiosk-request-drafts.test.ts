import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCentral, type RunningCentral } from '../central/server.js';
import { startSmtpMailbox, type SmtpMailbox } from '../central/testing/smtp-mailbox.js';
import type { RequestDraft } from '../src/contract/index.js';
import { tempDir } from '../src/testing/temp-dir.js';
import { spawnKioskCore } from './helpers/core-process.js';
import { demoHolder, registerAndActivate } from './helpers/customer.js';
import { filesContaining, pagePhoto, valueOf } from './helpers/requests-stack.js';

const plantedEmail = 'borrador.canario.4411@example.com';
const plantedDocument = '31999888';

/**
 * A request in progress survives a crash of the kiosk core (SIGKILL) within the customer's
 * session, is never readable at rest, and is gone once the session ends.
 */
describe('request drafts across a crash of the kiosk core', () => {
  const temp = tempDir('ventanilla-drafts-');
  const kioskDir = path.join(temp.dir, 'kiosk');
  let central: RunningCentral;
  let mailbox: SmtpMailbox;

  beforeAll(async () => {
    mailbox = await startSmtpMailbox();
    central = await startCentral({
      dataDir: path.join(temp.dir, 'central'),
      port: 0,
      smtpUrl: mailbox.url,
    });
    const setup = await spawnKioskCore(kioskDir, central.url);
    await registerAndActivate(setup.call, mailbox);
    await setup.stop();
  });
  afterAll(async () => {
    await central?.close();
    await mailbox?.close();
    temp.remove();
  });

  const signIn = { email: demoHolder.email, password: demoHolder.password };
  const rows = (table: string) => {
    const db = new Database(path.join(kioskDir, 'kiosk.sqlite'), { readonly: true });
    const { n } = db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number };
    db.close();
    return n;
  };

  it('keeps the draft through a SIGKILL, encrypted, and wipes it with the session', async () => {
    const first = await spawnKioskCore(kioskDir, central.url);
    valueOf(await first.call('session:signIn', signIn));
    valueOf(await first.call('request:start', { requestTypeId: 'alta-energia' }));
    valueOf(
      await first.call('request:saveStep', {
        stepId: 'holder',
        values: { email: plantedEmail, documentNumber: plantedDocument, firstName: 'Juan' },
      }),
    );
    const photo = pagePhoto(3);
    valueOf(await first.call('request:addPage', { requirementId: 'dni', imageBase64: photo }));
    await first.kill();

    expect(filesContaining(kioskDir, plantedEmail)).toEqual([]);
    expect(filesContaining(kioskDir, plantedDocument)).toEqual([]);

    const second = await spawnKioskCore(kioskDir, central.url);
    expect(await second.call('request:current')).toMatchObject({
      ok: false,
      error: { code: 'session_required' },
    });
    valueOf(await second.call('session:signIn', signIn));
    const draft = valueOf<RequestDraft>(await second.call('request:current'));
    expect(draft.values.holder).toMatchObject({
      email: plantedEmail,
      documentNumber: plantedDocument,
    });
    const [page] = draft.requirements.find((r) => r.requirementId === 'dni')!.pages;
    const preview = valueOf<{ imageBase64: string }>(
      await second.call('request:pagePreview', { pageId: page!.pageId }),
    );
    expect(preview.imageBase64).toBe(photo);

    valueOf(await second.call('session:signOut'));
    expect(rows('request_drafts')).toBe(0);
    expect(rows('request_draft_files')).toBe(0);
    valueOf(await second.call('session:signIn', signIn));
    expect(valueOf(await second.call('request:current'))).toBeNull();
    await second.stop();

    expect(filesContaining(kioskDir, plantedEmail)).toEqual([]);
    expect(filesContaining(kioskDir, plantedDocument)).toEqual([]);
  });
});
