import { describe, expect, it } from 'vitest';
import { CentralError, createCentralClient } from './central-client.js';

/** An answer whose headers arrived and whose body then broke off (the link dropped mid-way). */
function brokenOff(status: number): Response {
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(new TextEncoder().encode('{"code":"idempot'));
      controller.error(new TypeError('terminated'));
    },
  });
  return new Response(body, { status, headers: { 'content-type': 'application/json' } });
}

const clientAnswering = (answer: () => Response) =>
  createCentralClient({
    baseUrl: 'http://central.test',
    fetch: () => Promise.resolve(answer()),
  });

describe('the central client reading answers', () => {
  it('takes a body broken off on the way for a dropped link, not for a central of another version', async () => {
    const refused = clientAnswering(() => brokenOff(201))
      .call('health')
      .catch((error: unknown) => error);
    expect(await refused).toBeInstanceOf(CentralError);
    expect(await refused).toMatchObject({ kind: 'network' });
  });

  it('takes a refusal whose reason broke off for a dropped link too, never for a final refusal', async () => {
    const refused = await clientAnswering(() => brokenOff(409))
      .call('health')
      .catch((error: unknown) => error);
    expect(refused).toMatchObject({ kind: 'network' });
  });

  it('still reads a body that is not JSON as a contract problem', async () => {
    const refused = await clientAnswering(() => new Response('<html>proxy</html>', { status: 200 }))
      .call('health')
      .catch((error: unknown) => error);
    expect(refused).toMatchObject({ kind: 'contract' });
  });
});

describe('the link as every call sees it', () => {
  it('says reachable for any answer, a refusal too, and not for a link that fails', async () => {
    const seen: [boolean, string | null][] = [];
    let answer: () => Promise<Response> = () =>
      Promise.resolve(Response.json({ code: 'x', message: 'No.' }, { status: 404 }));
    const client = createCentralClient({
      baseUrl: 'http://central.test',
      fetch: () => answer(),
      onLink: (reachable, failure) => seen.push([reachable, failure]),
    });
    await client.call('health').catch(() => undefined);
    answer = () => Promise.reject(new TypeError('fetch failed'));
    await client.call('health').catch(() => undefined);
    expect(seen).toEqual([
      [true, null],
      [false, 'No hay conexión con la central.'],
    ]);
  });
});
