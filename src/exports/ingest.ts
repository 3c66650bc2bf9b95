// Ingest of an input folder: every export, partners first. A file identical to its snapshot's is
// skipped, unless the roster changed in this run: rows once rejected for an unknown partner_id
// must be checked again against the new roster.
import fs from 'node:fs';
import type { Database } from '../db/connect.js';
import { EXPORTS } from './index.js';
import { loadExport, type FileResult, type RejectLimit } from './loader.js';
import { UsageError } from '../errors.js';

export interface IngestResult {
  files: FileResult[];
  /** true when any file or row was rejected (exit code 3) */
  rejected: boolean;
}

export async function ingestFolder(
  database: Database, dir: string, options: { runId: string; tmpDir: string; rejectLimit?: RejectLimit; onFileStart?: (dataset: string) => void; onFile?: (r: FileResult) => void },
): Promise<IngestResult> {
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) throw new UsageError(`--input: no such folder: ${dir}`);
  const files: FileResult[] = [];
  let rosterChanged = false;
  for (const declaration of EXPORTS) {
    options.onFileStart?.(declaration.dataset);
    const result = await loadExport(database, declaration, dir, { ...options, force: rosterChanged && declaration.partnerColumn !== undefined });
    if (declaration.dataset === 'partners') {
      if (result.status === 'loaded') rosterChanged = true;
      if (result.status === 'absent' && !(await snapshotOf(database, 'partners'))) {
        result.status = 'rejected';
        result.error = { line: null, column: null, reason: 'partners.csv is required on the first run: no partner roster is loaded yet' };
      }
    }
    result.snapshot = await snapshotOf(database, declaration.dataset);
    files.push(result);
    options.onFile?.(result);
  }
  return { files, rejected: files.some((f) => f.status === 'rejected' || f.rowsRejected > 0) };
}

async function snapshotOf(database: Database, dataset: string): Promise<FileResult['snapshot']> {
  const row = await database.db.selectFrom('datasets').select(['loaded_at', 'source_file']).where('dataset', '=', dataset).executeTakeFirst();
  return row ? { loadedAt: new Date(row.loaded_at).toISOString(), sourceFile: row.source_file } : null;
}
