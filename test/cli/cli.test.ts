// The command as a subprocess: exit codes, summaries, the lock, a load killed in the middle.
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acquireFileLock, acquireServerLock } from '../../src/db/lock.js';
import { createEmptyDatabase, serverUrl, tempDir } from '../helpers/database.js';
import { runCli, startCli, type CliEnv } from '../helpers/cli.js';

const PARTNERS = `partner_id,partner_name,partner_type,current_tier,renewal_date,alliance_lead_email
P1,Acme,consulting,advanced,2019-10-01,lead@acme.example
P2,Beta,technology,select,2020-02-29,lead@beta.example
`;
const CERTS = 'partner_id,person_email,credential,issued_on\nP1,a@acme.example,SAP,2019-01-01\nP2,b@beta.example,SAA,2019-01-01\n';

function inputDir(files: Record<string, string>): string {
  const dir = tempDir('tier-review-input-');
  for (const [name, content] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), content);
  return dir;
}

/** A certifications file large enough that loading it takes a while. */
function bigCertifications(dir: string, rows: number): void {
  const lines = ['partner_id,person_email,credential,issued_on,expires_on'];
  for (let i = 0; i < rows; i++) lines.push(`P${(i % 2) + 1},person${i}@example.com,SAA,2019-01-${String((i % 28) + 1).padStart(2, '0')},`);
  fs.writeFileSync(path.join(dir, 'certifications.csv'), lines.join('\n') + '\n');
}

let target: CliEnv;
let drop: () => Promise<void>;

beforeAll(async () => {
  const db = await createEmptyDatabase();
  target = { home: db.home, url: db.url };
  drop = db.drop;
});
afterAll(async () => drop());

describe('usage and configuration', () => {
  it('--help exits 0 and lists the commands', async () => {
    const r = await runCli(['--help'], target);
    expect(r.code).toBe(0);
    for (const command of ['run', 'ingest', 'evaluate', 'backfill', 'report', 'notify', 'schedule', 'migrate']) expect(r.stdout).toContain(command);
  });
  it('every command has --help', async () => {
    const r = await runCli(['backfill', '--help'], target);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('--from <date>');
  });
  it('bad usage exits 2', async () => {
    expect((await runCli([], target)).code).toBe(2);
    expect((await runCli(['frobnicate'], target)).code).toBe(2);
    expect((await runCli(['ingest'], target)).code).toBe(2);
    const r = await runCli(['evaluate', '--as-of', '2019-02-30'], target);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('2019-02-30');
    // a day whose review date or window would leave YYYY-MM-DD is refused as usage, not a failure
    for (const day of ['9999-12-31', '0099-01-01']) {
      const far = await runCli(['evaluate', '--as-of', day], target);
      expect(far.code, day).toBe(2);
      expect(far.stderr).toContain(`not a day from 1900-01-01 to 9998-12-31: ${day}`);
    }
  });
  it('a server that cannot be reached fails (exit 1), naming DATABASE_URL and where it points, not its password', async () => {
    const r = await runCli(['evaluate', '--as-of', '2019-11-30'], { home: tempDir(), url: 'postgres://someone:secret@127.0.0.1:1/tier' });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('cannot connect to the PostgreSQL server of DATABASE_URL (127.0.0.1:1/tier)');
    expect(r.stderr).not.toContain('secret');
  });
  it('a missing --input folder is bad usage, found before the database is opened', async () => {
    const home = tempDir();
    const r = await runCli(['run', '--input', path.join(home, 'nowhere'), '--as-of', '2019-11-30'], { home, url: target.url });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--input: no such folder');
    expect(fs.readdirSync(home)).toEqual([]);
  });
  it('a bad configuration value exits 2 naming the variable, before touching anything', async () => {
    const home = tempDir();
    const r = await runCli(['migrate'], { home, url: target.url, env: { NOTICE_HORIZON_DAYS: 'ninety' } });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('NOTICE_HORIZON_DAYS');
    expect(fs.readdirSync(home)).toEqual([]);
    const schedule = await runCli(['migrate'], { home, url: target.url, env: { TIER_REVIEW_CRON: 'every night' } });
    expect(schedule.code).toBe(2);
    expect(schedule.stderr).toContain('TIER_REVIEW_CRON');
    const zone = await runCli(['migrate'], { home, url: target.url, env: { TZ: 'Mars/Olympus_Mons' } });
    expect(zone.code).toBe(2);
    expect(zone.stderr).toContain('TZ');
    expect(fs.readdirSync(home)).toEqual([]);
    const url = await runCli(['migrate'], { home, url: 'mysql://nope' });
    expect(url.code).toBe(2);
    expect(url.stderr).toContain('DATABASE_URL');
    const level = await runCli(['migrate'], { home, url: target.url, env: { LOG_LEVEL: 'loud' } });
    expect(level.code).toBe(2);
    expect(level.stderr).toContain('LOG_LEVEL');
    expect(fs.readdirSync(home)).toEqual([]);
  });
});

