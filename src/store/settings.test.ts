import { describe, expect, it } from 'vitest';
import { useTempDir } from '../testing/use-temp-dir.js';
import { openKioskStore } from './index.js';

describe('kiosk settings', () => {
  const temp = useTempDir();
  const dir = () => temp.dir;

  it('makes the kiosk id once and keeps it across restarts', () => {
    const first = openKioskStore(dir());
    const id = first.settings.kioskId();
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(first.settings.kioskId()).toBe(id);
    first.close();

    const second = openKioskStore(dir());
    expect(second.settings.kioskId()).toBe(id);
    second.close();
  });

  it('stores and replaces plain values', () => {
    const store = openKioskStore(dir());
    expect(store.settings.get('printer')).toBeNull();
    store.settings.set('printer', 'termica-1');
    store.settings.set('printer', 'termica-2');
    expect(store.settings.get('printer')).toBe('termica-2');
    store.close();
  });
});
