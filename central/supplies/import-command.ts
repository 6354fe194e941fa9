import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { CentralDb } from '../db/index.js';
import type { MasterDataFile } from './csv-file.js';
import { readCsvFolder } from './demo.js';
import { importMasterData } from './import.js';
import { importCommandMessages as say, importMessages } from './messages.js';

type Console = { log: (line: string) => void; error: (line: string) => void };

/**
 * `npm run central -- import PATH...`: each path a CSV file or a folder of them. Prints a summary,
 * or every refused row with its file and line. Exit code 0 when imported, 1 when refused, 2 when
 * there was nothing to read.
 */
export async function importCommand(
  db: CentralDb,
  paths: readonly string[],
  out: Console = console,
): Promise<number> {
  if (paths.length === 0) {
    out.error(say.noFiles);
    return 2;
  }
  const files: MasterDataFile[] = [];
  for (const given of paths) {
    const info = await stat(given).catch(() => null);
    if (!info) {
      out.error(say.notFound(given));
      return 2;
    }
    if (info.isDirectory()) {
      const inFolder = await readCsvFolder(given);
      if (inFolder.length === 0) {
        out.error(say.noCsvIn(given));
        return 2;
      }
      // Named by their path, so a report points at the right file.
      files.push(...inFolder.map((file) => ({ ...file, name: path.join(given, file.name) })));
    } else {
      files.push({ name: given, content: await readFile(given) });
    }
  }

  out.log(say.reading(files.map((file) => file.name)));
  const result = await importMasterData(db, files);
  if (!result.ok) {
    out.error(say.refused(result.problems.length));
    for (const problem of result.problems) {
      out.error(say.problem(importMessages.at(problem.file, problem.line), problem.reason));
    }
    return 1;
  }
  const { customers, supplies, invoices, linksRemoved } = result.summary;
  out.log(say.counts('Clientes', customers.added, customers.updated));
  out.log(say.counts('Suministros', supplies.added, supplies.updated));
  out.log(say.counts('Facturas', invoices.added, invoices.updated, true));
  if (linksRemoved > 0) out.log(say.linksRemoved(linksRemoved));
  out.log(say.done);
  return 0;
}
