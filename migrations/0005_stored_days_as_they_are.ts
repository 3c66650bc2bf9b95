// A stored day is read with the stored days as they are now (a backfill of the days before it fills
// its sustained attainment, rules.md): when a day was first stored no longer matters.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table evaluated_days drop column first_evaluated_at`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table evaluated_days add column first_evaluated_at timestamptz not null default now()`.execute(db);
  await sql`update evaluated_days set first_evaluated_at = evaluated_at`.execute(db);
}
