import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';

const central = vi.hoisted(() => ({
  startCentral: vi.fn(() =>
    Promise.resolve({
      url: 'http://127.0.0.1:40123',
      port: 40123,
      close: vi.fn(),
      demoStaff: {
        members: [{ email: 'revisor@copelco.example', role: 'revisor' }],
        password: 'x',
      },
    }),
  ),
}));

vi.mock('electron', () => ({}));
vi.mock('../central/server.js', () => central);

const { startEmbeddedCentral } = await import('./embedded-central.js');

describe('startEmbeddedCentral', () => {
  it('starts the central in userData/central on a free loopback port, with demo staff printed once', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    const running = await startEmbeddedCentral('/var/lib/ventanilla');
    expect(central.startCentral).toHaveBeenCalledExactlyOnceWith({
      dataDir: path.join('/var/lib/ventanilla', 'central'),
      port: 0,
      seedDemoStaff: true,
    });
    expect(log.mock.calls.flat().join('\n')).toContain('Oficina: http://127.0.0.1:40123/oficina');
    expect(log.mock.calls.flat().join('\n')).toContain('revisor@copelco.example');
    log.mockRestore();
    expect(running.url).toBe('http://127.0.0.1:40123');
  });
});
