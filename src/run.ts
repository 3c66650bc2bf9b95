// The frame of every command that changes the database: lock, open, migrate, record the run in the
// ledger, and close it with its outcome, whatever happens.
import type { JobContext } from './context.js';
import type { Database } from './db/connect.js';
import { openSession } from './db/session.js';
import { ExitCode } from './errors.js';
import { closeAbandonedRuns, finishRun, startRun } from './ledger.js';

export interface RunScope {
  database: Database;
  runId: string;
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
      const { exitCode, summary } = await body({ database: session.database, runId });
      await finishRun(db, runId, exitCode === ExitCode.rejected ? 'rejected' : 'done', exitCode, summary);
      return exitCode;
    } catch (error) {
      await finishRun(db, runId, 'failed', ExitCode.failed, { error: (error as Error).message }).catch((e) => ctx.log.error({ err: e }, 'could not record the failure'));
      throw error;
    }
  } finally {
    await session.release();
  }
}
