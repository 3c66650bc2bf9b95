// Block-range (BRIN) indexes on partner_id for the large evidence tables. The evaluation reads the
// roster in parts, each a range of partner ids; exports list a partner's rows together, so the
// rows of a range sit in a run of blocks, and a BRIN index of a few pages lets each part read its
// blocks instead of the whole table. It is built in about one scan (a B-tree would sort), and the
// planner falls back to scanning when the rows are not in partner order.
import { sql, type Kysely } from 'kysely';

const TABLES = ['certifications', 'opportunities', 'domain_revenue', 'public_references', 'csat_responses'] as const;

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const table of TABLES) await sql.raw(`create index ${table}_partner_blocks on ${table} using brin (partner_id)`).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of TABLES) await sql.raw(`drop index ${table}_partner_blocks`).execute(db);
}
