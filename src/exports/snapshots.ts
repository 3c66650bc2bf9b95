// The snapshot in force for a dataset: when it was loaded and from which file (null: never loaded).
import { sql, type Kysely } from 'kysely';
import type { Schema } from '../db/schema.js';

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
 * The datasets whose snapshot was checked against a roster no longer in force (loaded before it):
 * rows for partners since removed, or left out for partners since added. A run that replaces the
 * roster checks every file again, but one that failed after storing the roster, or a file absent
 * or rejected then, leaves such snapshots: their file is checked again even when it comes back
 * unchanged.
 */
export async function datasetsBehindRoster(db: Kysely<Schema>): Promise<Set<string>> {
  const { rows } = await sql<{ dataset: string }>`
    select d.dataset from datasets d join datasets p on p.dataset = 'partners'
    where p.loaded_at > d.loaded_at`.execute(db);
  return new Set(rows.map((r) => r.dataset));
}