describe('ingest', () => {
  it('migrates, ingests, prints a summary and exits 0; twice is harmless', async () => {
    expect((await runCli(['migrate'], target)).code).toBe(0);
    const again = await runCli(['migrate'], target);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('up to date');
    const dir = inputDir({ 'partners.csv': PARTNERS, 'certifications.csv': CERTS });
    const r = await runCli(['ingest', '--input', dir], target);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/partners\.csv\s+loaded\s+2\s+2\s+0/);
    expect(r.stdout).toMatch(/certifications\.csv\s+loaded\s+2\s+2\s+0/);
    expect(r.stdout).toMatch(/opportunities\.csv\s+absent/);
    const unchanged = await runCli(['ingest', '--input', dir, '--json'], target);
    expect(unchanged.code).toBe(0);
    const summary = JSON.parse(unchanged.stdout);
    expect(summary.files.find((f: { dataset: string }) => f.dataset === 'partners').status).toBe('unchanged');
  });

  it('a run without an input folder says how old each snapshot in force is', async () => {
    const r = await runCli(['run', '--as-of', '2019-11-30', '--no-email'], target);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('snapshots in force (no input folder given):');
    expect(r.stdout).toMatch(/partners\.csv\s+snapshot loaded \d{4}-\d{2}-\d{2}, 0 days old/);
    expect(r.stdout).toMatch(/opportunities\.csv\s+no snapshot loaded yet/);
    const json = JSON.parse((await runCli(['run', '--as-of', '2019-11-30', '--no-email', '--json'], target)).stdout);
    expect(json.datasets.find((d: { dataset: string }) => d.dataset === 'certifications')).toMatchObject({ snapshotAgeDays: 0 });
  });

  it('exits 3 when a row or file is rejected, naming file, line, column and reason', async () => {
    const dir = inputDir({
      'certifications.csv': `${CERTS}P1,c@acme.example,SAA,2019-13-01\n`,
      'csat_responses.csv': 'response_id,partner_id,submitted_on,email_confirmed,aws_customer_verified\nR1,P1,"2019-01-01,true,true\n',
    });
    const r = await runCli(['ingest', '--input', dir], target);
    expect(r.code).toBe(3);
    expect(r.stdout).toContain('line 4, column issued_on: not a date (YYYY-MM-DD) (value "2019-13-01")');
    expect(r.stdout).toMatch(/csat_responses\.csv\s+rejected/);
    expect(r.stdout).toContain('file rejected at line 2: unclosed quote');
  });

  it('a second run while one holds the lock exits 4 at once and touches nothing', async () => {
    const lock = target.url ? await acquireServerLock(target.url) : await acquireFileLock(target.home);
    try {
      const dir = inputDir({ 'partners.csv': PARTNERS.replace('Acme', 'Changed') });
      const r = await runCli(['ingest', '--input', dir], target);
      expect(r.code).toBe(4);
      expect(r.stderr).toMatch(/another tier-review run/);
      expect(r.stdout).toBe('');
    } finally {
      await lock.release();
    }
    const report = await runCli(['report', '--as-of', '2019-11-30', '--format', 'json'], target);
    expect(report.code).toBe(0);
    expect(JSON.parse(report.stdout).partners[0].partnerName).toBe('Acme');
  });

  it.skipIf(!serverUrl)('on a server, a stored day is reported while another run holds the lock; a day never evaluated waits its turn', async () => {
    expect((await runCli(['evaluate', '--as-of', '2019-11-29'], target)).code).toBe(0);
    const lock = await acquireServerLock(target.url!);
    try {
      const stored = await runCli(['report', '--as-of', '2019-11-29', '--format', 'json'], target);
      expect(stored.code, stored.stderr).toBe(0);
      expect(JSON.parse(stored.stdout).partners.map((p: { partnerId: string }) => p.partnerId)).toEqual(['P1', 'P2']);
      const never = await runCli(['report', '--as-of', '2019-06-01', '--format', 'json'], target);
      expect(never.code).toBe(4);
      expect(never.stdout).toBe('');
    } finally {
      await lock.release();
    }
    // the report was recorded in the ledger, and the run holding the lock was not taken for abandoned
    const client = new pg.Client({ connectionString: target.url });
    await client.connect();
    try {
      const runs = await client.query(`select command, status, exit_code from runs where command = 'report' order by run_id desc limit 1`);
      expect(runs.rows).toEqual([{ command: 'report', status: 'done', exit_code: 0 }]);
    } finally {
      await client.end();
    }
  });

  it('two concurrent ingest processes: one runs, the other exits 4', async () => {
    const dir = inputDir({ 'partners.csv': PARTNERS });
    bigCertifications(dir, 300_000);
    const first = startCli(['ingest', '--input', dir], target);
    await waitForLock(target);
    const second = await runCli(['ingest', '--input', dir], target);
    const done = await first.done;
    expect(second.code).toBe(4);
    expect(done.code).toBe(0);
    expect(done.stdout).toMatch(/certifications\.csv\s+loaded\s+300,000\s+300,000\s+0/);
  });

  it('a load killed in the middle leaves the previous snapshot, and a rerun succeeds', async () => {
    const small = inputDir({ 'partners.csv': PARTNERS, 'certifications.csv': CERTS });
    expect((await runCli(['ingest', '--input', small], target)).code).toBe(0);
    const big = inputDir({ 'partners.csv': PARTNERS });
    bigCertifications(big, 400_000);
    const victim = startCli(['ingest', '--input', big], { ...target, env: { LOG_LEVEL: 'debug' } });
    let stderr = '';
    victim.child.stderr!.on('data', (d) => (stderr += d));
    // killed once the certifications load has begun (the log says so), well before it can end
    for (let i = 0; i < 400 && !stderr.includes('"dataset":"certifications"'); i++) await new Promise((r) => setTimeout(r, 25));
    expect(stderr).toContain('"dataset":"certifications"');
    await new Promise((r) => setTimeout(r, 300));
    victim.child.kill('SIGKILL');
    const killed = await victim.done;
    expect(killed.signal).toBe('SIGKILL');
    const report = await runCli(['report', '--as-of', '2019-11-30', '--format', 'json'], target);
    expect(report.code).toBe(0);
    const p1 = JSON.parse(report.stdout).partners[0];
    // the previous snapshot (one professional certification for P1) is what counts
    expect(p1.requirements.find((r: { tier: string; id: string }) => r.tier === 'select' && r.id === 'technical_certified').actual).toBe(1);
    const rerun = await runCli(['ingest', '--input', big], target);
    expect(rerun.code).toBe(0);
    expect(rerun.stdout).toMatch(/certifications\.csv\s+loaded\s+400,000\s+400,000\s+0/);
  });
});

