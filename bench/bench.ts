// The benchmark harness (issue "scale"): times every stage of the job as it really runs — the
// compiled CLI `node bin/tier-review.js …` (with the Node options of its #! line) as a child process, measured with /usr/bin/time -v —
// and, in the same run, the physical limit of the ingest: psql \copy of the same files into bare
// typed tables of a fresh database.
//
//   npm run bench -- --scale small                       embedded PGlite (DATABASE_URL unset)
//   DATABASE_URL=postgres://… npm run bench -- --scale apn --input /tmp/apn-bench
//
// Options:
//   --scale tiny|small|apn|N   data scale (default small; with --input, the scale the folder was generated at)
//   --input DIR                export folder to use; generated there first (and kept) when it holds no export
//   --database-url URL         PostgreSQL server to run the job on (default: $DATABASE_URL; unset → embedded PGlite)
//   --pglite                   the embedded default even when DATABASE_URL is set
//   --baseline-url URL         server for the psql \copy baseline (default: the job's server; on PGlite,
//                              $BENCH_BASELINE_URL or postgres://postgres@127.0.0.1:5432/postgres if it answers)
//   --no-baseline              skip the psql baseline
//   --backfill-days N          days backfilled, ending on the as-of day (default 30; 365 for the target)
//   --as-of YYYY-MM-DD         the evaluated day and export date of generated data (default 2019-11-30)
//   --seed N, --bad-rate F     generator options (bad rate default 0: a typed COPY must accept the files)
//   --results DIR              where the JSON result goes (default bench-results/)
//   --update-docs [FILE]       replace this run's section (scale × database) of docs/benchmarks.md
//   --keep                     keep the temporary folder and the fresh databases
//   --no-profile               do not sample the server's statements (PostgreSQL runs)
//   --render FILE.json         run nothing: print a saved result again (with --update-docs: and write it there)
//
// Every job database is fresh (a new PGlite home, or a new database on the server, dropped at the
// end): a rerun must not find its snapshots unchanged or its days stored. Exit code 0 when every
// stage ran (whatever the targets say), 1 otherwise, 2 on bad usage.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { psqlBaseline, psqlVersion, PSQL, type BaselineFile, type InputFile } from './baseline.js';
import { checkpoint, createFreshDatabase, redactUrl, serverVersion, unreachable, type FreshDatabase } from './database.js';
import { summaryText, updateDocs } from './format.js';
import { DEFAULT_AS_OF, DEFAULT_SEED, SCALES, generate, partnerCount, type ScaleName } from './generate.js';
import { EXPORT_FILES } from './csv-writer.js';
import { probeHost, type HostSpeed } from './host-speed.js';
import { measure, type Measured, type RssMethod } from './measure.js';
import { ServerProfiler, type ServerProfile } from './server-profile.js';

export const DEFAULT_LOCAL_SERVER = 'postgres://postgres@127.0.0.1:5432/postgres';
const MARKER = 'bench-dataset.json';

export interface BenchOptions {
  /** default: the scale of a generated --input folder, else small */
  scale?: ScaleName | number;
  input?: string;
  /** unset: embedded PGlite */
  databaseUrl?: string;
  /** undefined: the job's server, else (PGlite) the local default server if it answers; null: no baseline */
  baselineUrl?: string | null;
  backfillDays?: number;
  asOf?: string;
  seed?: number;
  badRate?: number;
  resultsDir?: string;
  updateDocs?: string;
  keep?: boolean;
  /** sample the server's active statements during each stage (PostgreSQL runs; default true) */
  profile?: boolean;
  /** progress lines (default: stderr) */
  log?: (line: string) => void;
}

export type StageStatus = 'ok' | 'failed' | 'not implemented';

export interface StageResult {
  stage: string;
  /** a job stage, or one file (or the fixed part) of the ingest */
  kind: 'stage' | 'file';
  status: StageStatus;
  seconds: number | null;
  rows: number | null;
  rowsUnit: 'rows' | 'partners' | 'partner-days' | 'notices';
  rowsPerSecond: number | null;
  /** of the job process running the stage (files: that of the whole ingest) */
  peakRssMb: number | null;
  /** user + system CPU of the job process (the database server's is not in it) */
  cpuSeconds: number | null;
  /** PostgreSQL runs: sampled time the server spent on the stage's (or the file's) statements, summed over connections */
  serverSeconds?: number | null;
  exitCode?: number | null;
  bytes?: number;
  baselineSeconds?: number | null;
  ratio?: number | null;
  note?: string;
  /** PostgreSQL runs: where the server spent the stage, by statement (sampled; the top ones) */
  serverProfile?: ServerProfile;
}

export interface Target {
  id: 'ingest-ratio' | 'evaluate-day' | 'backfill-365' | 'peak-rss' | 'embedded-small';
  target: string;
  measured: number | null;
  display: string;
  verdict: 'PASS' | 'MISS' | 'n/a' | 'reported';
  note?: string;
}

