// `tier-review report`: prints the stored evaluation of D, evaluating it first if it is not stored.
import type { JobContext } from '../src/context.js';
import { todayIn } from '../src/config.js';
import { ExitCode } from '../src/errors.js';
import { evaluateAndStoreDay } from '../src/evaluation/evaluate-day.js';
import { isEvaluated } from '../src/evaluation/history.js';
import { storedReport } from '../src/evaluation/stored-report.js';
import { render } from '../src/report/index.js';
import type { ReportFormat } from '../src/report/types.js';
import { RULESET_2019 } from '../src/rules/ruleset-2019.js';
import type { Flag } from '../src/rules/types.js';
import { withRun } from '../src/run.js';

export async function reportJob(ctx: JobContext, options: { asOf?: string; format: ReportFormat; partner?: string; flag?: Flag }): Promise<ExitCode> {
  const day = options.asOf ?? todayIn(ctx.config.timeZone, ctx.now());
  return withRun(ctx, 'report', { asOf: day, format: options.format, partner: options.partner, flag: options.flag }, async ({ database, runId }) => {
    const evaluated = await isEvaluated(database.db, day);
    if (!evaluated) {
      ctx.log.info({ asOf: day }, 'this day was never evaluated: evaluating it first');
      await evaluateAndStoreDay(database.db, day, { ruleSet: RULESET_2019, horizonDays: ctx.config.noticeHorizonDays, runId });
    }
    const input = await storedReport(database.db, day, { partner: options.partner, flag: options.flag }, ctx.now(), RULESET_2019);
    ctx.stdout.write(render(options.format, input, { table: { color: Boolean((ctx.stdout as { isTTY?: boolean }).isTTY) } }));
    return { exitCode: ExitCode.done, summary: { asOf: day, evaluatedFirst: !evaluated, partners: input.partners.length } };
  });
}
