import type { JobContext } from '../src/context.js';
import { ExitCode, UsageError } from '../src/errors.js';

export async function notifyJob(_ctx: JobContext, _options: unknown): Promise<ExitCode> {
  throw new UsageError('notify is not available yet');
}
void ExitCode;