export interface BenchResult {
  version: 1;
  title: string;
  scaleLabel: string;
  startedAt: string;
  finishedAt: string;
  machine: {
    cpuModel: string;
    cores: number;
    memoryGb: number;
    os: string;
    node: string;
    database: string;
    baselineServer: string | null;
    psql: string | null;
  };
  /** the host's speed at the start and the end of the run (bench/host-speed.ts) */
  host: HostSpeed;
  /** why the server refused the checkpoint asked for before the baseline and each job stage (null: none refused) */
  checkpointRefused: string | null;
  /** the code measured: HEAD, how many tracked files of src/, jobs/, migrations/ differed from it, when dist/ was built */
  code: { commit: string | null; changedFiles: number | null; builtAt: string };
  options: { scale: ScaleName | number | null; input: string; backfillDays: number; asOf: string; seed: number | null; badRate: number | null };
  /** `name`: the fresh database the job ran in (dropped at the end unless --keep) */
  database: { kind: 'postgres' | 'pglite'; server: string | null; name: string | null };
  dataset: {
    origin: string;
    dir: string;
    partners: number;
    rows: number;
    bytes: number;
    generatedSeconds: number | null;
    files: { dataset: string; file: string; bytes: number; rows: number | null }[];
  };
  stages: StageResult[];
  baseline: { status: 'ok' | 'skipped'; reason?: string; server?: string; database?: string; seconds: number | null; rows: number | null; files: BaselineFile[] };
  /** all job stages together (migrate, ingest, evaluate, backfill, reports) */
  endToEndSeconds: number;
  peakRssMb: number | null;
  rssMethod: RssMethod;
  targets: Target[];
  resultsFile: string;
  resultsFileRelative: string;
}

/** The package root: the folder of package.json above this file (bench/ or dist/bench/). */
export function projectRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!fs.existsSync(path.join(dir, 'package.json')) || !fs.existsSync(path.join(dir, 'bin', 'tier-review.js'))) {
    const up = path.dirname(dir);
    if (up === dir) throw new Error('project root not found');
    dir = up;
  }
  return dir;
}

