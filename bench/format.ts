// The readable form of a benchmark result: Markdown tables (printed on stdout, and kept in
// docs/benchmarks.md between markers of the run's scale and database).
import fs from 'node:fs';
import type { BenchResult, StageResult } from './bench.js';

function n(value: number | null | undefined, digits = 0): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

function seconds(value: number | null | undefined): string {
  if (value === null || value === undefined) return '—';
  return value < 10 ? n(value, 2) : n(value, 1);
}

function ratio(value: number | null | undefined): string {
  return value === null || value === undefined || !Number.isFinite(value) ? '—' : `${value.toFixed(2)}×`;
}

function mb(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : n(value, 0);
}

function stageName(s: StageResult): string {
  return s.kind === 'file' ? `  ${s.stage}` : s.stage;
}

function rowsCell(s: StageResult): string {
  if (s.rows === null) return '—';
  return s.rowsUnit === 'rows' ? n(s.rows) : `${n(s.rows)} ${s.rowsUnit}`;
}

export function machineLine(r: BenchResult): string {
  const m = r.machine;
  return `${m.cpuModel}, ${m.cores} cores, ${n(m.memoryGb, 1)} GB RAM, ${m.os}; Node ${m.node}; ${m.database}` +
    `${m.baselineServer ? `; baseline ${m.baselineServer} (${m.psql ?? 'psql'})` : ''}; ${r.startedAt.slice(0, 10)}`;
}

/** The host probes (bench/host-speed.ts); null for a result saved before they existed. */
export function hostSpeedLine(r: BenchResult): string | null {
  const h = r.host as BenchResult['host'] | undefined;
  if (!h) return null;
  const pair = (p: { start: number; end: number }) => `${p.start.toFixed(2)} s at the start, ${p.end.toFixed(2)} s at the end`;
  return `Host speed (fixed workloads of bench/host-speed.ts; more seconds: a slower host): JavaScript ${pair(h.cpu)}` +
    `${h.sql ? `; SQL on the server ${pair(h.sql)}` : ''}.`;
}

export function stagesTable(r: BenchResult): string {
  const server = r.stages.some((s) => s.serverSeconds !== undefined && s.serverSeconds !== null);
  const lines = [
    `| stage | seconds | rows | rows/s | psql \\copy s | ratio | peak RSS MB | job CPU s |${server ? ' server s |' : ''}`,
    `|---|---:|---:|---:|---:|---:|---:|---:|${server ? '---:|' : ''}`,
  ];
  for (const s of r.stages) {
    if (s.status === 'not implemented') {
      lines.push(`| ${s.stage} | not implemented | — | — | — | — | — | — |${server ? ' — |' : ''}`);
      continue;
    }
    lines.push(`| ${stageName(s)} | ${seconds(s.seconds)} | ${rowsCell(s)} | ${n(s.rowsPerSecond)} | ${seconds(s.baselineSeconds)} | ${ratio(s.ratio)} | ${mb(s.peakRssMb)} | ${seconds(s.cpuSeconds)} |${server ? ` ${seconds(s.serverSeconds)} |` : ''}`);
  }
  const notes = r.stages.filter((s) => s.note && s.kind === 'stage' && s.status !== 'not implemented').map((s) => `${s.stage}: ${s.note}`);
  return [lines.join('\n'), ...(notes.length > 0 ? ['', ...notes.map((x) => `- ${x}`)] : [])].join('\n');
}

export function targetsTable(r: BenchResult): string {
  const lines = ['| target | measured | result | note |', '|---|---:|---|---|'];
  for (const t of r.targets) lines.push(`| ${t.target} | ${t.display} | ${t.verdict} | ${t.note ?? ''} |`);
  return lines.join('\n');
}

