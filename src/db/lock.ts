// One run at a time. On a server: a session-level advisory lock on a dedicated connection, freed by
// the server when the process dies. On PGlite, which only one process may open: a lock file under
// $TIER_REVIEW_HOME, taken before the database is opened, naming the holder's pid; a lock whose
// holder is gone is taken over.
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { LockHeldError } from '../errors.js';
import { ensureDirectory } from '../directories.js';

export interface RunLock {
  release(): Promise<void>;
}

// "tier-review" folded into a 64-bit advisory lock key
const ADVISORY_KEY = '7321946011002371';

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
  const client = new pg.Client({ connectionString: url, application_name: 'tier-review lock' });
  client.on('error', () => {});
  try {
    await client.connect();
  } catch (error) {
    // the first connection of a command: say which server it could not reach
    throw new Error(`cannot connect to the PostgreSQL server of DATABASE_URL (${where(url)}): ${(error as Error).message}`, { cause: error });
  }
  const { rows } = await client.query<{ locked: boolean }>('select pg_try_advisory_lock($1::bigint) as locked', [ADVISORY_KEY]);
  if (!rows[0]?.locked) {
    await client.end();
    throw new LockHeldError('another tier-review run holds the lock on this database; nothing done');
  }
  return {
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
