// `tier-review ingest --input DIR`: ingest only.
import path from 'node:path';
import type { JobContext } from '../src/context.js';
import { ExitCode } from '../src/errors.js';
import { ingestFolder, inputFolder } from '../src/exports/ingest.js';
import { renderIngestSummary } from '../src/exports/summary.js';
import { withRun } from '../src/run.js';

export async function ingestJob(ctx: JobContext, options: { input: string; json: boolean }): Promise<ExitCode> {
  const input = inputFolder(options.input);
  return withRun(ctx, 'ingest', { input: options.input }, async ({ database, runId }) => {
    const result = await ingestFolder(database, input, { runId, tmpDir: path.join(ctx.config.home, 'tmp'), onFileStart: (dataset) => ctx.log.debug({ dataset }, 'loading') });
    const exitCode = result.rejected ? ExitCode.rejected : ExitCode.done;
    const summary = { runId, command: 'ingest', exitCode, files: result.files };
    ctx.stdout.write(options.json ? JSON.stringify(summary, null, 2) + '\n' : renderIngestSummary(result.files, ctx.now()));
    return { exitCode, summary };
  });
}
