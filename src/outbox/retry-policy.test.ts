import { describe, expect, it } from 'vitest';
import { CentralError } from '../sync/central-client.js';
import { classify, retryDelayMs } from './retry-policy.js';

const http = (status: number, code = 'x', retryAfterSeconds?: number) =>
  new CentralError('http', 'm', status, { code, message: 'm' }, retryAfterSeconds);

describe('outbox retry policy', () => {
  it.each([
    [new CentralError('network', 'sin red'), 'retry'],
    [new CentralError('timeout', 'lento'), 'retry'],
    [new CentralError('contract', 'otra versión'), 'retry'],
    [http(500), 'retry'],
    [http(503), 'retry'],
    [http(429), 'retry'],
    [http(460, 'checksum_mismatch'), 'retry'],
    [http(409, 'idempotency_in_flight'), 'retry'],
    [http(409, 'offset_mismatch'), 'retry'],
    [http(401, 'delivery_token_invalid'), 'reauth'],
    [http(400), 'reject'],
    [http(404, 'request_not_found'), 'reject'],
    [http(409, 'idempotency_key_reused'), 'reject'],
    [http(422, 'idempotency_key_reused'), 'reject'],
    [new Error('disco lleno'), 'reject'],
  ])('%s → %s', (error, action) => {
    expect(classify(error).action).toBe(action);
  });

  it('says when the link itself is down, so the pass stops', () => {
    expect(classify(new CentralError('network', 'x'))).toMatchObject({ linkDown: true });
    expect(classify(http(503))).toMatchObject({ linkDown: false });
  });

  it('backs off exponentially with jitter, up to a cap, never before Retry-After', () => {
    expect(retryDelayMs(1, () => 0)).toBe(1000);
    expect(retryDelayMs(1, () => 1)).toBe(2000);
    expect(retryDelayMs(4, () => 0.5)).toBe(12_000);
    expect(retryDelayMs(30, () => 1)).toBe(600_000);
    expect(retryDelayMs(1, () => 0, 90)).toBe(90_000);
    expect(classify(http(429, 'too_many_attempts', 30))).toMatchObject({ afterSeconds: 30 });
  });
});
