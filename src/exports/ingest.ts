// Ingest of an input folder: every export, partners first. A file identical to its snapshot's is
// skipped, unless its snapshot was checked against another roster than the one now in force (the
// roster changed in this run, or since the file was last loaded): its partner_ids are checked again.
//
// On a PostgreSQL server the files load on two connections at once, largest first: each load is
// mostly work inside PostgreSQL, and a second lane keeps the machine's second core busy. The files
// after the roster (and the domains, which domain revenue is attributed through) are staged while
// those load, and validated after them.
import fs from 'node:fs';
import path from 'node:path';
import type { Database } from '../db/connect.js';
import { UsageError } from '../errors.js';
import type { ExportDeclaration } from './declaration.js';
import { EXPORTS } from './index.js';
import { loadExport, type FileResult, type LoadOptions, type RejectLimit } from './loader.js';
import { datasetsBehindRoster, snapshotOf, snapshotSha256 } from './snapshots.js';
import { findExportFile, sha256Of } from './source.js';

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

/** `--input`, resolved; bad usage when it is not a folder (checked before a job opens the database). */
export function inputFolder(dir: string): string {
  const resolved = path.resolve(dir);
  if (!fs.existsSync(resolved) || !fs.statSync(resolved).isDirectory()) throw new UsageError(`--input: no such folder: ${dir}`);
  return resolved;
}

export async function ingestFolder(database: Database, dir: string, options: IngestOptions): Promise<IngestResult> {
  inputFolder(dir);
  const results = new Map<string, FileResult>();
  let rosterChanged = false;
  const behindRoster = await datasetsBehindRoster(database.db);
  /** a file to check again even if unchanged: the roster it was checked against is no longer in force */
  const recheck = (declaration: ExportDeclaration) =>
    declaration.partnerColumn !== undefined && (rosterChanged || behindRoster.has(declaration.dataset));
  const load = async (declaration: ExportDeclaration, after?: LoadOptions['after']) => {
    options.onFileStart?.(declaration.dataset);
    const force = after ? undefined : recheck(declaration);
    const result = await loadExport(database, declaration, dir, { ...options, force, after });
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
  const first = EXPORTS.filter((d) => FIRST.has(d.dataset));
  // The rest, largest file first, on as many lanes as asked.
  const rest = EXPORTS.filter((d) => !FIRST.has(d.dataset))
    .map((d) => ({ d, size: fileSize(dir, d.dataset) }))
    .sort((a, b) => b.size - a.size)
    .map(({ d }) => d);
  const lanes = Math.max(1, options.lanes ?? (database.kind === 'postgres' ? 2 : 1));
  if (lanes === 1) {
    for (const declaration of [...first, ...rest]) await load(declaration);
  } else {
    // The other lanes stage (COPY) the largest files while the first loads the roster and the
    // domains; they validate once those are in force.
    const rosterMayChange = await partnersFileDiffers(database, dir);
    const firstLoaded = (async () => {
      for (const declaration of first) await load(declaration);
    })();
    const after = (declaration: ExportDeclaration): LoadOptions['after'] => ({
      mayForce: declaration.partnerColumn !== undefined && (rosterMayChange || behindRoster.has(declaration.dataset)),
      wait: async () => {
        await firstLoaded;
        return recheck(declaration);
      },
    });
    let next = 0;
    let failed = false;
    // A lane that fails stops the others taking more files; the run fails once they are done, so
    // that none is cut off in the middle of a load (its scratch tables would stay behind).
    const ended = await Promise.allSettled(Array.from({ length: lanes }, async (_, lane) => {
      try {
        if (lane === 0) await firstLoaded;
        while (next < rest.length && !failed) {
          const declaration = rest[next++]!;
          await load(declaration, after(declaration));
        }
      } catch (error) {
        failed = true;
        throw error;
      }
    }));
    const failure = ended.find((e): e is PromiseRejectedResult => e.status === 'rejected');
    if (failure) throw failure.reason;
  }
  const files = EXPORTS.map((d) => results.get(d.dataset)!);
  return { files, rejected: files.some((f) => f.status === 'rejected' || f.rowsRejected > 0) };
}

/** Whether partners.csv may change the roster: present and not identical to the snapshot's file. */
async function partnersFileDiffers(database: Database, dir: string): Promise<boolean> {
  const file = findExportFile(dir, 'partners');
  if (!file) return false;
  const previous = await snapshotSha256(database.db, 'partners');
  try {
    return previous !== (await sha256Of(file));
  } catch {
    return true; // unreadable: its own load reports it
  }
}

function fileSize(dir: string, dataset: string): number {
  try {
    const file = findExportFile(dir, dataset);
    return file ? fs.statSync(file).size : 0;
  } catch {
    return 0;
  }
}
