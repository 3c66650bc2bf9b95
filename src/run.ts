// The frame of every command that changes the database: lock, open, migrate, record the run in the
// ledger, and close it with its outcome, whatever happens.
import type { Kysely } from 'kysely';
import type { JobContext } from './context.js';
import type { Database } from './db/connect.js';
import { isMigrated } from './db/migrate.js';
import type { Schema } from './db/schema.js';
import { openSession } from './db/session.js';
import { ExitCode } from './errors.js';
import { closeAbandonedRuns, finishRun, startRun } from './ledger.js';

export interface RunScope {
  database: Database;
  runId: string;
}

async function recordOutcome(db: Kysely<Schema>, runId: string, outcome: { exitCode: ExitCode; summary: unknown }): Promise<ExitCode> {
  await finishRun(db, runId, outcome.exitCode === ExitCode.rejected ? 'rejected' : 'done', outcome.exitCode, outcome.summary);
  return outcome.exitCode;
}

/** The run is recorded as failed; a failure to record it is logged, not thrown over the first. */
async function recordFailure(ctx: JobContext, db: Kysely<Schema>, runId: string, error: unknown): Promise<void> {
  await finishRun(db, runId, 'failed', ExitCode.failed, { error: (error as Error).message }).catch((e) => ctx.log.error({ err: e }, 'could not record the failure'));
}

export async function withRun(
  ctx: JobContext,
  command: string,
  parameters: Record<string, unknown>,
  body: (scope: RunScope) => Promise<{ exitCode: ExitCode; summary: unknown }>,
): Promise<ExitCode> {
  const session = await openSession(ctx.config, { lock: true, migrate: true });
  try {
    const { db } = session.database;
    await closeAbandonedRuns(db);
    const runId = await startRun(db, command, parameters);
    ctx.log.debug({ runId, command, parameters }, 'run started');
    try {
      return await recordOutcome(db, runId, await body({ database: session.database, runId }));
    } catch (error) {
      await recordFailure(ctx, db, runId, error);
      throw error;
    }
  } finally {
    await session.release();
  }
}

/**
 * The frame of a command that only reads, on a PostgreSQL server: no run lock, so that it need not
 * wait for a nightly run, and everything read in one snapshot of the database, so that a run
 * storing the same day meanwhile is not seen half-way. It is recorded in the ledger like any run.
 * Returns undefined, having done and recorded nothing, when the schema is not the latest or `ready`
 * says the read cannot be done as it stands: the caller then takes the locked path (withRun).
 */
export async function withReadOnlyRun(
  ctx: JobContext,
  command: string,
  parameters: Record<string, unknown>,
  ready: (db: Kysely<Schema>) => Promise<boolean>,
  body: (db: Kysely<Schema>, runId: string) => Promise<{ exitCode: ExitCode; summary: unknown }>,
): Promise<ExitCode | undefined> {
  const session = await openSession(ctx.config, { lock: false, migrate: false });
  try {
    const { db } = session.database;
    if (!(await isMigrated(db))) return undefined;
    let runId: string | undefined;
    try {
      const outcome = await db.transaction().setIsolationLevel('repeatable read').setAccessMode('read only').execute(async (trx) => {
        if (!(await ready(trx))) return undefined;
        runId = await startRun(db, command, parameters);
        ctx.log.debug({ runId, command, parameters }, 'run started (reading only)');
        return body(trx, runId);
      });
      return outcome === undefined ? undefined : await recordOutcome(db, runId!, outcome);
    } catch (error) {
      if (runId !== undefined) await recordFailure(ctx, db, runId, error);
      throw error;
    }
  } finally {
    await session.release();
  }
}
