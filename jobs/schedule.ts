// `tier-review schedule [--input DIR] [--no-email]`: stays up and runs `run` with these flags, for
// the day of each tick (today in TZ), on TIER_REVIEW_CRON (node-cron), one run at a time: a tick
// that comes while a run is still going is skipped. SIGTERM or SIGINT (a Kubernetes pod stopping,
// Ctrl-C) stops the schedule; a run in progress is let finish, then the command exits 0.
import cron from 'node-cron';
import type { JobContext } from '../src/context.js';
import { todayIn } from '../src/config.js';
import { ExitCode, exitCodeOf } from '../src/errors.js';
import { inputFolder } from '../src/exports/ingest.js';
import { runJob } from './run.js';

/** Resolves with the signal that asks the schedule to stop. */
function stopSignal(): Promise<string> {
  return new Promise((resolve) => {
    process.once('SIGTERM', () => resolve('SIGTERM'));
    process.once('SIGINT', () => resolve('SIGINT'));
  });
}

export async function scheduleJob(ctx: JobContext, options: { input?: string; email: boolean }, stop: () => Promise<string> = stopSignal): Promise<ExitCode> {
  // a missing folder is bad usage now, not a failure at every tick
  if (options.input !== undefined) inputFolder(options.input);
  let running: Promise<void> | null = null;
  const tick = async () => {
    const day = todayIn(ctx.config.timeZone, ctx.now());
    ctx.log.info({ asOf: day }, 'scheduled run starting');
    try {
      const exitCode = await runJob(ctx, { input: options.input, asOf: day, email: options.email });
      ctx.log.info({ asOf: day, exitCode }, 'scheduled run done');
    } catch (error) {
      // the schedule goes on: the next tick may find the lock free or the relay back
      ctx.log.error({ asOf: day, exitCode: exitCodeOf(error), err: error }, `scheduled run failed: ${(error as Error).message}`);
    }
  };
  const task = cron.schedule(ctx.config.cron, () => {
    if (running) return;
    running = tick().finally(() => (running = null));
    return running;
  }, { name: 'tier-review run', timezone: ctx.config.timeZone, noOverlap: true });
  ctx.log.info({ cron: ctx.config.cron, timeZone: ctx.config.timeZone, nextRun: task.getNextRun()?.toISOString() ?? null }, 'schedule started');
  const signal = await stop();
  ctx.log.info({ signal, runInProgress: running !== null }, 'stopping the schedule');
  await task.stop();
  await task.destroy();
  if (running) await running;
  ctx.log.info('schedule stopped');
  return ExitCode.done;
}
