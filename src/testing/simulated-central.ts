import { createHash, randomUUID } from 'node:crypto';
import { filedRequestDetail } from './request-fixtures.js';
import {
  jsonOf,
  scriptedCentral,
  type RecordedCall,
  type ScriptedAnswer,
} from './scripted-central.js';

/**
 * How the simulated central misbehaves until told otherwise:
 * - `network`: every call fails as a dropped link;
 * - `unavailable`: every call answers 503;
 * - `reject`: submissions answer 422 (the rest works);
 * - `unauthorized`: calls with a delivery token answer 401 (tokens are still issued);
 * - `answer-lost`: a submission is filed, then its answer is lost on the way back.
 */
export type CentralFault =
  'none' | 'network' | 'unavailable' | 'reject' | 'unauthorized' | 'answer-lost';

type Upload = { id: string; sha256: string; size: number; bytes: Buffer; complete: boolean };
export type Filed = { key: string; id: string; number: string; token: string; body: string };

const sha256 = (bytes: Uint8Array, encoding: 'hex' | 'base64') =>
  createHash('sha256').update(bytes).digest(encoding);

/**
 * A central with state, at the fetch boundary: delivery tokens that reserve numbers and are spent
 * by one idempotency key, resumable uploads with offsets and checksums, and submissions recorded
 * by key (a replay answers the recorded body). For the outbox's model-based tests, where a real
 * central cannot be made to fail on cue at every step.
 */
export function simulatedCentral(
  now: () => Date,
  options: { before?: (method: string, path: string) => Promise<void> } = {},
) {
  let fault: CentralFault = 'none';
  /** One-shot: a whole upload announced again is reported incomplete (an older central). */
  let hideNextCompletion = false;
  const tokens = new Map<string, { number: string; usedKey: string | null }>();
  const uploads = new Map<string, Upload>();
  const filed = new Map<string, Filed>();
  const later = (days: number) => new Date(now().getTime() + days * 86_400_000).toISOString();
  const status = (upload: Upload, complete = upload.complete) => ({
    uploadId: upload.id,
    sha256: upload.sha256,
    size: upload.size,
    offset: upload.bytes.length,
    complete,
    pages: complete ? 1 : null,
    expiresAt: later(1),
  });
  const refusal = (status: number, code: string): ScriptedAnswer => ({
    status,
    body: { code, message: `Simulada: ${code}` },
  });
  const tokenOf = (call: RecordedCall) =>
    /^Delivery (.+)$/.exec(call.headers.authorization ?? '')?.[1];

  /** What every route answers first: the fault in force, or a token that is not good. */
  function gate(call: RecordedCall, delivery: boolean): ScriptedAnswer | null {
    if (fault === 'network') return 'network-error';
    if (fault === 'unavailable') return refusal(503, 'unavailable');
    if (!delivery) return null;
    const token = tokens.get(tokenOf(call) ?? '');
    if (fault === 'unauthorized' || !token) return refusal(401, 'delivery_token_invalid');
    return null;
  }

  function submit(call: RecordedCall): ScriptedAnswer {
    const key = call.headers['idempotency-key'] ?? '';
    const body = JSON.stringify(jsonOf(call));
    const token = tokens.get(tokenOf(call) ?? '')!;
    const recorded = filed.get(key);
    if (recorded && recorded.body !== body) return refusal(422, 'idempotency_key_reused');
    if (!recorded && fault === 'reject') return refusal(422, 'invalid_request');
    if (token.usedKey !== null && token.usedKey !== key) return refusal(401, 'delivery_token_used');
    const entry = recorded ?? {
      key,
      id: randomUUID(),
      number: token.number,
      token: tokenOf(call)!,
      body,
    };
    token.usedKey = key;
    filed.set(key, entry);
    if (fault === 'answer-lost') return 'network-error';
    return {
      status: 201,
      body: filedRequestDetail({
        ...entry,
        requestTypeId: 'servicio-internet',
        title: 'Solicitud de Servicio Internet',
        at: now(),
      }),
    };
  }

  const central = scriptedCentral({
    'POST /api/v1/delivery-tokens': (call) => {
      const refused = gate(call, false);
      if (refused) return refused;
      const token = `simulated-token-${tokens.size + 1}-${randomUUID()}`;
      const number = `T-2026-${String(tokens.size + 1).padStart(6, '0')}`;
      tokens.set(token, { number, usedKey: null });
      return { status: 201, body: { token, expiresAt: later(100), requestNumber: number } };
    },
    'POST /api/v1/uploads': (call) => {
      const refused = gate(call, true);
      if (refused) return refused;
      const announced = jsonOf(call) as { sha256: string; size: number };
      const upload = uploads.get(announced.sha256) ?? {
        id: randomUUID(),
        sha256: announced.sha256,
        size: announced.size,
        bytes: Buffer.alloc(0),
        complete: false,
      };
      uploads.set(upload.sha256, upload);
      const hide = hideNextCompletion && upload.complete;
      hideNextCompletion = false;
      return { status: 201, body: status(upload, hide ? false : upload.complete) };
    },
    'GET /api/v1/uploads/.+': (call) =>
      gate(call, true) ?? { status: 200, body: status(uploadOf(call)) },
    'PATCH /api/v1/uploads/.+': (call) => {
      const refused = gate(call, true);
      if (refused) return refused;
      const upload = uploadOf(call);
      const chunk = Buffer.from(call.body ?? new Uint8Array());
      if (Number(call.headers['upload-offset']) !== upload.bytes.length) {
        return refusal(409, 'offset_mismatch');
      }
      if (chunk.length === 0) return refusal(400, 'empty_chunk');
      if (call.headers['upload-checksum'] !== `sha256 ${sha256(chunk, 'base64')}`) {
        return refusal(460, 'checksum_mismatch');
      }
      upload.bytes = Buffer.concat([upload.bytes, chunk]);
      if (upload.bytes.length === upload.size) {
        if (sha256(upload.bytes, 'hex') !== upload.sha256) return refusal(422, 'hash_mismatch');
        upload.complete = true;
      }
      return { status: 200, body: status(upload) };
    },
    'POST /api/v1/requests': (call) => gate(call, true) ?? submit(call),
  });

  function uploadOf(call: RecordedCall): Upload {
    const id = call.path.split('/').at(-1);
    const upload = [...uploads.values()].find((candidate) => candidate.id === id);
    if (!upload) throw new Error(`No simulated upload ${id}`);
    return upload;
  }

  /** Every call may be held first (to line up two callers at the same moment). */
  const fetch = async (input: URL | RequestInfo, init?: RequestInit): Promise<Response> => {
    const url = new URL(input instanceof Request ? input.url : input.toString());
    await options.before?.(init?.method ?? 'GET', url.pathname);
    return central.fetch(input, init);
  };

  return {
    fetch,
    calls: central.calls,
    /** Submissions filed, by idempotency key: a replay never adds one. */
    filed,
    uploads,
    tokensIssued: () => tokens.size,
    setFault(next: CentralFault) {
      fault = next;
    },
    hideNextCompletion() {
      hideNextCompletion = true;
    },
  };
}

export type SimulatedCentral = ReturnType<typeof simulatedCentral>;
