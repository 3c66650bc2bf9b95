// Errors that map to the exit codes of cli.md; anything else is a failure (exit 1).

export const ExitCode = {
  done: 0,
  failed: 1,
  usage: 2,
  rejected: 3,
  locked: 4,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** Bad usage or configuration: nothing was touched. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** Another run holds the lock: nothing was done. */
export class LockHeldError extends Error {
  override name = 'LockHeldError';
}

/** The run's lock was lost while it ran: it stopped before storing anything more. */
export class LockLostError extends Error {
  override name = 'LockLostError';
}

export function exitCodeOf(error: unknown): ExitCode {
  if (error instanceof UsageError) return ExitCode.usage;
  if (error instanceof LockHeldError) return ExitCode.locked;
  return ExitCode.failed;
}
