// `tier-review schedule`: reserved for the notices and operations milestones (cli.md describes it); until then it
// refuses as bad usage and touches nothing.
import type { JobContext } from '../src/context.js';
import { UsageError, type ExitCode } from '../src/errors.js';

export async function scheduleJob(_ctx: JobContext, _options: unknown): Promise<ExitCode> {
  throw new UsageError('schedule is not available yet: notices are the next milestone');
}
