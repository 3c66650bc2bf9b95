// The snapshot in force for a dataset: when it was loaded and from which file (null: never loaded).
import type { Kysely } from 'kysely';
import type { Schema } from '../db/schema.js';

export interface Snapshot {
  loadedAt: string;
  sourceFile: string;
}

export async function snapshotOf(db: Kysely<Schema>, dataset: string): Promise<Snapshot | null> {
  const row = await db.selectFrom('datasets').select(['loaded_at', 'source_file']).where('dataset', '=', dataset).executeTakeFirst();
  return row ? { loadedAt: new Date(row.loaded_at).toISOString(), sourceFile: row.source_file } : null;
}