function addDaysIso(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

function exportFiles(dir: string): InputFile[] {
  if (!fs.existsSync(dir)) return [];
  const names = fs.readdirSync(dir);
  const files: InputFile[] = [];
  for (const dataset of EXPORT_FILES) {
    const name = names.find((f) => f.toLowerCase() === `${dataset}.csv` || f.toLowerCase() === `${dataset}.csv.gz`);
    if (name) files.push({ dataset, path: path.join(dir, name), bytes: fs.statSync(path.join(dir, name)).size });
  }
  return files;
}

interface Marker {
  scale: ScaleName | number;
  partners: number;
  seed: number;
  asOf: string;
  badRate: number;
}

interface Input {
  dir: string;
  files: InputFile[];
  marker: Marker | null;
  generatedSeconds: number | null;
  origin: string;
}

/** The export folder: reused when it holds exports, else generated (a temporary one without --input). */
async function prepareInput(options: BenchOptions, work: string, log: (line: string) => void): Promise<Input> {
  const dir = options.input ? path.resolve(options.input) : path.join(work, 'exports');
  const existing = exportFiles(dir);
  const markerPath = path.join(dir, MARKER);
  if (existing.length > 0) {
    const marker = fs.existsSync(markerPath) ? (JSON.parse(fs.readFileSync(markerPath, 'utf8')) as Marker) : null;
    if (marker) {
      const mismatch: string[] = [];
      if (options.scale !== undefined && partnerCount(options.scale) !== marker.partners) mismatch.push(`${marker.partners} partners, not ${partnerCount(options.scale)}`);
      if (options.seed !== undefined && options.seed !== marker.seed) mismatch.push(`seed ${marker.seed}`);
      if (options.asOf !== undefined && options.asOf !== marker.asOf) mismatch.push(`as-of ${marker.asOf}`);
      if (options.badRate !== undefined && options.badRate !== marker.badRate) mismatch.push(`bad rate ${marker.badRate}`);
      if (mismatch.length > 0) throw new UsageError(`${dir} holds data generated with ${mismatch.join(', ')}: use another --input, or delete it to regenerate`);
    }
    log(`using the exports of ${dir}${marker ? ` (generated: ${marker.partners} partners, seed ${marker.seed})` : ''}`);
    return { dir, files: existing, marker, generatedSeconds: null, origin: marker ? `generated by bench/generate.ts, seed ${marker.seed}, reused` : `exports of ${dir}` };
  }
  const marker: Marker = {
    scale: options.scale ?? 'small',
    partners: partnerCount(options.scale ?? 'small'),
    seed: options.seed ?? DEFAULT_SEED,
    asOf: options.asOf ?? DEFAULT_AS_OF,
    badRate: options.badRate ?? 0,
  };
  log(`generating ${marker.partners} partners into ${dir}`);
  const t0 = performance.now();
  await generate({ scale: marker.scale, outDir: dir, seed: marker.seed, asOf: marker.asOf, badRate: marker.badRate });
  const generatedSeconds = (performance.now() - t0) / 1000;
  fs.writeFileSync(markerPath, JSON.stringify(marker, null, 2) + '\n');
  return { dir, files: exportFiles(dir), marker, generatedSeconds, origin: `generated by bench/generate.ts, seed ${marker.seed}` };
}

/**
 * Writes back and reads every file once, so that neither the baseline nor the job pays for a cold
 * page cache, or for the kernel writing a just-generated file back to disk while it is measured.
 */
async function warm(files: readonly InputFile[]): Promise<void> {
  for (const f of files) {
    const fd = fs.openSync(f.path, 'r');
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    for await (const _ of fs.createReadStream(f.path, { highWaterMark: 1 << 20 })) {
      /* read */
    }
  }
}

/** The error lines of a failed command first (a stack trace can be long), then its last lines. */
function failureText(text: string, lines = 8): string {
  const all = text.trim().split('\n').filter((l) => !l.startsWith('{'));
  const errors = all.filter((l) => /^(tier-review:|error:|\w*Error\b)/.test(l)).slice(0, 5);
  return [...errors, ...(errors.length > 0 ? ['…'] : []), ...all.slice(-lines)].join('\n');
}

interface JobRun {
  measured: Measured;
  summary: any;
  profile?: ServerProfile;
}

const PROFILE_TOP = 15;

function topOf(profile: ServerProfile | undefined): Partial<StageResult> {
  if (!profile) return {};
  const round = (v: number) => Math.round(v * 100) / 100;
  const busy = profile.statements.reduce((sum, t) => sum + t.seconds, 0);
  return {
    serverSeconds: round(busy),
    serverProfile: {
      ...profile,
      seconds: round(profile.seconds),
      idleSeconds: round(profile.idleSeconds),
      statements: profile.statements.slice(0, PROFILE_TOP).map((t) => ({ ...t, seconds: round(t.seconds) })),
    },
  };
}

class StageError extends Error {}
class UsageError extends Error {}

function stageFrom(name: string, m: Measured, rows: number | null, unit: StageResult['rowsUnit'], extra: Partial<StageResult> = {}): StageResult {
  return {
    stage: name,
    kind: 'stage',
    status: 'ok',
    seconds: m.seconds,
    rows,
    rowsUnit: unit,
    rowsPerSecond: rows !== null && m.seconds > 0 ? rows / m.seconds : null,
    peakRssMb: m.peakRssKb === null ? null : m.peakRssKb / 1024,
    cpuSeconds: m.userSeconds === null || m.systemSeconds === null ? null : m.userSeconds + m.systemSeconds,
    exitCode: m.exitCode,
    ...extra,
  };
}

/**
 * The ingest's per-file times. Each file's start is the time of the job's own debug log line
 * "loading" (pino `time`, the same clock as the harness). Its end: the next file's start when the
 * files load one after the other (PGlite; or no two files' statements were ever seen running at
 * once), else — files loading on several connections at once — the last time the server profile saw
 * a statement of that file. The last file ends when the summary reaches stdout.
 */
function ingestBreakdown(m: Measured, summaryFiles: readonly { dataset: string }[], profile: ServerProfile | undefined):
  { parts: { dataset: string; seconds: number; serverSeconds: number | null }[]; concurrent: boolean } | null {
  const events: { time: number; msg: string; dataset?: string }[] = [];
  for (const line of m.stderr.split('\n')) {
    if (!line.startsWith('{')) continue;
    try {
      const e = JSON.parse(line) as { time?: number; msg?: string; dataset?: string };
      if (typeof e.time === 'number' && typeof e.msg === 'string') events.push({ time: e.time, msg: e.msg, dataset: e.dataset });
    } catch {
      /* not a log line */
    }
  }
  const starts = events.filter((e) => e.msg === 'loading' && e.dataset);
  if (starts.length === 0 || starts.length !== summaryFiles.length || m.firstStdoutAt === null) return null;
  const end = m.firstStdoutAt;
  const concurrent = profile?.concurrentDatasets === true;
  const seen = new Map((profile?.datasets ?? []).map((d) => [d.dataset, d]));
  const runStarted = events.find((e) => e.msg === 'run started')?.time ?? starts[0]!.time;
  const parts: { dataset: string; seconds: number; serverSeconds: number | null }[] = [
    { dataset: '(start-up: node, lock, connect, migration check, ledger)', seconds: (runStarted - m.startedAt) / 1000, serverSeconds: null },
  ];
  if (starts[0]!.time > runStarted) parts.push({ dataset: '(run started → first file)', seconds: (starts[0]!.time - runStarted) / 1000, serverSeconds: null });
  starts.forEach((s, i) => {
    const d = seen.get(s.dataset!);
    let until: number;
    if (!concurrent) until = i + 1 < starts.length ? starts[i + 1]!.time : end;
    else until = Math.min(end, Math.max(s.time, (d?.lastSeen ?? s.time) + (profile!.intervalMs / 2)));
    parts.push({ dataset: s.dataset!, seconds: (until - s.time) / 1000, serverSeconds: profile ? Math.round((d?.seconds ?? 0) * 100) / 100 : null });
  });
  const lastStart = starts[starts.length - 1]!.time;
  parts.push({ dataset: concurrent ? '(finish: last file done → ledger, close, exit)' : '(finish: ledger, close, exit)', seconds: (m.endedAt - (concurrent ? Math.max(lastStart, end) : end)) / 1000, serverSeconds: null });
  return { parts, concurrent };
}

function verdict(ok: boolean): 'PASS' | 'MISS' {
  return ok ? 'PASS' : 'MISS';
}

function fmt(value: number, digits: number): string {
  return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

function targets(r: Omit<BenchResult, 'targets'>): Target[] {
  const kind = r.database.kind;
  const stage = (name: string) => r.stages.find((s) => s.stage === name && s.kind === 'stage');
  const ingest = stage('ingest');
  const evaluate = stage('evaluate one day');
  const backfill = r.stages.find((s) => s.kind === 'stage' && s.stage.startsWith('backfill'));
  const partners = r.dataset.partners;
  const atScale = (wanted: number) => (partners >= wanted ? undefined : `measured at ${fmt(partners, 0)} partners; the target is stated for ${fmt(wanted, 0)}`);
  const out: Target[] = [];
  const ratio = ingest?.ratio ?? null;
  out.push({
    id: 'ingest-ratio',
    target: 'ingest of the apn files ≤ 1.5× psql \\copy',
    measured: ratio,
    display: ratio === null ? '—' : `${ratio.toFixed(2)}× (${fmt(ingest!.seconds!, 1)} s vs ${fmt(r.baseline.seconds!, 1)} s)`,
    verdict: ratio === null ? 'n/a' : verdict(ratio <= 1.5),
    note: ratio === null ? `no psql baseline: ${r.baseline.reason ?? 'skipped'}`
      : [atScale(SCALES.apn), kind === 'pglite' ? 'embedded PGlite compared with psql into a server' : undefined].filter(Boolean).join('; ') || undefined,
  });
  out.push({
    id: 'evaluate-day',
    target: 'evaluate one day for 100,000 partners ≤ 10 s',
    measured: evaluate?.seconds ?? null,
    display: evaluate?.seconds == null ? '—' : `${fmt(evaluate.seconds, 2)} s`,
    verdict: evaluate?.seconds == null ? 'n/a' : verdict(evaluate.seconds <= 10),
    note: atScale(SCALES.apn),
  });
  const days = r.options.backfillDays;
  const projected = backfill?.seconds == null ? null : (backfill.seconds * 365) / days;
  out.push({
    id: 'backfill-365',
    target: '365-day backfill ≤ 10 min',
    measured: projected,
    display: projected === null ? '—' : `${fmt(projected, 1)} s${days === 365 ? '' : ' (projected)'}`,
    verdict: projected === null ? 'n/a' : verdict(projected <= 600),
    note: [days === 365 ? undefined : `projected linearly from ${days} days (${fmt(backfill?.seconds ?? 0, 1)} s); run --backfill-days 365 to measure it`, atScale(SCALES.apn)].filter(Boolean).join('; ') || undefined,
  });
  out.push({
    id: 'peak-rss',
    target: 'peak RSS of the job process < 300 MB with a PostgreSQL server',
    measured: r.peakRssMb,
    display: r.peakRssMb === null ? '—' : `${fmt(r.peakRssMb, 0)} MB`,
    verdict: r.peakRssMb === null ? 'n/a' : kind === 'postgres' ? verdict(r.peakRssMb < 300) : 'reported',
    note: kind === 'postgres' ? undefined : 'embedded PGlite runs inside the job process: reported, no target',
  });
  out.push({
    id: 'embedded-small',
    target: 'embedded default: small scale end to end < 60 s',
    measured: kind === 'pglite' ? r.endToEndSeconds : null,
    display: kind === 'pglite' ? `${fmt(r.endToEndSeconds, 1)} s` : '—',
    verdict: kind === 'pglite' && partners === SCALES.small ? verdict(r.endToEndSeconds < 60) : 'n/a',
    note: kind !== 'pglite' ? 'embedded runs only'
      : `migrate + ingest + evaluate + backfill ${days} d + reports${partners === SCALES.small ? '' : `; at ${fmt(partners, 0)} partners, the target is for ${fmt(SCALES.small, 0)}`}`,
  });
  return out;
}

/** The Node options the command's `#!/usr/bin/env -S node …` line gives it, as it runs installed. */
function shebangFlags(bin: string): string[] {
  const first = fs.readFileSync(bin, 'utf8').split('\n', 1)[0] ?? '';
  const match = /^#!\S*env -S node(.*)$/.exec(first);
  return match ? match[1]!.trim().split(/\s+/).filter(Boolean) : [];
}

/**
 * A private copy of the compiled command (bin/, dist/, package.json; node_modules linked), so that
 * every stage of a run measures the same build even if dist/ is rebuilt meanwhile. Returns its bin.
 */
function snapshotBuild(root: string, app: string): string {
  fs.mkdirSync(app, { recursive: true });
  fs.cpSync(path.join(root, 'bin'), path.join(app, 'bin'), { recursive: true });
  fs.cpSync(path.join(root, 'dist'), path.join(app, 'dist'), { recursive: true });
  fs.copyFileSync(path.join(root, 'package.json'), path.join(app, 'package.json'));
  fs.symlinkSync(path.join(root, 'node_modules'), path.join(app, 'node_modules'), 'dir');
  return path.join(app, 'bin', 'tier-review.js');
}

/** The commit the build came from and whether the work tree differed from it (read-only git). */
function codeVersion(root: string): BenchResult['code'] {
  const builtAt = fs.statSync(path.join(root, 'dist', 'src', 'cli.js')).mtime.toISOString();
  try {
    const git = (...args: string[]) => execFileSync('git', args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    const commit = git('rev-parse', '--short', 'HEAD');
    const changed = git('status', '--porcelain', '--untracked-files=no', '--', 'src', 'jobs', 'migrations').split('\n').filter(Boolean).length;
    return { commit, changedFiles: changed, builtAt };
  } catch {
    return { commit: null, changedFiles: null, builtAt };
  }
}

function pgliteVersion(root: string): string {
  try {
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'node_modules', '@electric-sql', 'pglite', 'package.json'), 'utf8')) as { version: string };
    return `PGlite ${pkg.version}`;
  } catch {
    return 'PGlite';
  }
}