/** Where the server spent each stage (PostgreSQL runs): the sampled statements, largest first. */
export function profileTable(r: BenchResult, topIngest = 12, topOther = 4): string | null {
  const profiled = r.stages.filter((s) => s.serverProfile && s.seconds);
  if (profiled.length === 0) return null;
  const lines = [
    `Server time by statement (pg_stat_activity of the job's database sampled every ${profiled[0]!.serverProfile!.intervalMs} ms, client backends only; share of the stage's wall time, which can pass 100% when the job uses several connections at once):`,
    '',
    '| stage | statement | server s | share |',
    '|---|---|---:|---:|',
  ];
  for (const s of profiled) {
    const p = s.serverProfile!;
    for (const t of p.statements.slice(0, s.stage === 'ingest' ? topIngest : topOther)) {
      lines.push(`| ${s.stage} | \`${t.statement.replace(/\|/g, '\\|').replace(/`/g, "'")}\` | ${seconds(t.seconds)} | ${n((100 * t.seconds) / s.seconds!, 0)}% |`);
    }
    lines.push(`| ${s.stage} | *(no statement active: the job process itself, start-up, transfer)* | ${seconds(p.idleSeconds)} | ${n((100 * p.idleSeconds) / s.seconds!, 0)}% |`);
  }
  return lines.join('\n');
}

/** Whether the measured parts started from a server checkpoint (results of older runs lack the field). */
function checkpointLine(r: BenchResult): string {
  if (r.checkpointRefused === undefined) return '';
  if (r.checkpointRefused !== null) return `No server checkpoint before the measured stages (${r.checkpointRefused}).`;
  const parts = [r.baseline.status === 'ok' ? 'the baseline' : null, r.database.kind === 'postgres' ? 'each job stage' : null].filter(Boolean);
  return parts.length > 0 ? `A server checkpoint before ${parts.join(' and ')}.` : '';
}

export function summaryText(r: BenchResult): string {
  const d = r.dataset;
  const host = hostSpeedLine(r);
  const baseline = r.baseline.status === 'ok'
    ? `psql \\copy baseline: ${seconds(r.baseline.seconds)} s for ${n(r.baseline.rows)} rows into bare typed tables of a fresh database${r.baseline.files.some((f) => !f.typed) ? ' (some files went into text columns: see the JSON)' : ''}`
    : `psql \\copy baseline: skipped (${r.baseline.reason})`;
  return [
    `### ${r.title}`,
    '',
    `Machine: ${machineLine(r)}.`,
    '',
    ...(host ? [host, ''] : []),
    ...(r.code ? [`Code: commit ${r.code.commit ?? '?'}${r.code.changedFiles ? ` with ${r.code.changedFiles} changed files in src/, jobs/, migrations/` : ''}, dist/ built ${r.code.builtAt.slice(0, 16).replace('T', ' ')} UTC.`, ''] : []),
    `Data: ${n(d.partners)} partners, ${n(d.rows)} rows in ${d.files.length} files, ${n(d.bytes / 1e6, 1)} MB (${d.origin}); as-of ${r.options.asOf}, backfill ${r.options.backfillDays} days. ${baseline}. ${checkpointLine(r)} Peak RSS: ${r.rssMethod === 'gnu-time' ? '/usr/bin/time -v of each job process' : 'VmHWM of each job process, sampled'}.`,
    '',
    stagesTable(r),
    '',
    targetsTable(r),
    '',
    ...(profileTable(r) ? [profileTable(r)!, ''] : []),
  ].join('\n');
}

export function docsMarkers(r: BenchResult): { start: string; end: string } {
  const key = `${r.scaleLabel}:${r.database.kind}`;
  return { start: `<!-- bench:${key}:start -->`, end: `<!-- bench:${key}:end -->` };
}

/** Replaces (or appends) this run's section of the docs file. */
export function updateDocs(file: string, r: BenchResult): void {
  const { start, end } = docsMarkers(r);
  const section = `${start}\n${summaryText(r)}\nResults file: \`${r.resultsFileRelative}\`.\n${end}`;
  const current = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '# Benchmarks\n\n';
  const a = current.indexOf(start);
  const b = current.indexOf(end);
  const next = a >= 0 && b > a ? current.slice(0, a) + section + current.slice(b + end.length) : `${current.replace(/\n*$/, '\n\n')}${section}\n`;
  fs.writeFileSync(file, next);
}
