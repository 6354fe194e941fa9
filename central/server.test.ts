import {
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
  cpSync,
  existsSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import { expect, it } from 'vitest';
import { Catalog, Health, centralApi } from '../src/contract/index.js';
import { defaultResourcesDir } from './catalog/resources.js';
import { SQLITE_FILE_NAME } from './db/index.js';
import { startCentral } from './server.js';
import { newRegistration } from './testing/accounts-app.js';
import { describeEachEngine } from './testing/engines.js';
import { codeIn, startSmtpMailbox, type ReceivedMail } from './testing/smtp-mailbox.js';

describeEachEngine('startCentral', (engine) => {
  it('migrates, seeds and serves over real HTTP on 127.0.0.1, then closes', async () => {
    const location = await engine.newLocation();
    const central = await startCentral({ ...location, port: 0, version: '1.2.3' });
    expect(central.engine).toBe(engine.name);
    expect(central.url).toBe(`http://127.0.0.1:${central.port}`);
    expect(central.port).toBeGreaterThan(0);
    if (engine.name === 'sqlite') {
      expect(existsSync(path.join(location.dataDir, SQLITE_FILE_NAME))).toBe(true);
    }

    const health = await fetch(new URL(centralApi.health.path, central.url));
    expect(Health.parse(await health.json())).toEqual({
      status: 'ok',
      version: '1.2.3',
      database: engine.name,
    });

    const catalogUrl = new URL(centralApi.catalog.path, central.url);
    const first = await fetch(catalogUrl);
    expect(first.status).toBe(200);
    const catalog = Catalog.parse(await first.json());
    expect(catalog.requestTypes).toHaveLength(4);
    const etag = first.headers.get('etag');
    expect(etag).toBe(`"${catalog.version}"`);
    const second = await fetch(catalogUrl, { headers: { 'if-none-match': etag ?? '' } });
    expect(second.status).toBe(304);
    expect(await second.text()).toBe('');

    await central.close();
    await central.close();
    await expect(fetch(catalogUrl)).rejects.toThrow();
  });

  it('keeps the catalogue it has when started again on the same database', async () => {
    const location = await engine.newLocation();
    const first = await startCentral(location);
    const { version } = Catalog.parse(await (await fetch(`${first.url}/api/v1/catalog`)).json());
    await first.close();

    const again = await startCentral(location);
    const after = Catalog.parse(await (await fetch(`${again.url}/api/v1/catalog`)).json());
    expect(after.version).toBe(version);
    await again.close();
  });

  it('fails loudly on a broken catalogue resource and leaves nothing open', async () => {
    const resourcesDir = mkdtempSync(path.join(tmpdir(), 'ventanilla-resources-'));
    try {
      cpSync(defaultResourcesDir, resourcesDir, { recursive: true });
      const file = path.join(resourcesDir, 'catalog', 'request-types.json');
      const types = JSON.parse(readFileSync(file, 'utf8')) as { title: string }[];
      types[0]!.title = '';
      writeFileSync(file, JSON.stringify(types));
      const location = await engine.newLocation();
      await expect(startCentral({ ...location, catalogSource: { resourcesDir } })).rejects.toThrow(
        /request-types\.json is invalid/,
      );
    } finally {
      rmSync(resourcesDir, { recursive: true, force: true });
    }
  });

  it('writes mails as .eml files under <dataDir>/mail when no SMTP server is set', async () => {
    const location = await engine.newLocation();
    const central = await startCentral(location);
    try {
      expect(central.mailDir).toBe(path.join(location.dataDir, 'mail'));
      const registration = newRegistration();
      const registered = await post(central.url, centralApi.register.path, registration);
      expect(registered.status).toBe(202);
      await central.mailsSent();

      const files = readdirSync(central.mailDir!).filter((file) => file.endsWith('.eml'));
      expect(files).toHaveLength(1);
      const eml = readFileSync(path.join(central.mailDir!, files[0]!), 'utf8');
      const parsed = await simpleParser(eml);
      expect(parsed.to && 'text' in parsed.to ? parsed.to.text : '').toBe(registration.email);
      // Without PUBLIC_URL the links point at the central itself.
      expect(parsed.html).toContain(`href="${central.url}/activar?token=`);
      const mail: ReceivedMail = {
        from: '',
        to: [registration.email],
        subject: parsed.subject ?? '',
        text: parsed.text ?? '',
        html: '',
        messageId: parsed.messageId ?? '',
      };
      const activated = await post(central.url, centralApi.activate.path, {
        email: registration.email,
        code: codeIn(mail),
      });
      expect(activated.status).toBe(200);
      const signedIn = await post(central.url, centralApi.signIn.path, {
        email: registration.email,
        password: registration.password,
      });
      expect(signedIn.status).toBe(201);
    } finally {
      await central.close();
    }
  });

  it('sends mails over SMTP_URL from MAIL_FROM with links to PUBLIC_URL', async () => {
    const mailbox = await startSmtpMailbox();
    const location = await engine.newLocation();
    const central = await startCentral({
      ...location,
      smtpUrl: mailbox.url,
      publicUrl: 'https://oficina.coop.example',
      mailFrom: 'Cooperativa <avisos@coop.example>',
      accounts: { codeLifetimeMs: 10 * 60_000 },
    });
    try {
      expect(central.mailDir).toBeNull();
      const registration = newRegistration();
      await post(central.url, centralApi.register.path, registration);
      await central.mailsSent();
      const [mail] = mailbox.to(registration.email);
      expect(mail?.from).toContain('avisos@coop.example');
      expect(mail?.html).toContain('href="https://oficina.coop.example/activar?token=');
      expect(mail?.text).toContain('valen 10 minutos');
      expect(existsSync(path.join(location.dataDir, 'mail'))).toBe(false);
    } finally {
      await central.close();
      await mailbox.close();
    }
  });
});

function post(base: string, route: string, body: unknown) {
  return fetch(new URL(route, base), {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-kiosk-id': 'kiosco-1' },
    body: JSON.stringify(body),
  });
}