async function embeddedVersion(root: string, dbDir: string): Promise<string> {
  const base = pgliteVersion(root);
  try {
    const { openPGlite } = await import('../src/db/connect.js');
    const { sql } = await import('kysely');
    const database = await openPGlite(dbDir);
    try {
      const { rows } = await sql<{ v: string }>`select current_setting('server_version') as v`.execute(database.db);
      return `${base} (PostgreSQL ${rows[0]?.v ?? '?'}, embedded)`;
    } finally {
      await database.close();
    }
  } catch {
    return `${base} (embedded)`;
  }
}

function timestamp(date: Date): string {
  return date.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
}

export async function runBench(given: BenchOptions = {}): Promise<BenchResult> {
  // an empty URL is an unset one (as an empty DATABASE_URL is for the job)
  const blank = (url: string | null | undefined) => (url === null ? null : url?.trim() || undefined);
  const options: BenchOptions = { ...given, databaseUrl: blank(given.databaseUrl) ?? undefined, baselineUrl: blank(given.baselineUrl) };
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const root = projectRoot();
  if (!fs.existsSync(path.join(root, 'dist', 'src', 'cli.js'))) throw new UsageError('dist/ is missing: run `npm run build` first');
  const started = new Date();
  const backfillDays = options.backfillDays ?? 30;
  if (!Number.isInteger(backfillDays) || backfillDays < 1) throw new UsageError(`bad --backfill-days: ${backfillDays}`);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'tier-review-bench-'));
  const scratch = path.join(work, 'scratch');
  fs.mkdirSync(scratch);
  const bin = snapshotBuild(root, path.join(work, 'app'));
  const code = codeVersion(root);
  const dropLater: FreshDatabase[] = [];
  try {
    const input = await prepareInput(options, work, log);
    if (!input.files.some((f) => f.dataset === 'partners')) throw new UsageError(`${input.dir} has no partners.csv: the first ingest needs the roster`);
    const asOf = input.marker?.asOf ?? options.asOf ?? DEFAULT_AS_OF;
    await warm(input.files);

    // The job's database: a fresh one on the server, or a fresh PGlite home.
    const kind: 'postgres' | 'pglite' = options.databaseUrl ? 'postgres' : 'pglite';
    const home = path.join(work, 'home');
    let jobUrl: string | undefined;
    let jobDatabase: string | null = null;
    let databaseLabel: string;
    if (options.databaseUrl) {
      const problem = await unreachable(options.databaseUrl);
      if (problem) throw new UsageError(`the PostgreSQL server of ${redactUrl(options.databaseUrl)} does not answer: ${problem}`);
      const fresh = await createFreshDatabase(options.databaseUrl, 'tier_review_bench');
      dropLater.push(fresh);
      jobUrl = fresh.url;
      jobDatabase = fresh.name;
      databaseLabel = `${await serverVersion(options.databaseUrl)} server`;
      log(`job database: ${redactUrl(fresh.url)} (fresh)`);
    } else {
      databaseLabel = pgliteVersion(root);
      log(`job database: embedded PGlite under ${home} (fresh)`);
    }

    // Each measured part starts from a checkpoint: the ingest writes about a gigabyte of WAL at the
    // apn scale, and whether a WAL-triggered checkpoint falls inside it would otherwise be chance.
    let checkpointRefused: string | null = null;
    const settle = async (serverUrl: string | undefined) => {
      if (!serverUrl || checkpointRefused) return;
      checkpointRefused = await checkpoint(serverUrl);
      if (checkpointRefused) log(`no checkpoint before the measured stages: ${checkpointRefused}`);
    };

    // The physical limit, first: psql \copy into bare typed tables of another fresh database.
    const baseline: BenchResult['baseline'] = { status: 'skipped', seconds: null, rows: null, files: [] };
    let baselineServer: string | null = null;
    const psql = psqlVersion();
    const baselineUrl = options.baselineUrl === null ? null : (options.baselineUrl ?? options.databaseUrl ?? process.env.BENCH_BASELINE_URL ?? DEFAULT_LOCAL_SERVER);
    if (baselineUrl === null) baseline.reason = 'disabled (--no-baseline)';
    else if (psql === null) baseline.reason = `psql not found at ${PSQL}`;
    else {
      const problem = await unreachable(baselineUrl);
      if (problem) baseline.reason = `no PostgreSQL server answers at ${redactUrl(baselineUrl)} (${problem})`;
      else {
        baselineServer = await serverVersion(baselineUrl);
        const fresh = await createFreshDatabase(baselineUrl, 'tier_review_bench_copy');
        await settle(baselineUrl);
        log(`psql \\copy baseline into ${redactUrl(fresh.url)} (fresh, bare typed tables)`);
        try {
          baseline.files = await psqlBaseline(fresh.url, input.files, scratch, log);
        } finally {
          if (!options.keep) await fresh.drop().catch(() => {});
          else log(`kept baseline database ${fresh.name}`);
        }
        baseline.status = 'ok';
        baseline.server = redactUrl(baselineUrl);
        baseline.database = fresh.name;
        baseline.seconds = baseline.files.reduce((s, f) => s + f.seconds, 0);
        baseline.rows = baseline.files.reduce((s, f) => s + f.rows, 0);
      }
    }
    if (baseline.status === 'skipped') log(`psql \\copy baseline skipped: ${baseline.reason}`);

    // How fast the host is now (and again at the end): seconds of runs on a shared host compare
    // only next to these.
    const probeUrl = options.databaseUrl ?? (baseline.status === 'ok' ? baselineUrl : null) ?? null;
    const startSpeed = await probeHost(probeUrl);
    log(`host speed: JavaScript probe ${startSpeed.cpu.toFixed(3)} s${startSpeed.sql === null ? '' : `, SQL probe ${startSpeed.sql.toFixed(3)} s`}`);

    // The job's stages, each the real command in a child process.
    const env: NodeJS.ProcessEnv = { ...process.env, TIER_REVIEW_HOME: home, TZ: 'UTC', LOG_LEVEL: 'debug' };
    delete env.DATABASE_URL;
    if (jobUrl) env.DATABASE_URL = jobUrl;
    const job = async (name: string, args: string[], accept: number[] = [0], stdoutFile?: string): Promise<JobRun> => {
      await settle(options.databaseUrl);
      log(`${name}: tier-review ${args.join(' ')}`);
      const profiler = jobDatabase && options.profile !== false ? new ServerProfiler(options.databaseUrl!, jobDatabase, 100, args[0] === 'ingest' ? EXPORT_FILES : []) : null;
      await profiler?.start();
      let measured: Measured;
      let profile: ServerProfile | undefined;
      try {
        measured = await measure(process.execPath, [...shebangFlags(bin), bin, ...args], { cwd: root, env, scratchDir: scratch, stdoutFile });
      } finally {
        profile = await profiler?.stop();
      }
      if (!accept.includes(measured.exitCode ?? -1)) {
        throw new StageError(`${name} failed (exit ${measured.exitCode ?? measured.signal}):\n${failureText(measured.stderr)}`);
      }
      let summary: any = null;
      if (!stdoutFile && args.includes('--json')) {
        try {
          summary = JSON.parse(measured.stdout);
        } catch {
          throw new StageError(`${name}: the summary on stdout is not JSON:\n${failureText(measured.stdout)}`);
        }
      }
      log(`  ${measured.seconds.toFixed(2)} s, peak RSS ${measured.peakRssKb === null ? '?' : Math.round(measured.peakRssKb / 1024)} MB`);
      return { measured, summary, profile };
    };

    const stages: StageResult[] = [];
    const byDataset = new Map(baseline.files.map((f) => [f.dataset, f]));

    // migrate: the schema of a fresh database (a first run's cost, kept out of the ingest)
    const migrate = await job('migrate (fresh database)', ['migrate']);
    stages.push(stageFrom('migrate (fresh database)', migrate.measured, null, 'rows', { note: 'first run only: creates the schema', ...topOf(migrate.profile) }));

    // ingest (exit 3: some rows rejected, the rest loaded)
    const ingest = await job('ingest', ['ingest', '--input', input.dir, '--json'], [0, 3]);
    const ingestStage = stages.length;
    const files = (ingest.summary.files ?? []) as { dataset: string; file: string | null; status: string; rowsRead: number; rowsLoaded: number; rowsRejected: number }[];
    const failedFiles = files.filter((f) => f.status === 'rejected');
    if (failedFiles.length > 0) throw new StageError(`ingest rejected ${failedFiles.map((f) => f.dataset).join(', ')}`);
    const rowsRead = files.reduce((s, f) => s + f.rowsRead, 0);
    const rejected = files.reduce((s, f) => s + f.rowsRejected, 0);
    stages.push(stageFrom('ingest', ingest.measured, rowsRead, 'rows', {
      bytes: input.files.reduce((s, f) => s + f.bytes, 0),
      baselineSeconds: baseline.seconds,
      ratio: baseline.seconds ? ingest.measured.seconds / baseline.seconds : null,
      ...topOf(ingest.profile),
      ...(rejected > 0 ? { note: `${rejected} rows rejected` } : {}),
    }));
    const breakdown = ingestBreakdown(ingest.measured, files, ingest.profile);
    const ingestResult = stages[ingestStage]!;
    if (breakdown) {
      if (breakdown.concurrent) ingestResult.note = [ingestResult.note, 'files loaded on several connections at once: a file\'s seconds run from its start to its last statement seen; they overlap'].filter(Boolean).join('; ');
      for (const part of breakdown.parts) {
        const f = files.find((x) => x.dataset === part.dataset);
        const b = byDataset.get(part.dataset);
        stages.push({
          stage: f ? `ingest ${part.dataset}` : part.dataset,
          kind: 'file',
          status: 'ok',
          seconds: part.seconds,
          rows: f ? f.rowsRead : null,
          rowsUnit: 'rows',
          rowsPerSecond: f && part.seconds > 0 ? f.rowsRead / part.seconds : null,
          peakRssMb: null,
          cpuSeconds: null,
          ...(part.serverSeconds !== null ? { serverSeconds: part.serverSeconds } : {}),
          ...(f ? { bytes: input.files.find((x) => x.dataset === part.dataset)?.bytes } : {}),
          ...(b ? { baselineSeconds: b.seconds, ratio: part.seconds / b.seconds } : {}),
          ...(f && f.status !== 'loaded' ? { note: f.status } : f && f.rowsRejected > 0 ? { note: `${f.rowsRejected} rows rejected` } : {}),
        });
      }
    } else {
      ingestResult.note = [ingestResult.note, 'no per-file breakdown: the job log has no "loading" lines'].filter(Boolean).join('; ');
    }
    const partners = files.find((f) => f.dataset === 'partners')?.rowsLoaded ?? 0;

    // evaluate one day
    const evaluate = await job('evaluate one day', ['evaluate', '--as-of', asOf, '--json']);
    const evaluated = Number(evaluate.summary.evaluation?.partners ?? 0);
    stages.push(stageFrom('evaluate one day', evaluate.measured, evaluated, 'partners', topOf(evaluate.profile)));

    // backfill, ending on the as-of day
    const from = addDaysIso(asOf, -(backfillDays - 1));
    const backfill = await job(`backfill ${backfillDays} days`, ['backfill', '--from', from, '--to', asOf, '--json']);
    const partnerDays = Number(backfill.summary.partners ?? 0) * Number(backfill.summary.days ?? 0);
    stages.push(stageFrom(`backfill ${backfillDays} days`, backfill.measured, partnerDays, 'partner-days', topOf(backfill.profile)));

    // reports of the stored day
    for (const format of ['json', 'html'] as const) {
      const out = path.join(work, `report.${format}`);
      const report = await job(`report ${format}`, ['report', '--as-of', asOf, '--format', format], [0], out);
      const bytes = fs.statSync(out).size;
      let rows = evaluated;
      if (format === 'json' && bytes < 64 * 1024 * 1024) rows = (JSON.parse(fs.readFileSync(out, 'utf8')) as { partners: unknown[] }).partners.length;
      stages.push(stageFrom(`report ${format}`, report.measured, rows, 'partners', { bytes, note: `${(bytes / 1e6).toFixed(1)} MB written`, ...topOf(report.profile) }));
      fs.rmSync(out, { force: true });
    }

    // notices: the nightly run of the stored day queues them (neither evaluate nor backfill does,
    // so every event of the day is new), then notify writes them to the file outbox
    const nightly = await job('notices queued', ['run', '--as-of', asOf, '--no-email', '--json']);
    const queued = Number(nightly.summary.notices?.queued ?? 0);
    stages.push(stageFrom('notices queued', nightly.measured, queued, 'notices', {
      note: 'run --no-email: evaluates and stores the day again, queues its notices, writes its reports', ...topOf(nightly.profile),
    }));
    const notify = await job('notices sent', ['notify']);
    stages.push(stageFrom('notices sent', notify.measured, queued, 'notices', { note: 'notify: each queued notice written to the file outbox', ...topOf(notify.profile) }));

    const endSpeed = await probeHost(probeUrl);
    const host: HostSpeed = {
      cpu: { start: startSpeed.cpu, end: endSpeed.cpu },
      sql: startSpeed.sql === null || endSpeed.sql === null ? null : { start: startSpeed.sql, end: endSpeed.sql },
    };
    const jobStages = stages.filter((s) => s.kind === 'stage' && s.status === 'ok');
    const peaks = jobStages.map((s) => s.peakRssMb).filter((v): v is number => v !== null);
    if (kind === 'pglite') databaseLabel = await embeddedVersion(root, path.join(home, 'db'));
    const scaleLabel = input.marker ? (typeof input.marker.scale === 'number' ? `${input.marker.scale}-partners` : input.marker.scale) : `custom-${partners}`;
    const resultsDir = path.resolve(root, options.resultsDir ?? 'bench-results');
    fs.mkdirSync(resultsDir, { recursive: true });
    const resultsFile = path.join(resultsDir, `bench-${scaleLabel}-${kind}-${timestamp(started)}.json`);
    const partial: Omit<BenchResult, 'targets'> = {
      version: 1,
      title: `${scaleLabel} scale (${partners.toLocaleString('en-US')} partners), ${kind === 'postgres' ? 'PostgreSQL server' : 'embedded PGlite'}`,
      scaleLabel,
      startedAt: started.toISOString(),
      finishedAt: new Date().toISOString(),
      machine: {
        cpuModel: os.cpus()[0]?.model?.trim() ?? 'unknown CPU',
        cores: os.cpus().length,
        memoryGb: os.totalmem() / 1024 ** 3,
        os: `${os.type()} ${os.release()}`,
        node: process.version,
        database: databaseLabel,
        baselineServer,
        psql,
      },
      host,
      checkpointRefused,
      code,
      options: {
        scale: input.marker?.scale ?? null,
        input: input.dir,
        backfillDays,
        asOf,
        seed: input.marker?.seed ?? null,
        badRate: input.marker?.badRate ?? null,
      },
      database: { kind, server: options.databaseUrl ? redactUrl(options.databaseUrl) : null, name: jobDatabase },
      dataset: {
        origin: input.origin,
        dir: input.dir,
        partners,
        rows: rowsRead,
        bytes: input.files.reduce((s, f) => s + f.bytes, 0),
        generatedSeconds: input.generatedSeconds,
        files: input.files.map((f) => ({ dataset: f.dataset, file: f.path, bytes: f.bytes, rows: files.find((x) => x.dataset === f.dataset)?.rowsRead ?? null })),
      },
      stages,
      baseline,
      endToEndSeconds: jobStages.reduce((s, x) => s + (x.seconds ?? 0), 0),
      peakRssMb: peaks.length > 0 ? Math.max(...peaks) : null,
      rssMethod: ingest.measured.rssMethod,
      resultsFile,
      resultsFileRelative: path.relative(root, resultsFile),
    };
    const result: BenchResult = { ...partial, targets: targets(partial) };
    fs.writeFileSync(resultsFile, JSON.stringify(result, null, 2) + '\n');
    if (options.updateDocs) updateDocs(path.resolve(root, options.updateDocs), result);
    return result;
  } finally {
    for (const d of dropLater) {
      if (options.keep) log(`kept job database ${d.name}`);
      else await d.drop().catch((e: Error) => log(`could not drop ${d.name}: ${e.message}`));
    }
    if (options.keep) log(`kept ${work}`);
    else fs.rmSync(work, { recursive: true, force: true });
  }
}

