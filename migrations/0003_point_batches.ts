// Evaluation points carry their day, a point number and a batch, so that one figures query can
// evaluate many (partner, day) pairs at once (a backfill's batch of days) while the next batch is
// prepared; backfill_states holds the changed states a backfill computes before its ranges are
// written set-based.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of [
    `drop table evaluation_points`,
    // pid: the (partner, day) pair; a partner's review point shares the pid of its point of D.
    // batch: the figures query reads one batch of pairs while the next is stored.
    `create unlogged table evaluation_points (
        batch integer not null,
        pid integer not null,
        partner_id text collate "C" not null,
        day date not null,
        point text not null,
        e date not null,
        w_start date not null,
        cutoff date not null,
        legacy_active boolean not null,
        rev_from date not null,
        rev_to date not null,
        billing_date date
      )`,
    // Analyzed after each batch is stored (its rows must be known to the planner): a small sample
    // is enough for the batch, day and point columns, and keeps that cheap as the table grows.
    ...['batch', 'pid', 'partner_id', 'day', 'point', 'e', 'w_start', 'cutoff', 'legacy_active', 'rev_from', 'rev_to', 'billing_date']
      .map((column) => `alter table evaluation_points alter column ${column} set statistics 10`),
    `create unlogged table backfill_states (
        partner_id text collate "C" not null,
        day date not null,
        state text not null,
        premier_met boolean not null
      )`,
  ]) {
    await sql.raw(statement).execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const statement of [
    `drop table backfill_states`,
    `drop table evaluation_points`,
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
  ]) {
    await sql.raw(statement).execute(db);
  }
}
