// One run at a time. On a server: a session-level advisory lock on a dedicated connection, freed by
// the server when the process dies. On PGlite, which only one process may open: a lock file under
// $TIER_REVIEW_HOME, taken before the database is opened, naming the holder's pid; a lock whose
// holder is gone is taken over.
//
// The lock's connection can be lost while the run goes on over its other connections (the server
// restarted it, a network fault, an administrator ended it): the server then frees the lock and a
// second run may start. So every transaction that stores something confirms, last before it
// commits, that the lock is still this run's (confirmHeld), and a run that lost it fails instead.
import fs from 'node:fs';
import path from 'node:path';
import { sql, type Transaction } from 'kysely';
import pg from 'pg';
import { LockHeldError, LockLostError } from '../errors.js';
import { ensureDirectory } from '../directories.js';
import type { Schema } from './schema.js';

export interface RunLock {
  /** Fails `trx` unless this process still holds the lock; called last before it commits. */
  confirmHeld(trx: Transaction<Schema>): Promise<void>;
  release(): Promise<void>;
}

// "tier-review" folded into a 64-bit advisory lock key
const ADVISORY_KEY = 7321946011002371n;
// Held shared by each committing transaction of the holder, taken exclusive by a new holder: a run
// taking over the lock waits for a commit that confirmed the lock just before it was lost.
// (…2372 is the migrations' key, migrate.ts.)
const COMMIT_KEY = 7321946011002373n;

/** host:port/database of a URL, without its user or password. */
function where(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname || u.searchParams.get('host') || 'localhost'}:${u.port || '5432'}${u.pathname}`;
  } catch {
    return 'unparsable URL';
  }
}

export async function acquireServerLock(url: string): Promise<RunLock> {
  const client = new pg.Client({ connectionString: url, application_name: 'tier-review lock', keepAlive: true });
  let lost: Error | undefined;
  client.on('error', (error) => (lost ??= error));
  client.on('end', () => (lost ??= new Error('connection closed')));
  try {
    await client.connect();
  } catch (error) {
    // the first connection of a command: say which server it could not reach
    throw new Error(`cannot connect to the PostgreSQL server of DATABASE_URL (${where(url)}): ${(error as Error).message}`, { cause: error });
  }
  const { rows } = await client.query<{ locked: boolean; pid: number }>(
    'select pg_try_advisory_lock($1::bigint) as locked, pg_backend_pid() as pid', [String(ADVISORY_KEY)]);
  if (!rows[0]?.locked) {
    await client.end();
    throw new LockHeldError('another tier-review run holds the lock on this database; nothing done');
  }
  const pid = rows[0].pid;
  try {
    // an idle connection ended by the server's idle_session_timeout would free the lock
    await client.query('set idle_session_timeout = 0');
    await client.query('select pg_advisory_lock($1::bigint), pg_advisory_unlock($1::bigint)', [String(COMMIT_KEY)]);
  } catch (error) {
    await client.end().catch(() => {});
    throw error;
  }
  const lostLock = () => new LockLostError(`the run lost its lock on the database${lost ? ` (${lost.message})` : ''}; what it had not committed was not stored`);
  return {
    async confirmHeld(trx) {
      if (lost) throw lostLock();
      await sql`select pg_advisory_xact_lock_shared(${String(COMMIT_KEY)}::bigint)`.execute(trx);
      // a bigint advisory key is held as (classid, objid) = its high and low 32 bits, objsubid 1
      const held = await sql<{ held: boolean }>`select exists (select 1 from pg_locks
          where locktype = 'advisory' and granted and pid = ${pid}
            and database = (select oid from pg_database where datname = current_database())
            and classid = ${String(ADVISORY_KEY >> 32n)}::oid and objid = ${String(ADVISORY_KEY & 0xffffffffn)}::oid and objsubid = 1) as held`.execute(trx);
      if (!held.rows[0]?.held) throw lostLock();
    },
    async release() {
      await client.end().catch(() => {});
    },
  };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export async function acquireFileLock(home: string): Promise<RunLock> {
  ensureDirectory(home);
  const lockPath = path.join(home, 'run.lock');
  const mine = `${process.pid}\n`;
  // Written aside, then hard-linked into place: link fails if the lock exists, so only one wins.
  const candidate = `${lockPath}.${process.pid}`;
  fs.writeFileSync(candidate, mine);
  try {
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        fs.linkSync(candidate, lockPath);
        return {
          async confirmHeld() {
            let holder = '';
            try {
              holder = fs.readFileSync(lockPath, 'utf8');
            } catch {
              /* removed */
            }
            if (holder !== mine) throw new LockLostError(`the run lost its lock ${lockPath}; what it had not committed was not stored`);
          },
          async release() {
            try {
              if (fs.readFileSync(lockPath, 'utf8') === mine) fs.unlinkSync(lockPath);
            } catch {
              /* already gone */
            }
          },
        };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      let holder: number;
      try {
        holder = Number.parseInt(fs.readFileSync(lockPath, 'utf8'), 10);
      } catch {
        continue; // released meanwhile: try again
      }
      if (Number.isInteger(holder) && holder !== process.pid && isAlive(holder)) {
        throw new LockHeldError(`another tier-review run (pid ${holder}) holds ${lockPath}; nothing done`);
      }
      // The holder died: move its lock aside (only one contender's rename succeeds), then retry.
      try {
        fs.renameSync(lockPath, `${lockPath}.stale.${process.pid}`);
        fs.rmSync(`${lockPath}.stale.${process.pid}`, { force: true });
      } catch {
        /* another contender took it over first */
      }
    }
    throw new LockHeldError(`could not take ${lockPath}; nothing done`);
  } finally {
    fs.rmSync(candidate, { force: true });
  }
}
