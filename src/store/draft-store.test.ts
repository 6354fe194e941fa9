import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { useTempDir } from '../testing/use-temp-dir.js';
import { openKioskStore, type KioskStore } from './index.js';

const temp = useTempDir();
const body = Buffer.from('sealed');
const at = (minutes: number) => new Date(Date.UTC(2026, 10, 28, 12, minutes)).toISOString();

describe('draft store', () => {
  let store: KioskStore;
  beforeEach(() => {
    store = openKioskStore(path.join(temp.dir, 'kiosk'));
  });
  afterEach(() => store.close());

  const put = (sessionId: string, owner: string, expiresAt: string) => {
    store.drafts.put({ sessionId, owner, expiresAt, body }, at(0));
    store.drafts.putFile(sessionId, `${sessionId}-page`, body);
  };

  it('hands the same customer their draft after a crash, and drops everyone else', () => {
    put('crashed', 'ana', at(30));
    put('stranger', 'juan', at(30));
    expect(store.drafts.handOver('ana', 'new-session', at(45), at(5))).toBe(true);
    expect(store.drafts.get('crashed')).toBeNull();
    expect(store.drafts.get('stranger')).toBeNull();
    expect(store.drafts.get('new-session')).toMatchObject({ owner: 'ana', expiresAt: at(45) });
    expect(store.drafts.getFile('new-session', 'crashed-page')).toEqual(body);
  });

  it('does not hand over a draft whose session lifetime has passed', () => {
    put('crashed', 'ana', at(30));
    expect(store.drafts.handOver('ana', 'late-session', at(90), at(31))).toBe(false);
    expect(store.drafts.get('crashed')).toBeNull();
    expect(store.drafts.getFile('crashed', 'crashed-page')).toBeNull();
  });

  it('purges expired drafts and deletes one with its files', () => {
    put('old', 'ana', at(10));
    put('live', 'juan', at(40));
    expect(store.drafts.purgeExpired(at(20))).toBe(1);
    expect(store.drafts.delete('live')).toBe(true);
    expect(store.drafts.getFile('live', 'live-page')).toBeNull();
    expect(store.drafts.delete('live')).toBe(false);
  });
});
