// Evaluation history. A partner's status is kept as ranges of days over which its stored
// evaluation did not change, so storage grows with changes, not with partners × days.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of [
    // The days evaluated and stored, by which run.
    // first_evaluated_at is kept when a day is evaluated again: reading a stored day counts the
    // history as it stood when that day was evaluated (days first stored later are not counted).
    `create table evaluated_days (
        as_of date primary key,
        evaluated_at timestamptz not null default now(),
        first_evaluated_at timestamptz not null default now(),
        run_id bigint references runs on delete set null
      )`,
    // state: the evaluation's inputs (facts and evidence figures, src/evaluation/stored-form.ts) as
    // JSON text, compared as text (the job writes it deterministically; no jsonb parsing cost);
    // premier_met: the premier criteria were met on each day of the range (sustained attainment).
    `create table partner_status (
        partner_id text collate "C" not null,
        valid_from date not null,
        valid_to date not null,
        state text not null,
        premier_met boolean not null,
        primary key (partner_id, valid_from),
        check (valid_from <= valid_to)
      )`,
    `create index partner_status_day on partner_status (valid_to, valid_from)`,
    // Scratch tables of an evaluation, filled and read inside it.
    `create unlogged table evaluation_points (
        partner_id text collate "C" not null,
        point text not null,
        e date not null,
        w_start date not null,
        cutoff date not null,
        legacy_active boolean not null,
        rev_from date not null,
        rev_to date not null,
        billing_date date
      )`,
    `create unlogged table evaluation_day (
        partner_id text collate "C" primary key,
        state text not null,
        premier_met boolean not null
      )`,
    // The days of a backfill on which a partner's evaluation may change (see evaluation/backfill.ts).
    `create unlogged table backfill_events (
        partner_id text collate "C" not null,
        day date not null,
        primary key (day, partner_id)
      )`,
  ]) {
    await sql.raw(statement).execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table backfill_events, evaluation_day, evaluation_points, partner_status, evaluated_days`.execute(db);
}
