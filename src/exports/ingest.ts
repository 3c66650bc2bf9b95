// Ingest of an input folder: every export, partners first. A file identical to its snapshot's is
// skipped, unless the roster changed in this run: rows once rejected for an unknown partner_id
// must be checked again against the new roster.
//
// On a PostgreSQL server the files after the roster (and the domains, which domain revenue is
// attributed through) load on two connections at once, largest first: each load is mostly work
// inside PostgreSQL, and a second lane keeps the machine's second core busy.
import fs from 'node:fs';
import type { Database } from '../db/connect.js';
import { UsageError } from '../errors.js';
import type { ExportDeclaration } from './declaration.js';
import { EXPORTS } from './index.js';
import { loadExport, type FileResult, type RejectLimit } from './loader.js';
import { snapshotOf } from './snapshots.js';
import { findExportFile } from './source.js';

export interface IngestResult {
  files: FileResult[];
  /** true when any file or row was rejected (exit code 3) */
  rejected: boolean;
}

export interface IngestOptions {
  runId: string;
  tmpDir: string;
  rejectLimit?: RejectLimit;
  /** loads at once after the roster (default: 2 on a server, 1 on PGlite) */
  lanes?: number;
  onFileStart?: (dataset: string) => void;
  onFile?: (r: FileResult) => void;
}

/** Loaded one after the other before any other file: everything else depends on them. */
const FIRST = new Set(['partners', 'partner_domains']);

export async function ingestFolder(database: Database, dir: string, options: IngestOptions): Promise<IngestResult> {
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) throw new UsageError(`--input: no such folder: ${dir}`);
  const results = new Map<string, FileResult>();
  let rosterChanged = false;
  const load = async (declaration: ExportDeclaration) => {
    options.onFileStart?.(declaration.dataset);
    const result = await loadExport(database, declaration, dir, { ...options, force: rosterChanged && declaration.partnerColumn !== undefined });
    if (declaration.dataset === 'partners') {
      if (result.status === 'loaded') rosterChanged = true;
      if (result.status === 'absent' && !(await snapshotOf(database.db, 'partners'))) {
        result.status = 'rejected';
        result.error = { line: null, column: null, reason: 'partners.csv is required on the first run: no partner roster is loaded yet' };
      }
    }
    result.snapshot = await snapshotOf(database.db, declaration.dataset);
    results.set(declaration.dataset, result);
    options.onFile?.(result);
  };
  for (const declaration of EXPORTS.filter((d) => FIRST.has(d.dataset))) await load(declaration);

  // The rest, largest file first, on as many lanes as asked.
  const rest = EXPORTS.filter((d) => !FIRST.has(d.dataset))
    .map((d) => ({ d, size: fileSize(dir, d.dataset) }))
    .sort((a, b) => b.size - a.size)
    .map(({ d }) => d);
  const lanes = Math.max(1, options.lanes ?? (database.kind === 'postgres' ? 2 : 1));
  let next = 0;
  await Promise.all(Array.from({ length: lanes }, async () => {
    while (next < rest.length) await load(rest[next++]!);
  }));
  const files = EXPORTS.map((d) => results.get(d.dataset)!);
  return { files, rejected: files.some((f) => f.status === 'rejected' || f.rowsRejected > 0) };
}

function fileSize(dir: string, dataset: string): number {
  try {
    const file = findExportFile(dir, dataset);
    return file ? fs.statSync(file).size : 0;
  } catch {
    return 0;
  }
}
