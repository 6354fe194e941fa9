import { describe, expect, it } from 'vitest';
import { WebEnv } from './web-env.js';

describe("npm run web's settings", () => {
  it('gives the embedded central the same port at every start, so mailed links keep working', () => {
    const first = WebEnv.parse({});
    expect(first.CENTRAL_PORT).toBe(5181);
    expect(first.CENTRAL_PORT).not.toBe(first.KIOSK_WEB_PORT);
    expect(WebEnv.parse({}).CENTRAL_PORT).toBe(first.CENTRAL_PORT);
    expect(WebEnv.parse({ CENTRAL_PORT: '0' }).CENTRAL_PORT).toBe(0);
  });
});
