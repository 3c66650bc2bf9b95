// Applies the migrations with Kysely's Migrator. Applied migrations are skipped, so running twice is
// harmless; on a server a blocking advisory lock around the Migrator makes a second process wait and
// then find nothing to do (PGlite is already one process at a time: see lock.ts).
import { Migrator, sql, type Kysely, type MigrationProvider } from 'kysely';
import { MIGRATIONS } from '../../migrations/index.js';

const provider: MigrationProvider = { getMigrations: async () => MIGRATIONS };
const MIGRATION_LOCK_KEY = '7321946011002372';

function migratorOf(db: Kysely<any>): Migrator {
  return new Migrator({
    db,
    provider,
    migrationTableName: 'tier_review_migrations',
    migrationLockTableName: 'tier_review_migration_lock',
  });
}

async function migrateWith(db: Kysely<any>): Promise<string[]> {
  const { error, results } = await migratorOf(db).migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

export async function migrateToLatest(db: Kysely<any>, kind: 'postgres' | 'pglite'): Promise<string[]> {
  if (kind === 'pglite') return migrateWith(db);
  return db.connection().execute(async (conn) => {
    await sql`select pg_advisory_lock(${MIGRATION_LOCK_KEY}::bigint)`.execute(conn);
    try {
      return await migrateWith(conn);
    } finally {
      await sql`select pg_advisory_unlock(${MIGRATION_LOCK_KEY}::bigint)`.execute(conn);
    }
  });
}

/** Whether every migration has been applied (a database never migrated has none). */
export async function isMigrated(db: Kysely<any>): Promise<boolean> {
  const migrations = await migratorOf(db).getMigrations();
  return migrations.every((m) => m.executedAt !== undefined);
}
