// The notices outbox (rules.md, Notices). A run queues its notices in the transaction that stores
// its evaluation, so they exist exactly when the evaluation does; delivery (notify, or run without
// --no-email) sends each once. One row per event: the unique index makes a second queueing of the
// same event impossible, whatever runs overlap or fail.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of [
    // kind: at_risk, fee_grace, fee_overdue (partner notices) or digest; anchor: the date the event
    // is about (R, the end of the grace period, the billing date; the run day for the digest);
    // bucket: the reminder's days-before threshold. status: queued → sending → sent; a notice
    // left 'sending' by a process that died may have gone out: it becomes 'unconfirmed' and is
    // never sent again on its own; one the relay refused for good (a 5xx reply) is 'failed'.
    `create table notices (
        notice_id bigint generated always as identity primary key,
        kind text not null,
        partner_id text collate "C",
        anchor date not null,
        bucket integer,
        as_of date not null,
        run_id bigint references runs on delete set null,
        to_addresses text not null,
        cc_addresses text,
        subject text not null,
        body text not null,
        queued_at timestamptz not null default now(),
        status text not null default 'queued' check (status in ('queued', 'sending', 'sent', 'unconfirmed', 'failed')),
        attempts integer not null default 0,
        last_error text,
        sent_at timestamptz
      )`,
    `create unique index notices_event on notices (kind, coalesce(partner_id, ''), anchor, coalesce(bucket, -1))`,
    `create index notices_pending on notices (notice_id) where status in ('queued', 'sending')`,
    // the notices an evaluation calls for, staged while it runs and queued when it is stored
    `create unlogged table notice_candidates (
        kind text not null,
        partner_id text collate "C" not null,
        anchor date not null,
        bucket integer,
        to_addresses text not null,
        cc_addresses text,
        subject text not null,
        body text not null
      )`,
  ]) {
    await sql.raw(statement).execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table notice_candidates, notices`.execute(db);
}
