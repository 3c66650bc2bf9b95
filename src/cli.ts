// The `tier-review` command: parses arguments, loads the configuration and hands over to a job.
// Exit codes are those of cli.md.
import { Command, CommanderError, Option } from 'commander';
import { loadConfig } from './config.js';
import { createLogger, type JobContext } from './context.js';
import { ExitCode, UsageError, exitCodeOf } from './errors.js';
import { isIsoDate } from './rules/dates.js';

/** The days an evaluation can be asked for: its window, review date and grace all stay in YYYY-MM-DD. */
const FIRST_DAY = '1900-01-01';
const LAST_DAY = '9998-12-31';

function isoDate(value: string): string {
  if (!isIsoDate(value)) throw new UsageError(`not a date (YYYY-MM-DD): ${value}`);
  if (value < FIRST_DAY || value > LAST_DAY) throw new UsageError(`not a day from ${FIRST_DAY} to ${LAST_DAY}: ${value}`);
  return value;
}

type Action = (ctx: JobContext, options: any) => Promise<ExitCode>;

function context(streams: { stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream }): JobContext {
  const config = loadConfig();
  return {
    config,
    now: () => new Date(),
    stdout: streams.stdout as JobContext['stdout'],
    stderr: streams.stderr as JobContext['stderr'],
    log: createLogger(streams.stderr as JobContext['stderr']),
  };
}

export function buildProgram(run: (action: () => Promise<Action>, options: unknown) => Promise<void>): Command {
  const program = new Command('tier-review')
    .description('Nightly APN tier review: ingest the partner exports, evaluate the 2019 tier requirements, flag and notify.')
    .showHelpAfterError()
    .exitOverride();
  const asOf = () => new Option('--as-of <date>', 'evaluation date D (YYYY-MM-DD; default: today in TZ)').argParser(isoDate);
  const json = () => new Option('--json', 'print the summary as JSON');

  program.command('run')
    .description('the nightly job: migrate, ingest DIR (if given), evaluate D, store it, queue and send notices, write the report')
    .option('--input <dir>', 'folder of CSV exports to ingest first')
    .addOption(asOf())
    .option('--no-email', 'queue notices but send no mail')
    .addOption(json())
    .action((o) => run(async () => (await import('../jobs/run.js')).runJob, o));
  program.command('ingest')
    .description('ingest the CSV exports of DIR only')
    .requiredOption('--input <dir>', 'folder of CSV exports')
    .addOption(json())
    .action((o) => run(async () => (await import('../jobs/ingest.js')).ingestJob, o));
  program.command('evaluate')
    .description('evaluate and store D, no mail')
    .addOption(asOf())
    .addOption(json())
    .action((o) => run(async () => (await import('../jobs/evaluate.js')).evaluateJob, o));
  program.command('backfill')
    .description('evaluate and store every day of a range (never sends mail; rerunning a range replaces it)')
    .requiredOption('--from <date>', 'first day', isoDate)
    .requiredOption('--to <date>', 'last day', isoDate)
    .addOption(json())
    .action((o) => run(async () => (await import('../jobs/backfill.js')).backfillJob, o));
  program.command('report')
    .description('print the stored evaluation of D (evaluating it first if it is not stored)')
    .addOption(asOf())
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'json', 'csv', 'html']).default('table'))
    .option('--partner <id>', 'only this partner')
    .addOption(new Option('--flag <flag>', 'only partners carrying this flag').choices(['at_risk', 'below_tier', 'fee_grace', 'fee_overdue', 'upgrade_eligible']))
    .action((o) => run(async () => (await import('../jobs/report.js')).reportJob, o));
  program.command('notify')
    .description('deliver queued notices')
    .option('--dry-run', 'show what would be sent, send nothing')
    .action((o) => run(async () => (await import('../jobs/notify.js')).notifyJob, o));
  program.command('schedule')
    .description('stay up and run `run` on the TIER_REVIEW_CRON schedule, one run at a time')
    .option('--input <dir>', 'folder of CSV exports to ingest on each run')
    .option('--no-email', 'queue notices but send no mail')
    .action((o) => run(async () => (await import('../jobs/schedule.js')).scheduleJob, o));
  program.command('migrate')
    .description('apply database migrations')
    .action((o) => run(async () => (await import('../jobs/migrate.js')).migrateJob, o));
  return program;
}

export async function execute(
  argv: string[],
  streams: { stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream } = { stdout: process.stdout, stderr: process.stderr },
): Promise<ExitCode> {
  let exitCode: ExitCode = ExitCode.done;
  const program = buildProgram(async (load, options) => {
    const ctx = context(streams);
    const action = await load();
    exitCode = await action(ctx, options);
  });
  program.configureOutput({
    writeOut: (s) => streams.stdout.write(s),
    writeErr: (s) => streams.stderr.write(s),
  });
  try {
    if (argv.length === 0) {
      program.outputHelp();
      return ExitCode.usage;
    }
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.code === 'commander.helpDisplayed' || error.code === 'commander.help' || error.code === 'commander.version'
        ? ExitCode.done
        : ExitCode.usage;
    }
    const code = exitCodeOf(error);
    streams.stderr.write(`tier-review: ${(error as Error).message}\n`);
    if (code === ExitCode.failed && process.env.LOG_LEVEL === 'debug') streams.stderr.write(`${(error as Error).stack}\n`);
    return code;
  }
}

export async function main(argv: string[]): Promise<void> {
  const code = await execute(argv);
  process.exitCode = code;
}
