// `tier-review run`: the nightly job. Ingest DIR (if given), evaluate and store D with its notices
// queued, write the day's report files under $TIER_REVIEW_HOME/reports, send the queued notices
// (unless --no-email), print a summary.
import { once } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import type { JobContext } from '../src/context.js';
import { todayIn } from '../src/config.js';
import { ExitCode } from '../src/errors.js';
import { evaluateAndStoreDay } from '../src/evaluation/evaluate-day.js';
import { datasetFreshness, forEachStoredEvaluation } from '../src/evaluation/stored-report.js';
import { addToCounts, emptyCounts, renderCounts } from '../src/evaluation/summary.js';
import { ingestFolder, inputFolder } from '../src/exports/ingest.js';
import { renderIngestSummary, renderSnapshotAges } from '../src/exports/summary.js';
import { REPORT_PAGE_PARTNERS, streamReports } from '../src/report/stream.js';
import { RULESET_2019 } from '../src/rules/ruleset-2019.js';
import { withRun } from '../src/run.js';
import { deliverQueued, mailerFor } from '../src/notices/deliver.js';
import { NoticeQueue } from '../src/notices/outbox.js';
import { renderDelivery } from '../src/notices/summary.js';
import { ensureDirectory } from '../src/directories.js';

/** A reader of the reports folder never sees a half-written report. */
async function writeAtomically(files: readonly string[], write: (outs: fs.WriteStream[]) => Promise<unknown>): Promise<void> {
  const partials = files.map((file) => `${file}.${process.pid}.partial`);
  const outs = partials.map((partial) => fs.createWriteStream(partial));
  try {
    await write(outs);
    for (const out of outs) {
      out.end();
      await once(out, 'close');
    }
    partials.forEach((partial, i) => fs.renameSync(partial, files[i]!));
  } finally {
    for (const out of outs) out.destroy();
    for (const partial of partials) fs.rmSync(partial, { force: true });
  }
}

export async function runJob(ctx: JobContext, options: { input?: string; asOf?: string; email: boolean; json?: boolean }): Promise<ExitCode> {
  const day = options.asOf ?? todayIn(ctx.config.timeZone, ctx.now());
  const input = options.input === undefined ? undefined : inputFolder(options.input);
  return withRun(ctx, 'run', { input: options.input ?? null, asOf: day, email: options.email }, async ({ database, runId }) => {
    const out: string[] = [];
    let rejected = false;
    let files;
    if (input) {
      const ingest = await ingestFolder(database, input, { runId, tmpDir: path.join(ctx.config.home, 'tmp'), onFileStart: (dataset) => ctx.log.debug({ dataset }, 'loading') });
      rejected = ingest.rejected;
      files = ingest.files;
      out.push(renderIngestSummary(ingest.files, ctx.now()));
    }
    const counts = emptyCounts();
    const tmpDir = path.join(ctx.config.home, 'tmp');
    const settings = { ruleSet: RULESET_2019, horizonDays: ctx.config.noticeHorizonDays };
    const notices = new NoticeQueue(tmpDir, day, { ...settings, digestTo: ctx.config.reportRecipients });
    await evaluateAndStoreDay(database, day, { ...settings, runId, tmpDir, notices, onEvaluated: (e) => addToCounts(counts, e) });
    const now = ctx.now();
    const frame = { asOf: day, datasets: await datasetFreshness(database.db, now), generatedAt: now.toISOString() };
    if (!input) out.push(renderSnapshotAges(frame.datasets));
    out.push(renderCounts(day, counts));
    ensureDirectory(ctx.config.reportsDir);
    const base = path.join(ctx.config.reportsDir, `tier-review-${day}`);
    // both reports from one pass over the stored day
    const formats = ['json', 'html'] as const;
    await writeAtomically(formats.map((format) => `${base}.${format}`), (outs) => streamReports(
      formats.map((format, i) => ({ format, out: outs[i]! })), frame,
      (onBatch) => forEachStoredEvaluation(database.db, day, {}, settings, onBatch, REPORT_PAGE_PARTNERS), { tmpDir }));
    out.push(`report written: ${base}.html (and .json)\n`);
    out.push(`notices queued: ${notices.queued}${options.email ? '' : ' (--no-email: none sent; `tier-review notify` sends them)'}\n`);
    // mail last: the day is stored and its report written whatever the relay does
    const mailer = mailerFor(ctx.config);
    const delivery = options.email
      ? await deliverQueued(database, mailer, { from: ctx.config.mailFrom, tmpDir, settings, now: ctx.now })
      : null;
    if (delivery) out.push(renderDelivery(delivery, mailer.describe));
    const exitCode = rejected ? ExitCode.rejected : ExitCode.done;
    const summary = {
      runId, command: 'run', asOf: day, exitCode, files, datasets: frame.datasets, evaluation: counts, reports: [`${base}.json`, `${base}.html`],
      notices: { queued: notices.queued, ...(delivery ? { sent: delivery.sent, stillQueued: delivery.queued, unconfirmed: delivery.unconfirmed, refused: delivery.refused, failed: delivery.failed } : {}) },
    };
    ctx.stdout.write(options.json ? JSON.stringify(summary, null, 2) + '\n' : out.join('\n'));
    if (delivery?.failed) {
      throw new Error(`the day is stored and its report written, but notice #${delivery.failed.noticeId} could not be sent through ${mailer.describe}: ${delivery.failed.error}; the unsent notices stay queued (tier-review notify sends them)`);
    }
    return { exitCode, summary };
  });
}
