// The run lock held through a run: a run that loses it (its connection ended, its lock file taken
// away) stores nothing more, and a run taking a lost lock over waits for a commit already confirmed.
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { connectPostgres } from '../../src/db/connect.js';
import { acquireServerLock } from '../../src/db/lock.js';
import { openSession, type Session } from '../../src/db/session.js';
import { LockLostError } from '../../src/errors.js';
import { evaluateAndStoreDay } from '../../src/evaluation/evaluate-day.js';
import { ingestFolder } from '../../src/exports/ingest.js';
import { startRun } from '../../src/ledger.js';
import { RULESET_2019 } from '../../src/rules/ruleset-2019.js';
import { createEmptyDatabase, serverUrl, tempDir } from '../helpers/database.js';

const PARTNERS = `partner_id,partner_name,partner_type,current_tier,renewal_date,alliance_lead_email
P1,Acme,consulting,advanced,2019-10-01,lead@acme.example
`;

let empty: Awaited<ReturnType<typeof createEmptyDatabase>>;
beforeAll(async () => (empty = await createEmptyDatabase()));
afterAll(async () => empty.drop());

function configOf(): ReturnType<typeof loadConfig> {
  return loadConfig({ TIER_REVIEW_HOME: empty.home, ...(empty.url ? { DATABASE_URL: empty.url } : {}), TZ: 'UTC' });
}

/** Polls `done` until it holds; fails after 20 s. */
async function until(what: string, done: () => Promise<boolean>): Promise<void> {
  for (let waited = 0; !(await done()); waited += 20) {
    if (waited > 20_000) throw new Error(`never: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Ends the lock's connection on the server (as a restart or an administrator would), or removes the lock file. */
async function loseLock(): Promise<void> {
  if (!empty.url) {
    fs.rmSync(path.join(empty.home, 'run.lock'));
    return;
  }
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    const database = new URL(empty.url).pathname.slice(1);
    await admin.query(`select pg_terminate_backend(pid) from pg_stat_activity where application_name = 'tier-review lock' and datname = $1`, [database]);
    await until('the lock connection ended (and its locks freed)', async () =>
      (await admin.query(`select 1 from pg_stat_activity where application_name = 'tier-review lock' and datname = $1`, [database])).rowCount === 0);
  } finally {
    await admin.end();
  }
}

describe('a run that loses its lock', () => {
  let session: Session;
  afterAll(async () => session?.release());

  it('stores nothing more, and fails saying so', async () => {
    session = await openSession(configOf(), { lock: true, migrate: true });
    const { database } = session;
    const input = tempDir('tier-review-lock-input-');
    fs.writeFileSync(path.join(input, 'partners.csv'), PARTNERS);
    const runId = await startRun(database.db, 'test', {});
    const ingest = await ingestFolder(database, input, { runId, tmpDir: tempDir() });
    expect(ingest.files.find((f) => f.dataset === 'partners')!.status).toBe('loaded');

    await loseLock();
    const options = { ruleSet: RULESET_2019, horizonDays: 90, runId, tmpDir: tempDir() };
    const failure = await evaluateAndStoreDay(database, '2019-11-30', options).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(LockLostError);
    expect((failure as Error).message).toMatch(/lost its lock/);
    const stored = await sql<{ n: string }>`select count(*) as n from evaluated_days`.execute(database.db);
    expect(stored.rows[0]!.n).toBe('0');
  });

  it.skipIf(!serverUrl)('lets another run take the lock', async () => {
    const next = await acquireServerLock(empty.url!);
    await next.release();
  });
});

describe.skipIf(!serverUrl)('a run taking over a lost lock', () => {
  it('waits for a commit that confirmed the lock before it was lost', async () => {
    const url = empty.url!;
    const first = await acquireServerLock(url);
    const database = await connectPostgres(url, { guard: first.confirmHeld });
    try {
      await sql`create table if not exists lock_probe (n int)`.execute(database.db);
      let confirmed!: () => void;
      const isConfirmed = new Promise<void>((resolve) => (confirmed = resolve));
      let finish!: () => void;
      const finished = new Promise<void>((resolve) => (finish = resolve));
      const committing = database.db.transaction().execute(async (trx) => {
        await sql`insert into lock_probe values (1)`.execute(trx);
        await first.confirmHeld(trx);
        confirmed();
        await finished;
      });
      await isConfirmed;
      await loseLock();

      let taken = false;
      const second = acquireServerLock(url).then((lock) => {
        taken = true;
        return lock;
      });
      await until('the new holder waits on the commit\'s shared hold', async () =>
        (await sql<{ n: string }>`select count(*) as n from pg_locks where locktype = 'advisory' and not granted
          and database = (select oid from pg_database where datname = current_database())`.execute(database.db)).rows[0]!.n !== '0');
      expect(taken).toBe(false);
      finish();
      await committing;
      await (await second).release();
      expect(taken).toBe(true);

      // the first run's next store fails
      await expect(database.writeTransaction((trx) => sql`insert into lock_probe values (2)`.execute(trx))).rejects.toThrow(LockLostError);
      const rows = await sql<{ n: number }>`select n from lock_probe order by n`.execute(database.db);
      expect(rows.rows).toEqual([{ n: 1 }]);
    } finally {
      await database.close();
      await first.release();
    }
  });
});
