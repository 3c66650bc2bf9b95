// The job ledger: every command run is recorded with its parameters, times, status and summary.
import { sql, type Kysely } from 'kysely';
import type { Schema } from './db/schema.js';

export async function startRun(db: Kysely<Schema>, command: string, parameters: Record<string, unknown>): Promise<string> {
  const row = await db.insertInto('runs').values({ command, parameters: JSON.stringify(parameters), finished_at: null, exit_code: null, summary: null })
    .returning('run_id').executeTakeFirstOrThrow();
  return String(row.run_id);
}

export async function finishRun(db: Kysely<Schema>, runId: string, status: 'done' | 'rejected' | 'failed', exitCode: number, summary: unknown): Promise<void> {
  await db.updateTable('runs')
    .set({ finished_at: sql<string>`now()`, status, exit_code: exitCode, summary: JSON.stringify(summary ?? null) })
    .where('run_id', '=', runId).execute();
}

/** Runs left `running` by a process that died are closed as failed (the lock proves none is live). */
export async function closeAbandonedRuns(db: Kysely<Schema>): Promise<void> {
  await db.updateTable('runs').set({ status: 'abandoned', finished_at: sql<string>`now()` })
    .where('status', '=', 'running').execute();
}
