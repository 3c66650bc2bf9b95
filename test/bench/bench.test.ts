// The benchmark harness runs at the tiny scale, so that it keeps working: on PGlite by default,
// against the server of TEST_DATABASE_URL when set (the harness creates a fresh database there for
// the job, and another for the psql baseline, and drops both). On a PGlite-only run the baseline
// goes to the local server when one answers, and is skipped otherwise. Timings are never asserted:
// only that every stage ran and reported positive times and row counts.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_LOCAL_SERVER, runBench, type BenchResult } from '../../bench/bench.js';
import { unreachable } from '../../bench/database.js';
import { summaryText } from '../../bench/format.js';
import { EXPORT_FILES } from '../../bench/csv-writer.js';
import { serverUrl as configuredServer, tempDir } from '../helpers/database.js';

// the pglite project of vitest.config.ts sets TEST_DATABASE_URL to ''
const serverUrl = configuredServer || undefined;

const results = tempDir('tier-review-bench-test-');
afterAll(() => fs.rmSync(results, { recursive: true, force: true }));

const JOB_STAGES = ['ingest', 'evaluate one day', 'backfill 3 days', 'report json', 'report html'];

describe(`benchmark harness at the tiny scale (${serverUrl ? 'PostgreSQL server of TEST_DATABASE_URL' : 'embedded PGlite'})`, () => {
  let result: BenchResult;
  let baselineExpected: boolean;

  it('runs every stage and writes the result JSON', async () => {
    baselineExpected = serverUrl !== undefined || (await unreachable(process.env.BENCH_BASELINE_URL ?? DEFAULT_LOCAL_SERVER)) === null;
    const returned = await runBench({
      scale: 'tiny',
      databaseUrl: serverUrl,
      baselineUrl: serverUrl,
      backfillDays: 3,
      resultsDir: results,
      log: () => {},
    });
    expect(fs.existsSync(returned.resultsFile)).toBe(true);
    expect(path.dirname(returned.resultsFile)).toBe(results);
    result = JSON.parse(fs.readFileSync(returned.resultsFile, 'utf8')) as BenchResult;
    expect(result.database.kind).toBe(serverUrl ? 'postgres' : 'pglite');
  }, 300_000);

  it('has every job stage with positive timings, row counts and peak RSS', () => {
    for (const name of JOB_STAGES) {
      const stage = result.stages.find((s) => s.kind === 'stage' && s.stage === name);
      expect(stage, name).toBeDefined();
      expect(stage!.status, name).toBe('ok');
      expect(stage!.seconds, name).toBeGreaterThan(0);
      expect(stage!.rows, name).toBeGreaterThan(0);
      expect(stage!.rowsPerSecond, name).toBeGreaterThan(0);
      expect(stage!.peakRssMb, name).toBeGreaterThan(0);
    }
    const migrate = result.stages.find((s) => s.stage === 'migrate (fresh database)');
    expect(migrate?.status).toBe('ok');
    expect(migrate!.seconds).toBeGreaterThan(0);
    expect(result.stages.find((s) => s.stage === 'evaluate one day')!.rows).toBe(50);
    expect(result.stages.find((s) => s.stage === 'backfill 3 days')!.rows).toBe(150);
    expect(result.peakRssMb).toBeGreaterThan(0);
    expect(result.endToEndSeconds).toBeGreaterThan(0);
  });

  it('breaks the ingest down per file', () => {
    for (const dataset of EXPORT_FILES) {
      const file = result.stages.find((s) => s.kind === 'file' && s.stage === `ingest ${dataset}`);
      expect(file, dataset).toBeDefined();
      expect(file!.seconds, dataset).toBeGreaterThan(0);
      expect(file!.rows, dataset).toBeGreaterThan(0);
    }
    const files = result.stages.filter((s) => s.kind === 'file' && s.rows !== null);
    expect(files.reduce((sum, f) => sum + f.rows!, 0)).toBe(result.stages.find((s) => s.stage === 'ingest')!.rows);
  });

  it('times the notices: queued by the nightly run, sent by notify', () => {
    for (const stage of ['notices queued', 'notices sent']) {
      const found = result.stages.find((s) => s.stage === stage);
      expect(found?.status, stage).toBe('ok');
      expect(found?.seconds, stage).toBeGreaterThan(0);
      expect(found?.rowsUnit, stage).toBe('notices');
    }
  });

  it('measures the psql \\copy baseline of the same files when a server answers', () => {
    if (!baselineExpected) {
      expect(result.baseline.status).toBe('skipped');
      expect(result.baseline.reason).toBeTruthy();
      return;
    }
    expect(result.baseline.status).toBe('ok');
    expect(result.baseline.files.map((f) => f.dataset)).toEqual([...EXPORT_FILES]);
    for (const f of result.baseline.files) {
      expect(f.seconds, f.dataset).toBeGreaterThan(0);
      expect(f.rows, f.dataset).toBeGreaterThan(0);
      expect(f.typed, f.dataset).toBe(true);
      // the same rows as the job read
      expect(f.rows, f.dataset).toBe(result.dataset.files.find((d) => d.dataset === f.dataset)!.rows);
    }
    expect(result.stages.find((s) => s.stage === 'ingest')!.ratio).toBeGreaterThan(0);
  });

  it('probes the host speed at the start and the end, and prints it with the machine', () => {
    expect(result.host.cpu.start).toBeGreaterThan(0);
    expect(result.host.cpu.end).toBeGreaterThan(0);
    if (baselineExpected) {
      expect(result.host.sql!.start).toBeGreaterThan(0);
      expect(result.host.sql!.end).toBeGreaterThan(0);
    } else {
      expect(result.host.sql).toBeNull();
    }
    expect(summaryText(result)).toMatch(/^Host speed \(fixed workloads of bench\/host-speed\.ts.*JavaScript [0-9.]+ s at the start, [0-9.]+ s at the end/m);
  });

  it('starts the measured parts from a server checkpoint, and says so', () => {
    // the test servers let the bench's user run CHECKPOINT (superuser)
    expect(result.checkpointRefused).toBeNull();
    if (serverUrl) expect(summaryText(result)).toContain('A server checkpoint before the baseline and each job stage.');
    else if (baselineExpected) expect(summaryText(result)).toContain('A server checkpoint before the baseline.');
  });

  it('states every target with a measured value and a verdict', () => {
    expect(result.targets.map((t) => t.id)).toEqual(['ingest-ratio', 'evaluate-day', 'backfill-365', 'peak-rss', 'embedded-small']);
    for (const t of result.targets) expect(['PASS', 'MISS', 'n/a', 'reported']).toContain(t.verdict);
    expect(result.targets.find((t) => t.id === 'evaluate-day')!.measured).toBeGreaterThan(0);
    expect(result.targets.find((t) => t.id === 'peak-rss')!.measured).toBeGreaterThan(0);
  });

  it('leaves no database behind on the server', async () => {
    const names = [result.database.name, result.baseline.database].filter((n): n is string => typeof n === 'string');
    if (serverUrl) expect(result.database.name).toMatch(/^tier_review_bench_/);
    if (names.length === 0) return;
    const pg = (await import('pg')).default;
    const client = new pg.Client({ connectionString: serverUrl ?? process.env.BENCH_BASELINE_URL ?? DEFAULT_LOCAL_SERVER });
    await client.connect();
    try {
      const { rows } = await client.query<{ n: string }>('select count(*) as n from pg_database where datname = any($1)', [names]);
      expect(Number(rows[0]!.n)).toBe(0);
    } finally {
      await client.end();
    }
  });
});