describe.runIf(Boolean(process.env.TEST_DATABASE_URL))('on a PostgreSQL server', () => {
  it('two processes migrating a new database at once both succeed', async () => {
    const fresh = await createEmptyDatabase();
    try {
      const both = await Promise.all([0, 1].map(() => runCli(['migrate'], { home: fresh.home, url: fresh.url })));
      expect(both.map((r) => r.code)).toEqual([0, 0]);
      expect(both.map((r) => r.stdout).sort()[0]).toMatch(/applied: 0001_foundation|up to date/);
    } finally {
      await fresh.drop();
    }
  });

  it('a connection dropped in the middle of a load fails the run (exit 1) and keeps the previous snapshot', async () => {
    const small = inputDir({ 'partners.csv': PARTNERS, 'certifications.csv': CERTS });
    await runCli(['ingest', '--input', small], target);
    const big = inputDir({ 'partners.csv': PARTNERS });
    bigCertifications(big, 400_000);
    const victim = startCli(['ingest', '--input', big], { ...target, env: { LOG_LEVEL: 'debug' } });
    const admin = new pg.Client({ connectionString: target.url });
    await admin.connect();
    try {
      // the backend running the COPY into the staging table is terminated under it
      let terminated = 0;
      for (let i = 0; i < 400 && terminated === 0; i++) {
        const r = await admin.query(`select pg_terminate_backend(pid) as t from pg_stat_activity
          where datname = current_database() and pid <> pg_backend_pid() and state = 'active' and query ilike 'copy stage_certifications%'`);
        terminated = r.rowCount ?? 0;
        if (terminated === 0) await new Promise((res) => setTimeout(res, 20));
      }
      expect(terminated).toBeGreaterThan(0);
      const failed = await victim.done;
      // the client may be writing when the backend goes: the error is then the socket's (EPIPE)
      expect(failed.stderr).toMatch(/terminating connection|ECONNRESET|EPIPE|Connection terminated/);
      expect(failed.code).toBe(1);
      const count = await admin.query('select count(*)::int as n from certifications');
      expect(count.rows[0].n).toBe(2);
      const runs = await admin.query(`select status from runs where command = 'ingest' order by run_id desc limit 1`);
      expect(runs.rows[0].status).toBe('failed');
    } finally {
      await admin.end();
    }
    const rerun = await runCli(['ingest', '--input', big], target);
    expect(rerun.code).toBe(0);
  });
});

/**
 * Until a run holds the lock: the lock file on PGlite, the advisory lock on a server. Looked up in
 * pg_locks, not tried: a probe holding the lock for a moment could make the run it waits for
 * find the lock taken.
 */
async function waitForLock(env: CliEnv): Promise<void> {
  const client = env.url ? new pg.Client({ connectionString: env.url }) : null;
  await client?.connect();
  try {
    for (let i = 0; i < 400; i++) {
      if (client) {
        const { rows } = await client.query<{ held: boolean }>(`select exists (
            select 1 from pg_locks l join pg_stat_activity a on a.pid = l.pid
            where l.locktype = 'advisory' and l.granted and a.application_name = 'tier-review lock'
              and l.database = (select oid from pg_database where datname = current_database())) as held`);
        if (rows[0]?.held) return;
      } else if (fs.existsSync(path.join(env.home, 'run.lock'))) {
        return;
      }
      await new Promise((r) => setTimeout(r, 25));
    }
  } finally {
    await client?.end();
  }
  throw new Error('no run took the lock');
}
