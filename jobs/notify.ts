// `tier-review notify`: reserved for the notices milestone (cli.md describes it); until then it
// refuses as bad usage and touches nothing.
import type { JobContext } from '../src/context.js';
import { UsageError, type ExitCode } from '../src/errors.js';

export async function notifyJob(_ctx: JobContext, _options: unknown): Promise<ExitCode> {
  throw new UsageError('notify is not available yet: notices are the next milestone');
}
