// One place picks the database: DATABASE_URL set → a pg pool on a PostgreSQL server; unset →
// embedded PGlite under $TIER_REVIEW_HOME/db. Both expose the same Kysely instance and one COPY.
import fs from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { PGlite, types } from '@electric-sql/pglite';
import { Kysely, PostgresDialect, type Transaction } from 'kysely';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { Mutex, PGliteDialect } from './pglite-dialect.js';
import type { Schema } from './schema.js';

/** A byte range of a plain CSV file on disk (BOM and trailing blank lines already cut off). */
export interface CsvBytes {
  path: string;
  start: number;
  /** exclusive */
  end: number;
}

/** Run last in a transaction that stores something, before it commits (the run lock's confirmHeld). */
export type CommitGuard = (trx: Transaction<Schema>) => Promise<void>;

export interface Database {
  readonly kind: 'postgres' | 'pglite';
  readonly db: Kysely<Schema>;
  /** A transaction that stores what the run computed: it commits only if the commit guard passes. */
  writeTransaction<T>(body: (trx: Transaction<Schema>) => Promise<T>): Promise<T>;
  /**
   * COPY the CSV bytes (header line included) into `table (columns)`; returns rows copied.
   * `quote`: the quote character, when not '"'.
   */
  copyCsv(table: string, columns: readonly string[], bytes: CsvBytes, quote?: string): Promise<number>;
  close(): Promise<void>;
}

// Numeric, date and bigint values come back as strings: the rules do their own arithmetic on them.
pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v);
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v) => v);
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => v);

function copySql(table: string, columns: readonly string[], source: string, quote: string | undefined): string {
  const cols = columns.map((c) => `"${c}"`).join(', ');
  const quoting = quote === undefined ? '' : `, quote e'\\x${quote.charCodeAt(0).toString(16).padStart(2, '0')}'`;
  return `copy ${table} (${cols}) from ${source} with (format csv, header true, encoding 'UTF8'${quoting})`;
}

function guardedTransactions(db: Kysely<Schema>, guard: CommitGuard | undefined): Database['writeTransaction'] {
  return (body) => db.transaction().execute(async (trx) => {
    const result = await body(trx);
    await guard?.(trx);
    return result;
  });
}

export async function connectPostgres(url: string, options: { poolSize?: number; guard?: CommitGuard } = {}): Promise<Database> {
  const poolSize = options.poolSize ?? 4;
  // work_mem: the load's groupings and the evaluation's aggregations over millions of rows would
  // spill to disk with the default 4 MB.
  const pool = new pg.Pool({ connectionString: url, max: poolSize, application_name: 'tier-review', options: '-c work_mem=64MB' });
  // An idle client that loses its connection must not crash the process; the query using it fails.
  pool.on('error', () => {});
  // pg-pool listens for errors only on idle clients: a connection lost while a query runs would
  // otherwise end the process with an unhandled 'error' event; the query itself fails with it.
  pool.on('connect', (client) => client.on('error', () => {}));
  const db = new Kysely<Schema>({ dialect: new PostgresDialect({ pool }) });
  return {
    kind: 'postgres',
    db,
    writeTransaction: guardedTransactions(db, options.guard),
    async copyCsv(table, columns, bytes, quote) {
      const client = await pool.connect();
      let broken: Error | undefined;
      // A connection lost while the client is checked out is reported as an 'error' event on it:
      // without a listener that event would end the process before the run is recorded as failed.
      // The COPY stream fails with the same error, which is what this load reports.
      const onError = (error: Error) => (broken ??= error);
      client.on('error', onError);
      try {
        const stream = client.query(copyFrom(copySql(table, columns, 'stdin', quote)));
        const file = fs.createReadStream(bytes.path, { start: bytes.start, end: bytes.end - 1, highWaterMark: 1 << 20 });
        await pipeline(file, stream);
        return Number(stream.rowCount ?? 0);
      } catch (error) {
        // a client whose COPY broke is not reused
        broken = error as Error;
        throw error;
      } finally {
        client.off('error', onError);
        client.release(broken);
      }
    },
    async close() {
      await db.destroy();
    },
  };
}

export async function openPGlite(dataDir: string | undefined, guard?: CommitGuard): Promise<Database> {
  const asText = (v: string) => v;
  const pglite = await PGlite.create(dataDir, {
    parsers: { [types.DATE]: asText, [types.NUMERIC]: asText, [types.INT8]: asText },
  });
  await pglite.exec(`set work_mem = '32MB'`);
  const mutex = new Mutex();
  const db = new Kysely<Schema>({ dialect: new PGliteDialect(pglite, mutex) });
  return {
    kind: 'pglite',
    db,
    writeTransaction: guardedTransactions(db, guard),
    async copyCsv(table, columns, bytes, quote) {
      const release = await mutex.lock();
      try {
        const blob = (await fs.openAsBlob(bytes.path)).slice(bytes.start, bytes.end);
        const result = await pglite.query(copySql(table, columns, `'/dev/blob'`, quote), [], { blob });
        return result.affectedRows ?? 0;
      } finally {
        release();
      }
    },
    async close() {
      await db.destroy();
    },
  };
}
