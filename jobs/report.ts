// `tier-review report`: prints the stored evaluation of D, evaluating it first if it is not stored.
import path from 'node:path';
import type { Kysely } from 'kysely';
import type { JobContext } from '../src/context.js';
import { todayIn } from '../src/config.js';
import type { Schema } from '../src/db/schema.js';
import { ExitCode } from '../src/errors.js';
import { evaluateAndStoreDay } from '../src/evaluation/evaluate-day.js';
import { isEvaluated } from '../src/evaluation/history.js';
import { datasetFreshness, forEachStoredEvaluation } from '../src/evaluation/stored-report.js';
import { REPORT_PAGE_PARTNERS, streamReport } from '../src/report/stream.js';
import type { ReportFormat } from '../src/report/types.js';
import { RULESET_2019 } from '../src/rules/ruleset-2019.js';
import type { Flag } from '../src/rules/types.js';
import { withReadOnlyRun, withRun } from '../src/run.js';

export async function reportJob(ctx: JobContext, options: { asOf?: string; format: ReportFormat; partner?: string; flag?: Flag }): Promise<ExitCode> {
  const day = options.asOf ?? todayIn(ctx.config.timeZone, ctx.now());
  const tmpDir = path.join(ctx.config.home, 'tmp');
  const settings = { ruleSet: RULESET_2019, horizonDays: ctx.config.noticeHorizonDays };
  const parameters = { asOf: day, format: options.format, partner: options.partner, flag: options.flag };
  const print = async (db: Kysely<Schema>, evaluatedFirst: boolean) => {
    const now = ctx.now();
    const frame = { asOf: day, datasets: await datasetFreshness(db, now), generatedAt: now.toISOString() };
    const partners = await streamReport(options.format, frame,
      (onBatch) => forEachStoredEvaluation(db, day, { partner: options.partner, flag: options.flag }, settings, onBatch, REPORT_PAGE_PARTNERS),
      ctx.stdout, { tmpDir, table: { color: Boolean((ctx.stdout as { isTTY?: boolean }).isTTY) } });
    return { exitCode: ExitCode.done, summary: { asOf: day, evaluatedFirst, partners } };
  };
  // On a server, a day already stored is read without the run lock: a report need not wait for
  // the nightly run (on PGlite only one process may open the database anyway).
  if (ctx.config.databaseUrl) {
    const read = await withReadOnlyRun(ctx, 'report', parameters, (db) => isEvaluated(db, day), (db) => print(db, false));
    if (read !== undefined) return read;
  }
  return withRun(ctx, 'report', parameters, async ({ database, runId }) => {
    const evaluated = await isEvaluated(database.db, day);
    if (!evaluated) {
      ctx.log.info({ asOf: day }, 'this day was never evaluated: evaluating it first');
      await evaluateAndStoreDay(database, day, { ...settings, runId, tmpDir });
    }
    return print(database.db, !evaluated);
  });
}
