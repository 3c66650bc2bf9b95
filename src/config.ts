// The job's configuration, read once from the environment, validated, frozen.
// A bad value stops the command before it touches anything, naming the variable (cli.md).
import fs from 'node:fs';
import path from 'node:path';
import cron from 'node-cron';
import { z } from 'zod';
import { UsageError } from './errors.js';

const optionalText = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional();

/** The URL, when it parses and has one of `protocols` and a host (a socket directory given as ?host= counts). */
function urlWith(value: string, protocols: readonly string[]): URL | null {
  try {
    const url = new URL(value);
    if (!protocols.includes(url.protocol)) return null;
    return url.hostname !== '' || url.searchParams.get('host') ? url : null;
  } catch {
    return null;
  }
}

const ADDRESS = /^[^@\s<>,]+@[^@\s<>,]+$/;
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

const schema = z.object({
  DATABASE_URL: optionalText.refine((v) => v === undefined || urlWith(v, ['postgres:', 'postgresql:']) !== null, {
    message: 'must be a postgres:// or postgresql:// URL with a host (postgres://user@host:5432/database)',
  }),
  TIER_REVIEW_HOME: optionalText,
  SMTP_URL: optionalText.refine((v) => v === undefined || urlWith(v, ['smtp:', 'smtps:']) !== null, {
    message: 'must be an smtp:// or smtps:// URL with a host (smtp://user:password@host:587)',
  }),
  // an address, or a display name and an address in angle brackets
  MAIL_FROM: optionalText.refine((v) => v === undefined || ADDRESS.test(v) || /^[^<>]*<[^@\s<>,]+@[^@\s<>,]+>$/.test(v), {
    message: 'must be an e-mail address, or a name and an address: APN Tier Review <tier-review@example.com>',
  }),
  LOG_LEVEL: optionalText.refine((v) => v === undefined || LOG_LEVELS.includes(v), {
    message: `must be one of ${LOG_LEVELS.join(', ')}`,
  }),
  REPORT_RECIPIENTS: optionalText.refine(
    // (an empty item, as after a trailing comma, is no address and is skipped)
    (v) => v === undefined || v.split(',').map((a) => a.trim()).every((a) => a === '' || ADDRESS.test(a)),
    { message: 'must be comma-separated e-mail addresses' },
  ),
  NOTICE_HORIZON_DAYS: optionalText.refine((v) => v === undefined || /^\d{1,4}$/.test(v), {
    message: 'must be a whole number of days',
  }),
  TIER_REVIEW_CRON: optionalText.refine((v) => v === undefined || cron.validate(v), {
    message: 'must be a cron expression (node-cron: minute hour day month weekday)',
  }),
  TZ: optionalText,
});

export interface Config {
  readonly databaseUrl: string | undefined;
  readonly home: string;
  readonly dbDir: string;
  readonly outboxDir: string;
  readonly reportsDir: string;
  readonly smtpUrl: string | undefined;
  readonly mailFrom: string;
  readonly reportRecipients: readonly string[];
  readonly noticeHorizonDays: number;
  readonly cron: string;
  readonly timeZone: string;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new UsageError(`configuration: ${String(issue.path[0])} ${issue.message}`);
  }
  const v = parsed.data;
  // TZ set but empty means UTC to the C library; ICU then reports an unknown zone
  const system = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const timeZone = v.TZ ?? (system === 'Etc/Unknown' ? 'UTC' : system);
  try {
    new Intl.DateTimeFormat('en-CA', { timeZone });
  } catch {
    throw new UsageError(`configuration: TZ is not a known time zone: ${timeZone}`);
  }
  const home = path.resolve(cwd, v.TIER_REVIEW_HOME ?? '.tier-review');
  const unusable = homeProblem(home);
  if (unusable) throw new UsageError(`configuration: TIER_REVIEW_HOME ${unusable}`);
  return Object.freeze({
    databaseUrl: v.DATABASE_URL,
    home,
    dbDir: path.join(home, 'db'),
    outboxDir: path.join(home, 'outbox'),
    reportsDir: path.join(home, 'reports'),
    smtpUrl: v.SMTP_URL,
    mailFrom: v.MAIL_FROM ?? 'APN Tier Review <tier-review@localhost>',
    reportRecipients: Object.freeze(
      (v.REPORT_RECIPIENTS ?? '').split(',').map((a) => a.trim()).filter((a) => a !== ''),
    ),
    noticeHorizonDays: v.NOTICE_HORIZON_DAYS === undefined ? 90 : Number(v.NOTICE_HORIZON_DAYS),
    cron: v.TIER_REVIEW_CRON ?? '0 2 * * *',
    timeZone,
  });
}

/**
 * Why the home cannot hold the database, the outbox and the reports, or null: it must be a writable
 * directory, or be creatable in the nearest existing one. Nothing is created here.
 */
function homeProblem(home: string): string | null {
  for (let dir = home; ; dir = path.dirname(dir)) {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(dir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') return `cannot be used: ${(error as Error).message}`;
      if (path.dirname(dir) === dir) return `cannot be created: ${home}`;
      continue;
    }
    if (!stat.isDirectory()) return `${dir === home ? 'is' : `cannot be created: ${dir} is`} not a directory: ${home}`;
    try {
      fs.accessSync(dir, fs.constants.W_OK);
    } catch {
      return `${dir === home ? 'is not writable' : `cannot be created: ${dir} is not writable`}: ${home}`;
    }
    return null;
  }
}

/** Today's date in the configured time zone, as YYYY-MM-DD. */
export function todayIn(timeZone: string, now: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}
