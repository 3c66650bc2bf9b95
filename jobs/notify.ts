// `tier-review notify [--dry-run]`: delivers the queued notices, each once (src/notices/deliver.ts).
import path from 'node:path';
import type { JobContext } from '../src/context.js';
import { ExitCode } from '../src/errors.js';
import { deliverQueued, listQueued, mailerFor } from '../src/notices/deliver.js';
import { renderDelivery } from '../src/notices/summary.js';
import { RULESET_2019 } from '../src/rules/ruleset-2019.js';
import { withRun } from '../src/run.js';

export async function notifyJob(ctx: JobContext, options: { dryRun?: boolean }): Promise<ExitCode> {
  return withRun(ctx, 'notify', { dryRun: Boolean(options.dryRun) }, async ({ database }) => {
    const mailer = mailerFor(ctx.config);
    if (options.dryRun) {
      const queued = await listQueued(database);
      ctx.stdout.write(`${queued.length} notice${queued.length === 1 ? '' : 's'} queued; would send through ${mailer.describe}:\n`
        + queued.map((n) => `  #${n.noticeId} ${n.kind} to ${n.to}: ${n.subject}\n`).join(''));
      return { exitCode: ExitCode.done, summary: { dryRun: true, queued: queued.length } };
    }
    const delivery = await deliverQueued(database, mailer, {
      from: ctx.config.mailFrom, tmpDir: path.join(ctx.config.home, 'tmp'),
      settings: { ruleSet: RULESET_2019, horizonDays: ctx.config.noticeHorizonDays }, now: ctx.now,
    });
    ctx.stdout.write(renderDelivery(delivery, mailer.describe));
    if (delivery.failed) throw new Error(`notice #${delivery.failed.noticeId} could not be sent through ${mailer.describe}: ${delivery.failed.error}; it and ${delivery.queued - 1} more stay queued`);
    return { exitCode: ExitCode.done, summary: { delivery } };
  });
}