const USAGE = `usage: npm run bench -- [--scale tiny|small|apn|N] [--input DIR] [--database-url URL | --pglite]
         [--baseline-url URL | --no-baseline] [--backfill-days N] [--as-of YYYY-MM-DD] [--seed N]
         [--bad-rate F] [--results DIR] [--update-docs [FILE]] [--keep] [--no-profile]
       npm run bench -- --render bench-results/FILE.json [--update-docs [FILE]]
(see the head of bench/bench.ts)`;

export function parseBenchArgs(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): (BenchOptions & { render?: string }) | 'help' {
  // --update-docs takes an optional value
  const args = [...argv];
  const i = args.indexOf('--update-docs');
  if (i >= 0 && (args[i + 1] === undefined || args[i + 1]!.startsWith('--'))) args.splice(i + 1, 0, 'docs/benchmarks.md');
  const { values } = parseArgs({
    args,
    strict: true,
    options: {
      scale: { type: 'string' },
      input: { type: 'string' },
      'database-url': { type: 'string' },
      pglite: { type: 'boolean' },
      'baseline-url': { type: 'string' },
      'no-baseline': { type: 'boolean' },
      'backfill-days': { type: 'string' },
      'as-of': { type: 'string' },
      seed: { type: 'string' },
      'bad-rate': { type: 'string' },
      results: { type: 'string' },
      'update-docs': { type: 'string' },
      keep: { type: 'boolean' },
      'no-profile': { type: 'boolean' },
      render: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return 'help';
  const int = (name: string, v: string | undefined) => {
    if (v === undefined) return undefined;
    if (!/^\d+$/.test(v)) throw new UsageError(`--${name} must be a whole number: ${v}`);
    return Number(v);
  };
  let scale: ScaleName | number | undefined;
  if (values.scale !== undefined) {
    if (values.scale in SCALES) scale = values.scale as ScaleName;
    else scale = int('scale', values.scale);
  }
  if (values['as-of'] !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(values['as-of'])) throw new UsageError(`bad --as-of: ${values['as-of']}`);
  const badRate = values['bad-rate'] === undefined ? undefined : Number(values['bad-rate']);
  if (badRate !== undefined && !(badRate >= 0 && badRate < 0.01)) throw new UsageError('--bad-rate must be in [0, 0.01)');
  const databaseUrl = values.pglite ? undefined : (values['database-url'] ?? (env.DATABASE_URL?.trim() || undefined));
  return {
    scale,
    input: values.input,
    databaseUrl,
    baselineUrl: values['no-baseline'] ? null : values['baseline-url'],
    backfillDays: int('backfill-days', values['backfill-days']),
    asOf: values['as-of'],
    seed: int('seed', values.seed),
    badRate,
    resultsDir: values.results,
    updateDocs: values['update-docs'],
    keep: values.keep ?? false,
    profile: !values['no-profile'],
    ...(values.render ? { render: values.render } : {}),
  };
}

export async function main(argv: readonly string[]): Promise<number> {
  let options: (BenchOptions & { render?: string }) | 'help';
  try {
    options = parseBenchArgs(argv);
  } catch (error) {
    process.stderr.write(`bench: ${(error as Error).message}\n${USAGE}\n`);
    return 2;
  }
  if (options === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (options.render) {
    const result = JSON.parse(fs.readFileSync(options.render, 'utf8')) as BenchResult;
    if (options.updateDocs) updateDocs(path.resolve(projectRoot(), options.updateDocs), result);
    process.stdout.write(`${summaryText(result)}\nresults: ${result.resultsFile}\n`);
    return 0;
  }
  try {
    const result = await runBench(options);
    process.stdout.write(`\n${summaryText(result)}\nresults: ${result.resultsFile}\n`);
    return 0;
  } catch (error) {
    process.stderr.write(`bench: ${(error as Error).message}\n`);
    return error instanceof UsageError ? 2 : 1;
  }
}

const invokedPath = process.argv[1];
if (invokedPath !== undefined && import.meta.url === pathToFileURL(invokedPath).href) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
