// The snapshot in force for a dataset: when it was loaded and from which file (null: never loaded).
import { sql, type Kysely } from 'kysely';
import type { Schema } from '../db/schema.js';
import { UNKNOWN_PARTNER_REASON } from './validation-sql.js';

export interface Snapshot {
  loadedAt: string;
  sourceFile: string;
}

/** The SHA-256 of the file the dataset's snapshot came from (null: never loaded). */
export async function snapshotSha256(db: Kysely<Schema>, dataset: string): Promise<string | null> {
  const row = await db.selectFrom('datasets').select('sha256').where('dataset', '=', dataset).executeTakeFirst();
  return row?.sha256 ?? null;
}

export async function snapshotOf(db: Kysely<Schema>, dataset: string): Promise<Snapshot | null> {
  const row = await db.selectFrom('datasets').select(['loaded_at', 'source_file']).where('dataset', '=', dataset).executeTakeFirst();
  return row ? { loadedAt: new Date(row.loaded_at).toISOString(), sourceFile: row.source_file } : null;
}

/**
 * The datasets whose snapshot left out rows for a partner_id missing from the roster of its load,
 * when the roster has been replaced since: their file is checked again even when it comes back
 * unchanged, or a partner added to the roster a run later would miss those rows until the file changed.
 */
export async function datasetsBehindRoster(db: Kysely<Schema>): Promise<Set<string>> {
  const { rows } = await sql<{ dataset: string }>`
    select d.dataset from datasets d join datasets p on p.dataset = 'partners'
    where p.loaded_at > d.loaded_at
      and exists (select 1 from rejects r where r.run_id = d.run_id and r.dataset = d.dataset and r.reason = ${UNKNOWN_PARTNER_REASON})`.execute(db);
  return new Set(rows.map((r) => r.dataset));
}
