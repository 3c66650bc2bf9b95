import type { JobContext } from '../src/context.js';
import { ExitCode, UsageError } from '../src/errors.js';

export async function runJob(_ctx: JobContext, _options: unknown): Promise<ExitCode> {
  throw new UsageError('run is not available yet');
}
void ExitCode;
