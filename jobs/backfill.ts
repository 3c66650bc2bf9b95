import type { JobContext } from '../src/context.js';
import { ExitCode, UsageError } from '../src/errors.js';

export async function backfillJob(_ctx: JobContext, _options: unknown): Promise<ExitCode> {
  throw new UsageError('backfill is not available yet');
}
void ExitCode;
