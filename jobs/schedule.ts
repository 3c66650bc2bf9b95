// `tier-review schedule [--input DIR] [--no-email]`: stays up and runs `run` with these flags, for
// the day of each tick (today in TZ), on TIER_REVIEW_CRON (node-cron), one run at a time: a tick
// that comes while a run is still going is skipped. A day the schedule passed over without a tick
// (a daily tick in the hour a clock change skips, a machine asleep) is run before the day of the
// next tick, so the stored history keeps every day (sustained attainment counts them). SIGTERM or
// SIGINT (a Kubernetes pod stopping, Ctrl-C) stops the schedule; a run in progress is let finish,
// then the command exits 0.
import cron from 'node-cron';
import type { JobContext } from '../src/context.js';
import { todayIn } from '../src/config.js';
import { ExitCode, exitCodeOf } from '../src/errors.js';
import { inputFolder } from '../src/exports/ingest.js';
import { addDays, compareDates } from '../src/rules/dates.js';
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
  let lastDay: string | null = null;
  const runDay = async (day: string) => {
    ctx.log.info({ asOf: day }, 'scheduled run starting');
    try {
      const exitCode = await runJob(ctx, { input: options.input, asOf: day, email: options.email });
      ctx.log.info({ asOf: day, exitCode }, 'scheduled run done');
    } catch (error) {
      // the schedule goes on: the next tick may find the lock free or the relay back
      ctx.log.error({ asOf: day, exitCode: exitCodeOf(error), err: error }, `scheduled run failed: ${(error as Error).message}`);
    }
  };
  const tick = async () => {
    const today = todayIn(ctx.config.timeZone, ctx.now());
    // the days passed over since the last tick, then today (every tick runs today)
    const missed: string[] = [];
    for (let day = lastDay === null ? today : addDays(lastDay, 1); compareDates(day, today) < 0; day = addDays(day, 1)) missed.push(day);
    if (lastDay === null || compareDates(today, lastDay) > 0) lastDay = today;
    for (const day of [...missed, today]) await runDay(day);
  };
  // `running` is both the guard against overlapping ticks and what a stop waits for
  const task = cron.schedule(ctx.config.cron, () => {
    if (running) return;
    running = tick().finally(() => (running = null));
    return running;
  }, { name: 'tier-review run', timezone: ctx.config.timeZone });
  ctx.log.info({ cron: ctx.config.cron, timeZone: ctx.config.timeZone, nextRun: task.getNextRun()?.toISOString() ?? null }, 'schedule started');
  const signal = await stop();
  ctx.log.info({ signal, runInProgress: running !== null }, 'stopping the schedule');
  await task.stop();
  await task.destroy();
  if (running) await running;
  ctx.log.info('schedule stopped');
  return ExitCode.done;
}
