// The ingest part of a run summary, for a person on a terminal. (`--json` prints the results as is.)
import { isExemptCredit } from '../rules/catalog.js';
import { RULESET_2019 } from '../rules/ruleset-2019.js';
import type { DatasetFreshness } from '../report/types.js';
import type { FileResult } from './loader.js';

const n = (value: number) => value.toLocaleString('en-US');

function where(line: number | null, column: string | null): string {
  return [line !== null ? `line ${line}` : null, column !== null ? `column ${column}` : null].filter(Boolean).join(', ');
}

function ageText(loadedAt: string, days: number): string {
  return `snapshot loaded ${loadedAt.slice(0, 10)}, ${days} day${days === 1 ? '' : 's'} old`;
}

function age(snapshot: FileResult['snapshot'], now: Date): string {
  if (!snapshot) return 'no snapshot loaded yet';
  return ageText(snapshot.loadedAt, Math.max(0, Math.floor((now.getTime() - Date.parse(snapshot.loadedAt)) / 86_400_000)));
}

/** A run without an input folder: how old each dataset's snapshot in force is (exports.md). */
export function renderSnapshotAges(datasets: readonly DatasetFreshness[]): string {
  const width = Math.max(...datasets.map((d) => `${d.dataset}.csv`.length), 10);
  const lines = datasets.map((d) => `${`${d.dataset}.csv`.padEnd(width)}  ${d.loadedAt === null || d.snapshotAgeDays === null
    ? 'no snapshot loaded yet'
    : ageText(d.loadedAt, d.snapshotAgeDays)}`);
  return `snapshots in force (no input folder given):\n${lines.map((l) => `  ${l}`).join('\n')}\n`;
}

export function renderIngestSummary(files: readonly FileResult[], now: Date): string {
  const out: string[] = [];
  const width = Math.max(...files.map((f) => (f.file ?? `${f.dataset}.csv`).length), 10);
  out.push(`${'file'.padEnd(width)}  ${'status'.padEnd(9)} ${'read'.padStart(10)} ${'loaded'.padStart(10)} ${'rejected'.padStart(9)}`);
  for (const f of files) {
    const name = (f.file ?? `${f.dataset}.csv`).padEnd(width);
    const counts = f.status === 'absent' || f.status === 'unchanged'
      ? ''
      : `${n(f.rowsRead).padStart(10)} ${n(f.rowsLoaded).padStart(10)} ${n(f.rowsRejected).padStart(9)}`;
    const note = f.status === 'absent' ? `  (no file: previous snapshot kept; ${age(f.snapshot, now)})`
      : f.status === 'unchanged' ? `  (same as the loaded snapshot; ${age(f.snapshot, now)})`
      : f.status === 'rejected' ? `  (previous snapshot kept; ${age(f.snapshot, now)})` : '';
    out.push(`${name}  ${f.status.padEnd(9)} ${counts}${note}`.trimEnd());
    if (f.error) out.push(`  file rejected${where(f.error.line, f.error.column) ? ` at ${where(f.error.line, f.error.column)}` : ''}: ${f.error.reason}`);
    if (f.unknownColumns.length > 0) out.push(`  ignored unknown column${f.unknownColumns.length > 1 ? 's' : ''}: ${f.unknownColumns.join(', ')}`);
    for (const r of f.rejects) {
      const value = r.value === null ? '' : ` (value ${JSON.stringify(r.value)})`;
      out.push(`  ${where(r.line, r.column)}: ${r.reason}${value}`);
    }
    if (f.rowsRejected > f.rejects.length) out.push(`  … and ${n(f.rowsRejected - f.rejects.length)} more rejected rows (all stored in the rejects table)`);
    if (f.unmatched && f.unmatched.rows > 0) {
      out.push(`  unmatched domains (no partner owns them; counted, not rejected): ${n(f.unmatched.domains)} domain${f.unmatched.domains === 1 ? '' : 's'}, ${n(f.unmatched.rows)} row${f.unmatched.rows === 1 ? '' : 's'}`);
    }
    if (f.creditTypes && Object.keys(f.creditTypes).length > 0) {
      out.push(`  credit types seen: ${Object.entries(f.creditTypes).map(([type, count]) => `${type} ${n(count)}${isExemptCredit(type, RULESET_2019) ? ' (exempt)' : ''}`).join(', ')}`);
    }
  }
  return out.join('\n') + '\n';
}
