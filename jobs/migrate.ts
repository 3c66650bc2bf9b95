// `tier-review migrate`: applies database migrations (also done at the start of run and ingest).
import type { JobContext } from '../src/context.js';
import { openSession } from '../src/db/session.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { ExitCode } from '../src/errors.js';

export async function migrateJob(ctx: JobContext): Promise<ExitCode> {
  const session = await openSession(ctx.config, { lock: false, migrate: false });
  try {
    const applied = await migrateToLatest(session.database.db, session.database.kind);
    ctx.stdout.write(applied.length === 0 ? 'database is up to date\n' : `applied: ${applied.join(', ')}\n`);
    return ExitCode.done;
  } finally {
    await session.release();
  }
}
