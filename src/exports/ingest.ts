// Ingest of an input folder: every export, partners first. A file identical to its snapshot's is
// skipped, unless the roster changed in this run: rows once rejected for an unknown partner_id
// must be checked again against the new roster.
import type { Database } from '../db/connect.js';

async function hasSnapshot(database: Database, dataset: string): Promise<boolean> {
  const row = await database.db.selectFrom('datasets').select('dataset').where('dataset', '=', dataset).executeTakeFirst();
  return row !== undefined;
}
import { EXPORTS } from './index.js';
import { loadExport, type FileResult, type RejectLimit } from './loader.js';

export interface IngestResult {
  files: FileResult[];
  /** true when any file or row was rejected (exit code 3) */
  rejected: boolean;
}

export async function ingestFolder(
  database: Database, dir: string, options: { runId: string; tmpDir: string; rejectLimit?: RejectLimit; onFileStart?: (dataset: string) => void; onFile?: (r: FileResult) => void },
): Promise<IngestResult> {
  const files: FileResult[] = [];
  let rosterChanged = false;
  for (const declaration of EXPORTS) {
    options.onFileStart?.(declaration.dataset);
    const result = await loadExport(database, declaration, dir, { ...options, force: rosterChanged && declaration.partnerColumn !== undefined });
    if (declaration.dataset === 'partners') {
      if (result.status === 'loaded') rosterChanged = true;
      if (result.status === 'absent' && !(await hasSnapshot(database, 'partners'))) {
        result.status = 'rejected';
        result.error = { line: null, column: null, reason: 'partners.csv is required on the first run: no partner roster is loaded yet' };
      }
    }
    files.push(result);
    options.onFile?.(result);
  }
  return { files, rejected: files.some((f) => f.status === 'rejected' || f.rowsRejected > 0) };
}
