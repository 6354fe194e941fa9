import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { argon2Hasher } from '../central/accounts/password-hashing.js';
import { createDatabase } from '../central/db/index.js';
import { startCentral } from '../central/server.js';
import { addStaffMember } from '../central/staff/members.js';
import type { Figure } from './measure.js';

const hour = 3_600_000;
const hours = 3;
const stepMs = 5_000;
const limitPerHour = 40;

/**
 * Password guessing at one staff account, against the real central (SQLite, port 0) on a clock
 * the bench moves: an attacker tries a wrong password from each of its addresses (127.0.0.x on
 * loopback) as soon as that address may try again (honouring `Retry-After`, else every 5 s),
 * with a new `x-kiosk-id`, `X-Forwarded-For` and `X-Real-IP` on every try, for three simulated
 * hours. It prints the wrong passwords the central answered 401 (each a real guess) in the worst
 * hour, sliding over the three.
 */
export async function securityBench(): Promise<Figure[]> {
  const figures: Figure[] = [];
  for (const addresses of [1, 50]) {
    const { worstHour, tries } = await attack(addresses);
    figures.push({
      name: `staff password guesses / account / hour, ${addresses} address${addresses > 1 ? 'es' : ''}`,
      value: String(worstHour),
      note: `worst hour of ${hours}, ${tries} requests with made-up headers; at most ${limitPerHour}: ${worstHour <= limitPerHour ? 'holds' : 'EXCEEDED'}`,
    });
  }
  return figures;
}

async function attack(addresses: number): Promise<{ worstHour: number; tries: number }> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'ventanilla-bench-security-'));
  let at = Date.now();
  const central = await startCentral({ dataDir, port: 0, now: () => new Date(at) });
  const admin = createDatabase({ dataDir });
  const email = 'sistemas@copelco.example';
  try {
    await addStaffMember(
      admin.db,
      argon2Hasher(),
      { email, name: 'Marta Ríos', password: 'la clave verdadera de marta', roles: ['sistemas'] },
      new Date(at),
    );
    const start = at;
    const nextTry = new Map<string, number>();
    const guesses: number[] = [];
    let tries = 0;
    for (; at < start + hours * hour; at += stepMs) {
      for (let i = 0; i < addresses; i++) {
        const from = `127.0.0.${i + 2}`;
        if ((nextTry.get(from) ?? 0) > at) continue;
        tries++;
        const answer = await post(central.url, from, tries, {
          email,
          password: `adivinando-${tries}`,
        });
        if (answer.status === 401) guesses.push(at);
        else if (answer.status === 429) nextTry.set(from, at + answer.retryAfter * 1000);
        else throw new Error(`unexpected answer ${answer.status}`);
      }
    }
    let worstHour = 0;
    for (const [index, from] of guesses.entries()) {
      const inHour = guesses.slice(index).filter((time) => time < from + hour).length;
      worstHour = Math.max(worstHour, inHour);
    }
    return { worstHour, tries };
  } finally {
    await admin.destroy();
    await central.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

function post(
  base: string,
  from: string,
  serial: number,
  body: Record<string, string>,
): Promise<{ status: number; retryAfter: number }> {
  const payload = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const outgoing = request(
      new URL('/api/v1/staff/sessions', base),
      {
        method: 'POST',
        localAddress: from,
        headers: {
          'content-type': 'application/json',
          'x-kiosk-id': `kiosco-inventado-${serial}`,
          'x-forwarded-for': `203.0.113.${serial % 250}`,
          'x-real-ip': `198.51.100.${serial % 250}`,
        },
      },
      (incoming) => {
        incoming.resume();
        incoming.on('end', () =>
          resolve({
            status: incoming.statusCode ?? 0,
            retryAfter: Number(incoming.headers['retry-after'] ?? 0),
          }),
        );
      },
    );
    outgoing.on('error', reject);
    outgoing.end(payload);
  });
}
