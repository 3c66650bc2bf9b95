// A database of its own for each test file: a fresh PGlite directory by default, or a fresh
// database on the PostgreSQL server named by TEST_DATABASE_URL, so test files can run in parallel.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { connectPostgres, openPGlite, type Database } from '../../src/db/connect.js';
import { migrateToLatest } from '../../src/db/migrate.js';

// empty counts as unset: the PGlite project of vitest.config.ts clears it
export const serverUrl = process.env.TEST_DATABASE_URL || undefined;

export function tempDir(prefix = 'tier-review-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** A new, empty database: its URL on a server (undefined on PGlite, whose home is `home`). */
export async function createEmptyDatabase(): Promise<{ url: string | undefined; home: string; drop(): Promise<void> }> {
  const home = tempDir();
  if (!serverUrl) {
    return { url: undefined, home, drop: async () => fs.rmSync(home, { recursive: true, force: true }) };
  }
  const name = `tier_review_test_${crypto.randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    home,
    async drop() {
      fs.rmSync(home, { recursive: true, force: true });
      const client = new pg.Client({ connectionString: serverUrl });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    },
  };
}

/** An open, migrated database for in-process tests. */
export async function openTestDatabase(): Promise<{ database: Database; home: string; url: string | undefined; close(): Promise<void> }> {
  const empty = await createEmptyDatabase();
  const database = empty.url ? await connectPostgres(empty.url) : await openPGlite(path.join(empty.home, 'db'));
  await migrateToLatest(database.db, database.kind);
  return {
    database,
    home: empty.home,
    url: empty.url,
    async close() {
      await database.close();
      await empty.drop();
    },
  };
}

/** The same database, but every storing transaction fails just before it commits, with `message`. */
export function failingCommits(database: Database, message: string): Database {
  return {
    ...database,
    writeTransaction: (body) => database.db.transaction().execute(async (trx) => {
      await body(trx);
      throw new Error(message);
    }),
  };
}
