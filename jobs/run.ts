// `tier-review run`: the nightly job. Ingest DIR (if given), evaluate and store D, write the day's
// report files under $TIER_REVIEW_HOME/reports, print a summary.
import fs from 'node:fs';
import path from 'node:path';
import type { JobContext } from '../src/context.js';
import { todayIn } from '../src/config.js';
import { ExitCode } from '../src/errors.js';
import { evaluateAndStoreDay } from '../src/evaluation/evaluate-day.js';
import { storedReport } from '../src/evaluation/stored-report.js';
import { addToCounts, emptyCounts, renderCounts } from '../src/evaluation/summary.js';
import { ingestFolder } from '../src/exports/ingest.js';
import { renderIngestSummary } from '../src/exports/summary.js';
import { renderHtml } from '../src/report/html.js';
import { renderJson } from '../src/report/json.js';
import { RULESET_2019 } from '../src/rules/ruleset-2019.js';
import { withRun } from '../src/run.js';

/** A reader of the reports folder never sees a half-written report. */
function writeAtomically(file: string, content: string): void {
  const partial = `${file}.${process.pid}.partial`;
  fs.writeFileSync(partial, content);
  fs.renameSync(partial, file);
}

export async function runJob(ctx: JobContext, options: { input?: string; asOf?: string; email: boolean; json?: boolean }): Promise<ExitCode> {
  const day = options.asOf ?? todayIn(ctx.config.timeZone, ctx.now());
  return withRun(ctx, 'run', { input: options.input ?? null, asOf: day, email: options.email }, async ({ database, runId }) => {
    const out: string[] = [];
    let rejected = false;
    let files;
    if (options.input) {
      const ingest = await ingestFolder(database, path.resolve(options.input), { runId, tmpDir: path.join(ctx.config.home, 'tmp'), onFileStart: (dataset) => ctx.log.debug({ dataset }, 'loading') });
      rejected = ingest.rejected;
      files = ingest.files;
      out.push(renderIngestSummary(ingest.files, ctx.now()));
    }
    const counts = emptyCounts();
    await evaluateAndStoreDay(database.db, day, {
      ruleSet: RULESET_2019, horizonDays: ctx.config.noticeHorizonDays, runId, onEvaluated: (e) => addToCounts(counts, e),
    });
    out.push(renderCounts(day, counts));
    const report = await storedReport(database.db, day, {}, ctx.now(), RULESET_2019);
    fs.mkdirSync(ctx.config.reportsDir, { recursive: true });
    const base = path.join(ctx.config.reportsDir, `tier-review-${day}`);
    writeAtomically(`${base}.json`, renderJson(report));
    writeAtomically(`${base}.html`, renderHtml(report));
    out.push(`report written: ${base}.html (and .json)\n`);
    const exitCode = rejected ? ExitCode.rejected : ExitCode.done;
    const summary = { runId, command: 'run', asOf: day, exitCode, files, evaluation: counts, reports: [`${base}.json`, `${base}.html`] };
    ctx.stdout.write(options.json ? JSON.stringify(summary, null, 2) + '\n' : out.join('\n'));
    return { exitCode, summary };
  });
}
