// `tier-review backfill --from --to`: evaluates and stores every day of the range, oldest first (so
// that sustained attainment reads the days before). Never sends mail; rerunning replaces the days.
import path from 'node:path';
import { Presets, SingleBar } from 'cli-progress';
import type { JobContext } from '../src/context.js';
import { ExitCode, UsageError } from '../src/errors.js';
import { backfill } from '../src/evaluation/backfill.js';
import { daysBetween } from '../src/rules/dates.js';
import { RULESET_2019 } from '../src/rules/ruleset-2019.js';
import { withRun } from '../src/run.js';

export async function backfillJob(ctx: JobContext, options: { from: string; to: string; json?: boolean }): Promise<ExitCode> {
  if (options.from > options.to) throw new UsageError(`--from ${options.from} is after --to ${options.to}`);
  const days = daysBetween(options.from, options.to) + 1;
  return withRun(ctx, 'backfill', { from: options.from, to: options.to }, async ({ database, runId }) => {
    const bar = ctx.stderr.isTTY
      ? new SingleBar({ format: 'backfill [{bar}] {value}/{total} days | {day} | {evaluated} partners re-evaluated', stream: ctx.stderr as NodeJS.WritableStream }, Presets.shades_classic)
      : null;
    bar?.start(days, 0, { day: options.from, evaluated: 0 });
    const partners = await backfill(database, options.from, options.to, { ruleSet: RULESET_2019, horizonDays: ctx.config.noticeHorizonDays, runId, tmpDir: path.join(ctx.config.home, 'tmp') }, (p) => {
      bar?.update(p.done, { day: p.day, evaluated: p.evaluated });
      ctx.log.debug({ day: p.day, evaluated: p.evaluated }, 'day stored');
    });
    bar?.stop();
    const summary = { runId, command: 'backfill', from: options.from, to: options.to, days, partners, exitCode: ExitCode.done };
    ctx.stdout.write(options.json ? JSON.stringify(summary, null, 2) + '\n' : `backfilled ${days} days (${options.from} to ${options.to}) for ${partners} partners\n`);
    return { exitCode: ExitCode.done, summary };
  });
}
