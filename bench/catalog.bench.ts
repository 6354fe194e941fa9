import path from 'node:path';
import { startCentral } from '../central/server.js';
import { createCentralClient } from '../src/sync/central-client.js';
import { tempDir } from '../src/testing/temp-dir.js';
import { ms, median, sample, type Figure } from './measure.js';

/** Catalogue sync over loopback: a full download against the conditional request (304). */
export async function catalogBench(): Promise<Figure[]> {
  const temp = tempDir('ventanilla-bench-');
  const central = await startCentral({ dataDir: path.join(temp.dir, 'central'), port: 0 });
  try {
    const client = createCentralClient({ baseUrl: central.url });
    const first = await client.getCatalog();
    if (first.status !== 'modified') throw new Error('expected a catalogue');
    const full = await sample(() => client.getCatalog(), 50, 5);
    const conditional = await sample(() => client.getCatalog(first.etag), 50, 5);
    const size = Buffer.byteLength(JSON.stringify(first.catalog));
    return [
      { name: 'catalogue size (JSON)', value: `${(size / 1024).toFixed(1)} KiB` },
      { name: 'catalogue sync, full (median)', value: ms(median(full)) },
      {
        name: 'catalogue sync, unchanged (304, median)',
        value: ms(median(conditional)),
        note: `${(median(full) / median(conditional)).toFixed(1)}× faster than a full download`,
      },
    ];
  } finally {
    await central.close();
    temp.remove();
  }
}
