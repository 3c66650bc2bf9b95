// `tier-review evaluate [--as-of DATE]`: evaluate and store D, no mail.
import path from 'node:path';
import type { JobContext } from '../src/context.js';
import { todayIn } from '../src/config.js';
import { ExitCode } from '../src/errors.js';
import { evaluateAndStoreDay } from '../src/evaluation/evaluate-day.js';
import { addToCounts, emptyCounts, renderCounts } from '../src/evaluation/summary.js';
import { RULESET_2019 } from '../src/rules/ruleset-2019.js';
import { withRun } from '../src/run.js';

export async function evaluateJob(ctx: JobContext, options: { asOf?: string; json?: boolean }): Promise<ExitCode> {
  const day = options.asOf ?? todayIn(ctx.config.timeZone, ctx.now());
  return withRun(ctx, 'evaluate', { asOf: day }, async ({ database, runId }) => {
    const counts = emptyCounts();
    await evaluateAndStoreDay(database, day, {
      ruleSet: RULESET_2019, horizonDays: ctx.config.noticeHorizonDays, runId, tmpDir: path.join(ctx.config.home, 'tmp'),
      onEvaluated: (e) => addToCounts(counts, e),
    });
    const summary = { runId, command: 'evaluate', asOf: day, exitCode: ExitCode.done, evaluation: counts };
    ctx.stdout.write(options.json ? JSON.stringify(summary, null, 2) + '\n' : renderCounts(day, counts));
    return { exitCode: ExitCode.done, summary };
  });
}
