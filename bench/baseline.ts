// The physical limit of the ingest: `psql \copy` of the same files into bare typed tables (no key,
// no index, no constraint, no validation) in a fresh database. Each file is one psql process,
// timed from spawn to exit, like the job's ingest is.
//
// Column types follow the export's declaration where COPY can parse the file's text directly:
// date → date, usd → numeric, count → integer, bool → boolean; everything else (text, e-mail,
// codes, YYYY-MM months, which PostgreSQL cannot read as a date) is text. A file holding a value
// its typed table refuses (the generator's bad rows, with --bad-rate > 0) is copied again into an
// all-text table, and marked `typed: false`.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import type { ColumnType } from '../src/exports/declaration.js';
import { EXPORTS } from '../src/exports/index.js';
import { measure } from './measure.js';

export const PSQL = process.env.PSQL ?? '/usr/bin/psql';

export interface BaselineFile {
  dataset: string;
  file: string;
  bytes: number;
  rows: number;
  seconds: number;
  /** false when the file had to go into an all-text table */
  typed: boolean;
  /** the failed typed attempt, when there was one */
  typedError?: string;
}

export interface InputFile {
  dataset: string;
  path: string;
  bytes: number;
}

export function psqlVersion(): string | null {
  try {
    return execFileSync(PSQL, ['--version'], { encoding: 'utf8' }).trim();
  } catch {
    return null;
  }
}

function pgType(type: ColumnType | undefined): string {
  switch (type?.kind) {
    case 'date':
      return 'date';
    case 'usd':
      return 'numeric';
    case 'count':
      return 'integer';
    case 'bool':
      return 'boolean';
    default:
      return 'text';
  }
}

/** The header's names as the loader sees them (trimmed, lower-cased; a simple header is assumed). */
export function readHeaderNames(file: string): string[] {
  const fd = fs.openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(64 * 1024);
    const read = fs.readSync(fd, buffer, 0, buffer.length, 0);
    let head = buffer.subarray(0, read);
    if (file.toLowerCase().endsWith('.gz')) head = zlib.gunzipSync(head, { finishFlush: zlib.constants.Z_SYNC_FLUSH });
    let text = head.toString('utf8');
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    const line = text.split(/\r?\n/, 1)[0] ?? '';
    return line.split(',').map((n) => n.trim().replace(/^"(.*)"$/, '$1').trim().toLowerCase());
  } finally {
    fs.closeSync(fd);
  }
}

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

function quoteLiteral(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

export function baselineTableSql(dataset: string, header: readonly string[], typed: boolean): string {
  const declared = new Map((EXPORTS.find((e) => e.dataset === dataset)?.columns ?? []).map((c) => [c.name, c.type]));
  const columns = header.map((name, i) => `${quoteIdent(name || `column_${i + 1}`)} ${typed ? pgType(declared.get(name)) : 'text'}`);
  return `drop table if exists ${quoteIdent(dataset)}; create table ${quoteIdent(dataset)} (${columns.join(', ')})`;
}

export function copyCommand(dataset: string, file: string): string {
  const source = file.toLowerCase().endsWith('.gz') ? `program ${quoteLiteral(`gzip -dc ${quoteLiteral(file)}`)}` : quoteLiteral(file);
  return `\\copy ${quoteIdent(dataset)} from ${source} with (format csv, header true, encoding 'UTF8')`;
}

async function psql(url: string, command: string, scratchDir: string, cwd: string) {
  return measure(PSQL, ['-X', '-v', 'ON_ERROR_STOP=1', '-d', url, '-c', command], {
    cwd,
    env: { ...process.env, PGAPPNAME: 'tier-review bench baseline' },
    scratchDir,
  });
}

/** Copies every file with psql into bare tables of the (fresh, empty) database at `url`. */
export async function psqlBaseline(url: string, files: readonly InputFile[], scratchDir: string, log: (line: string) => void): Promise<BaselineFile[]> {
  const results: BaselineFile[] = [];
  for (const f of files) {
    const header = readHeaderNames(f.path);
    let typed = true;
    let typedError: string | undefined;
    let copied;
    for (;;) {
      const created = await psql(url, baselineTableSql(f.dataset, header, typed), scratchDir, path.dirname(f.path));
      if (created.exitCode !== 0) throw new Error(`psql could not create the baseline table ${f.dataset}: ${created.stderr.trim()}`);
      copied = await psql(url, copyCommand(f.dataset, f.path), scratchDir, path.dirname(f.path));
      if (copied.exitCode === 0) break;
      if (!typed) throw new Error(`psql \\copy of ${f.path} failed: ${copied.stderr.trim()}`);
      typedError = copied.stderr.trim().split('\n')[0];
      log(`  psql \\copy ${f.dataset}: the typed table refused the file (${typedError}); copying into text columns`);
      typed = false;
    }
    const rows = Number(/COPY (\d+)/.exec(copied.stdout)?.[1] ?? NaN);
    const result: BaselineFile = { dataset: f.dataset, file: f.path, bytes: f.bytes, rows, seconds: copied.seconds, typed, ...(typedError ? { typedError } : {}) };
    log(`  psql \\copy ${f.dataset.padEnd(27)} ${rows.toString().padStart(10)} rows ${copied.seconds.toFixed(2).padStart(8)} s`);
    results.push(result);
  }
  return results;
}
