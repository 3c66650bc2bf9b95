// The job's configuration, read once from the environment, validated, frozen.
// A bad value stops the command before it touches anything, naming the variable (cli.md).
import path from 'node:path';
import cron from 'node-cron';
import { z } from 'zod';
import { UsageError } from './errors.js';

const optionalText = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional();

const schema = z.object({
  DATABASE_URL: optionalText.refine((v) => v === undefined || /^postgres(ql)?:\/\//.test(v), {
    message: 'must be a postgres:// or postgresql:// URL',
  }),
  TIER_REVIEW_HOME: optionalText,
  SMTP_URL: optionalText.refine((v) => v === undefined || /^smtps?:\/\//.test(v), {
    message: 'must be an smtp:// or smtps:// URL',
  }),
  MAIL_FROM: optionalText,
  REPORT_RECIPIENTS: optionalText.refine(
    (v) => v === undefined || v.split(',').every((a) => /^[^@\s,]+@[^@\s,]+$/.test(a.trim())),
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
  const timeZone = v.TZ ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  try {
    new Intl.DateTimeFormat('en-CA', { timeZone });
  } catch {
    throw new UsageError(`configuration: TZ is not a known time zone: ${timeZone}`);
  }
  const home = path.resolve(cwd, v.TIER_REVIEW_HOME ?? '.tier-review');
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

/** Today's date in the configured time zone, as YYYY-MM-DD. */
export function todayIn(timeZone: string, now: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}
