// The snapshot in force for a dataset: when it was loaded and from which file (null: never loaded).
import type { Kysely } from 'kysely';
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
