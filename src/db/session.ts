// Opening the database for a command: the run lock first (on PGlite before the data directory is
// opened, since a second process opening it can corrupt it), then the connection, then migrations.
import type { Config } from '../config.js';
import { connectPostgres, openPGlite, type Database } from './connect.js';
import { acquireFileLock, acquireServerLock, type RunLock } from './lock.js';
import { migrateToLatest } from './migrate.js';
import { ensureDirectory } from '../directories.js';

export interface Session {
  database: Database;
  release(): Promise<void>;
}

export async function openSession(config: Config, options: { lock: boolean; migrate: boolean }): Promise<Session> {
  let lock: RunLock | undefined;
  if (options.lock || !config.databaseUrl) {
    lock = config.databaseUrl ? await acquireServerLock(config.databaseUrl) : await acquireFileLock(config.home);
  }
  let database: Database | undefined;
  try {
    const guard = lock?.confirmHeld;
    if (config.databaseUrl) {
      database = await connectPostgres(config.databaseUrl, { guard });
    } else {
      ensureDirectory(config.dbDir);
      database = await openPGlite(config.dbDir, guard);
    }
    if (options.migrate) await migrateToLatest(database.db, database.kind);
    const opened = database;
    return {
      database: opened,
      async release() {
        await opened.close().catch(() => {});
        await lock?.release();
      },
    };
  } catch (error) {
    await database?.close().catch(() => {});
    await lock?.release();
    throw error;
  }
}
