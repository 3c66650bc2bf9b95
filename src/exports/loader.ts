// The one loader every export shares. A file's bytes go through PostgreSQL's COPY into an unlogged
// staging table of text columns; validation is set-based SQL generated from the declaration; the
// valid rows replace the dataset's snapshot in one transaction, or nothing is applied.
import path from 'node:path';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../db/connect.js';
import type { Schema } from '../db/schema.js';
import type { ExportDeclaration } from './declaration.js';
import { locateCsvError } from './locate.js';
import { FileError, findExportFile, prepareExportFile, type ExportFile } from './source.js';
import type { ColumnDeclaration } from './declaration.js';
import { snapshotSha256, type Snapshot } from './snapshots.js';
import { asColumn, swapSnapshotTable, tableDefinition, type TableDefinition } from './snapshot-table.js';
import { canonicalRow, columnOf, literal, normalized, rawCell, rowChecks, typed, typedCanonical, type StagingMap } from './validation-sql.js';

export interface RejectedRow {
  line: number | null;
  column: string | null;
  value: string | null;
  reason: string;
}

export type FileStatus = 'loaded' | 'unchanged' | 'absent' | 'rejected';

export interface FileResult {
  dataset: string;
  file: string | null;
  status: FileStatus;
  rowsRead: number;
  rowsLoaded: number;
  rowsRejected: number;
  /** the first rejected rows, in line order (all of them are stored in `rejects`) */
  rejects: RejectedRow[];
  unknownColumns: string[];
  /** why the whole file was rejected */
  error?: { line: number | null; column: string | null; reason: string };
  /** the snapshot in force after this file (null: the dataset was never loaded) */
  snapshot?: Snapshot | null;
  /** domain_revenue: rows per credit type seen */
  creditTypes?: Record<string, number>;
  /** domain_revenue: rows (and their distinct domains) matching no partner's domain, counted, not rejected */
  unmatched?: { rows: number; domains: number };
}

export interface RejectLimit {
  /** the file is rejected when its rejected rows exceed both */
  fraction: number;
  rows: number;
}

export const DEFAULT_REJECT_LIMIT: RejectLimit = { fraction: 0.01, rows: 10 };
/**
 * The run summary lists each rejected row (exports.md) up to this many per file, so that its memory
 * stays bounded when a file is mostly bad; the rest are counted there and all are in `rejects`.
 */
const REJECTS_SHOWN = 1000;

export interface LoadOptions {
  runId: string;
  tmpDir: string;
  rejectLimit?: RejectLimit;
  /** reload even when the file is identical to the snapshot's (the roster changed under it) */
  force?: boolean;
  /**
   * The files this one is checked against (the roster, the domains) still loading: the file is
   * staged meanwhile, and validated once `wait` resolves, with `force` as above. `mayForce`: it may
   * resolve true, so an identical file is staged too.
   */
  after?: { mayForce: boolean; wait: () => Promise<boolean> };
}

function stagingMap(declaration: ExportDeclaration, header: readonly string[]): { map: StagingMap; unknown: string[] } {
  const known = new Set(declaration.columns.map((c) => c.name));
  const seen = new Map<string, number>();
  header.forEach((name, i) => {
    // a declared column twice is ambiguous; an unknown one is ignored however often it comes
    if (seen.has(name) && known.has(name)) throw new Error(`duplicate column "${name}" in the header`);
    if (!seen.has(name)) seen.set(name, i);
  });
  const map = new Map<string, string | null>();
  for (const column of declaration.columns) {
    const i = seen.get(column.name);
    map.set(column.name, i === undefined ? null : `c${i + 1}`);
  }
  return { map, unknown: [...new Set(header.filter((name) => !known.has(name)))] };
}

async function exec(db: Kysely<Schema> | Transaction<Schema>, text: string): Promise<void> {
  await sql.raw(text).execute(db);
}

async function rows<T>(db: Kysely<Schema> | Transaction<Schema>, text: string): Promise<T[]> {
  return (await sql.raw<T>(text).execute(db)).rows;
}

/** The index on partner_id a backfill builds on an evidence table. */
export function partnerIndexName(dataset: string): string {
  return `${dataset}_by_partner`;
}

async function dropStaging(db: Kysely<Schema>, ...tables: string[]): Promise<void> {
  for (const table of tables) await exec(db, `drop table if exists ${table}`);
}

async function dropSequence(db: Kysely<Schema>, sequence: string): Promise<void> {
  await exec(db, `drop sequence if exists ${sequence}`);
}

/** Loads one export from `dir` (absent file: the previous snapshot stays). */
export async function loadExport(database: Database, declaration: ExportDeclaration, dir: string, options: LoadOptions): Promise<FileResult> {
  const { db } = database;
  const ds = declaration.dataset;
  const result: FileResult = { dataset: ds, file: null, status: 'absent', rowsRead: 0, rowsLoaded: 0, rowsRejected: 0, rejects: [], unknownColumns: [] };
  let source: ExportFile | undefined;
  const stage = `stage_${ds}`;
  const errors = `stage_errors_${ds}`;
  const suspects = `stage_suspects_${ds}`;
  const suspectCount = `stage_suspect_count_${ds}`;
  const duplicates = `stage_duplicates_${ds}`;
  const next = `next_${ds}`;
  try {
    const found = findExportFile(dir, ds);
    if (!found) return result;
    result.file = path.basename(found);
    source = await prepareExportFile(found, options.tmpDir);
    const identical = (await snapshotSha256(db, ds)) === source.sha256;
    if (identical && !options.force && !options.after?.mayForce) {
      result.status = 'unchanged';
      return result;
    }

    let staging: ReturnType<typeof stagingMap>;
    try {
      staging = stagingMap(declaration, source.header);
    } catch (error) {
      throw new FileError(found, 1, null, (error as Error).message);
    }
    const { map, unknown } = staging;
    result.unknownColumns = unknown;
    const missing = declaration.columns.filter((c) => c.required && map.get(c.name) === null).map((c) => c.name);
    if (missing.length > 0) throw new FileError(found, 1, missing[0]!, `missing required column${missing.length > 1 ? 's' : ''}: ${missing.join(', ')}`);

    // Stage: every header column as text, in file order; ord numbers the records as COPY reads them.
    const stagedColumns = source.header.map((_, i) => `c${i + 1}`);
    // (also what a load killed in its duplicate check left behind)
    await dropStaging(db, stage, errors, suspects, duplicates, `${duplicates}_hashes`, `${duplicates}_keys`, next);
    await dropSequence(db, suspectCount);
    await exec(db, `create unlogged table ${stage} (ord bigint generated always as identity (cache 10000), ${stagedColumns.map((c) => `${c} text`).join(', ')})`);
    try {
      result.rowsRead = await database.copyCsv(stage, stagedColumns, source.bytes);
    } catch (error) {
      // Only a data exception (SQLSTATE class 22) is the file's fault; a lost connection is not.
      const e = error as { code?: string; message: string; where?: string };
      if (!e.code?.startsWith('22')) throw error;
      const located = await locateCsvError(source.bytes, source.header);
      if (located) throw new FileError(found, located.line, located.column, located.reason);
      const copyLine = /line (\d+)/.exec(e.where ?? '')?.[1];
      throw new FileError(found, copyLine ? Number(copyLine) : null, null, `not CSV: ${e.message}`);
    }

    // A header and no rows is an empty file (exports.md: a file error, the previous snapshot stays):
    // a truncated export must not wipe the dataset.
    if (result.rowsRead === 0) throw new FileError(found, null, null, 'empty file: no rows under the header');

    if (options.after && !(await options.after.wait()) && identical) {
      result.status = 'unchanged';
      result.rowsRead = 0;
      return result;
    }

    const definition = await tableDefinition(db, ds);
    const snapshot = snapshotColumns(declaration, definition);
    // 1. One pass writes the next snapshot: rows already canonical and valid (cheap tests) typed by
    //    plain casts; the others ("suspects") as placeholders with a negative ord, to be checked.
    //    Each suspect also draws from a sequence, so that a file without any (most files) is known
    //    to be one without scanning the snapshot again.
    await exec(db, `create sequence ${suspectCount}`);
    await exec(db, `create table ${next} as
      select case when s.ok then s.ord else -(s.ord + 0 * nextval('${suspectCount}')) end as ord,
        ${snapshot.map(({ column, value }) => `case when s.ok then ${asColumn(column, value((c) => typedCanonical(map, c)))} end as ${column.name}`).join(',\n')}
      from (select s.*, ${canonicalRow(declaration, map)} as ok from ${stage} s offset 0) s
      ${attributionJoin(declaration, 's.ok and ', (c) => typedCanonical(map, c))}`);
    const [drawn] = await rows<{ any: boolean }>(db, `select is_called as any from ${suspectCount}`);
    if (drawn?.any) {
      await checkSuspects(db, declaration, map, { stage, next, suspects, errors }, snapshot);
    } else {
      await exec(db, `create unlogged table ${errors} (ord bigint, col text, reason text, first_ord bigint)`);
    }
    // 2. Duplicate keys among the valid rows, compared by their stored (normalized) values.
    if (declaration.key) await rejectDuplicates(db, declaration, next, errors, duplicates);

    const [counted] = await rows<{ rejected: string }>(db, `select count(distinct ord) as rejected from ${errors}`);
    result.rowsRejected = Number(counted?.rejected ?? 0);
    result.rowsLoaded = result.rowsRead - result.rowsRejected;
    const limit = options.rejectLimit ?? DEFAULT_REJECT_LIMIT;
    const overLimit = result.rowsRejected > limit.rows && result.rowsRejected > limit.fraction * result.rowsRead;
    if (declaration.requiresRows && result.rowsLoaded === 0) {
      // the file is rejected, but each row's own reason is kept and listed like any reject
      await database.writeTransaction((trx) => storeRejects(trx, declaration, map, source!, options.runId, found, stagedColumns, stage, errors));
      result.rejects = await firstRejects(db, options.runId, ds);
      throw new FileError(found, null, null, 'no valid rows');
    }

    await database.writeTransaction(async (trx) => {
      if (result.rowsRejected > 0) await storeRejects(trx, declaration, map, source!, options.runId, found, stagedColumns, stage, errors);
      if (overLimit) return;
      // A backfill's partner index (evaluation/backfill.ts) would slow the next load down: it is not
      // carried over, and the next backfill builds it again.
      await swapSnapshotTable(trx, ds, next, definition, { dropColumns: ['ord'], skipIndex: (index) => index.includes(partnerIndexName(ds)) });
      for (const statement of declaration.afterLoad ?? []) await exec(trx, statement);
      await sql`insert into datasets (dataset, loaded_at, source_file, sha256, row_count, run_id)
        values (${ds}, now(), ${found}, ${source!.sha256}, ${result.rowsLoaded}, ${options.runId})
        on conflict (dataset) do update set loaded_at = excluded.loaded_at, source_file = excluded.source_file,
          sha256 = excluded.sha256, row_count = excluded.row_count, run_id = excluded.run_id`.execute(trx);
    });
    result.rejects = await firstRejects(db, options.runId, ds);
    if (overLimit) {
      result.status = 'rejected';
      result.rowsLoaded = 0;
      result.error = {
        line: null,
        column: null,
        reason: `${result.rowsRejected} of ${result.rowsRead} rows rejected, over the reject limit (more than ${limit.fraction * 100}% and more than ${limit.rows} rows); the previous snapshot stays`,
      };
      return result;
    }
    // fresh statistics for the evaluation's planner
    await exec(db, `analyze ${ds}`);
    if (ds === 'domain_revenue') {
      result.creditTypes = await creditTypes(db);
      result.unmatched = await unmatchedDomains(db);
    }
    result.status = 'loaded';
    return result;
  } catch (error) {
    // not the file's fault (a lost connection, a lost lock): the run fails, saying where
    if (!(error instanceof FileError)) throw new Error(`loading ${result.file ?? `${ds}.csv`}: ${(error as Error).message}`, { cause: error });
    result.status = 'rejected';
    result.rowsLoaded = 0;
    result.error = { line: error.line, column: error.column, reason: error.message };
    await db.insertInto('rejects').values({ run_id: options.runId, dataset: ds, file: error.file, line: error.line, column: error.column, value: null, reason: error.message }).execute();
    return result;
  } finally {
    source?.cleanup();
    await dropStaging(db, stage, errors, suspects, duplicates, next).catch(() => {});
    await dropSequence(db, suspectCount).catch(() => {});
  }
}

/**
 * The suspects of the first pass: their placeholders leave the next snapshot; each is checked in
 * detail (its row errors go to `errors`), and those found valid join the snapshot, typed through
 * the normalizing expressions.
 */
async function checkSuspects(
  db: Kysely<Schema>, declaration: ExportDeclaration, map: StagingMap,
  tables: { stage: string; next: string; suspects: string; errors: string }, snapshot: ReturnType<typeof snapshotColumns>,
): Promise<void> {
  const { stage, next, suspects, errors } = tables;
  // The placeholders leave the next snapshot and become the list of suspects, in one scan.
  await exec(db, `create unlogged table ${suspects} (ord bigint)`);
  await exec(db, `with moved as (delete from ${next} where ord < 0 returning -ord as ord) insert into ${suspects} select ord from moved`);
  await exec(db, `analyze ${suspects}`);
  // Row errors: the detailed checks, on the suspects only.
  const checks = rowChecks(declaration, map, declaration.partnerColumn ? 'p' : null);
  const partnerJoin = declaration.partnerColumn ? `left join partners p on p.partner_id = ${normalized(map, declaration.partnerColumn)}` : '';
  // (materialized: the planner must not run the detailed checks over the whole file first)
  await exec(db, `create unlogged table ${errors} as
    with suspect as materialized (select s.* from ${stage} s join ${suspects} x on x.ord = s.ord)
    select s.ord, e.col, e.reason, null::bigint as first_ord
    from (select s.*${declaration.partnerColumn ? ', p.partner_id as known_partner' : ''}
          from suspect s ${partnerJoin}
          where coalesce(${checks.map(([when]) => when).join(', ')}) is not null) s
    cross join lateral (values ${checks.map(([when, reason]) => `(${when.replace(/\bp\.partner_id\b/g, 's.known_partner')}, ${literal(reason)})`).join(',\n')}) e(col, reason)
    where e.col is not null`);
  // The valid suspects join the next snapshot.
  await exec(db, `insert into ${next} (ord, ${snapshot.map(({ column }) => column.name).join(', ')})
    select s.ord, ${snapshot.map(({ column, value }) => asColumn(column, value((c) => typed(map, c)))).join(', ')}
    from ${stage} s join ${suspects} x on x.ord = s.ord
    ${attributionJoin(declaration, '', (c) => typed(map, c))}
    where not exists (select 1 from ${errors} e where e.ord = s.ord)`);
}

/** Each column of the snapshot table with the expression that fills it from a staged row. */
function snapshotColumns(declaration: ExportDeclaration, definition: TableDefinition) {
  return definition.columns.map((column) => {
    const declared = declaration.columns.find((c) => c.name === column.name);
    const value = (typeOf: (c: ColumnDeclaration) => string): string =>
      declared ? typeOf(declared) : declaration.attribution?.column === column.name ? `l.${column.name}` : 'null';
    return { column, value };
  });
}

/** The look-up that fills an attributed column (domain revenue's partner, through its domain). */
function attributionJoin(declaration: ExportDeclaration, condition: string, typeOf: (c: ColumnDeclaration) => string): string {
  const lookup = declaration.attribution;
  if (!lookup) return '';
  return `left join ${lookup.from} l on ${condition}l.${lookup.on} = ${typeOf(columnOf(declaration, lookup.on))}`;
}

/**
 * Every row after the first (by line) with the same key is rejected, naming the first. A 64-bit
 * hash of each key is counted first: in a clean file every hash is distinct, and one sort of the
 * hashes shows it. Only when some repeat are the repeated hashes listed, and the keys themselves
 * compared among the rows holding them. Sorted, not hashed: a hash table of millions of groups
 * outgrows work_mem and spills, three times slower than sorting the same 8-byte values.
 */
async function rejectDuplicates(db: Kysely<Schema>, declaration: ExportDeclaration, next: string, errors: string, duplicates: string): Promise<void> {
  const key = declaration.key ?? [];
  const part = (alias: string, name: string) => {
    const column = columnOf(declaration, name);
    return column.required ? `${alias}.${name}` : `coalesce(${alias}.${name}::text, '')`;
  };
  const hash = (alias: string) => `hashtextextended(concat_ws(E'\\x1f', ${key.map((k) => `${alias}.${k}::text`).join(', ')}), 0)`;
  const repeatedHashes = `${duplicates}_hashes`;
  const repeated = `${duplicates}_keys`;
  try {
    const anyRepeat = await db.transaction().execute(async (trx) => {
      await exec(trx, `set local work_mem = '256MB'`);
      // the other lane has the second core: parallel workers would only compete with it
      await exec(trx, `set local max_parallel_workers_per_gather = 0`);
      const [counted] = await rows<{ repeats: string }>(trx,
        `select count(*) - count(distinct h) as repeats from (select ${hash('n')} as h from ${next} n) x`);
      if (Number(counted?.repeats ?? 0) === 0) return false;
      await exec(trx, `set local enable_hashagg = off`);
      await exec(trx, `create unlogged table ${repeatedHashes} as
        select h from (select ${hash('n')} as h from ${next} n) x group by h having count(*) > 1`);
      return true;
    });
    if (!anyRepeat) return;
    await exec(db, `create unlogged table ${repeated} as
      select ${key.map((k, i) => `${part('n', k)} as k${i}`).join(', ')}, min(n.ord) as first_ord
      from ${next} n where ${hash('n')} in (select h from ${repeatedHashes})
      group by ${key.map((k) => part('n', k)).join(', ')} having count(*) > 1`);
    await exec(db, `create unlogged table ${duplicates} as
      select n.ord, ${literal(key.join(','))} as col, ${literal(`duplicate key (${key.join(', ')})`)} as reason, d.first_ord
      from ${next} n join ${repeated} d on ${key.map((k, i) => `${part('n', k)} = d.k${i}`).join(' and ')}
      where n.ord > d.first_ord`);
    await exec(db, `delete from ${next} n using ${duplicates} d where n.ord = d.ord`);
    await exec(db, `insert into ${errors} select * from ${duplicates}`);
  } finally {
    await dropStaging(db, repeatedHashes, repeated);
  }
}

/**
 * Stores every rejected row with its physical line: the header's lines, plus one per record, plus
 * the newlines inside quoted fields of the records before it.
 */
async function storeRejects(
  trx: Transaction<Schema>, declaration: ExportDeclaration, map: StagingMap, source: ExportFile,
  runId: string, file: string, stagedColumns: string[], stage: string, errors: string,
): Promise<void> {
  const all = `concat(${stagedColumns.map((c) => `s.${c}`).join(', ')})`;
  const valueOf = `case e.col ${declaration.columns.map((c) => `when ${literal(c.name)} then ${rawCell(map, c.name)}`).join(' ')}
    else concat_ws(', ', ${(declaration.key ?? []).map((k) => rawCell(map, k)).join(', ') || 'null'}) end`;
  await exec(trx, `with multiline as (
      select s.ord, length(${all}) - length(replace(${all}, E'\\n', '')) as newlines
      from ${stage} s where strpos(${all}, E'\\n') > 0),
    located as (
      select e.*, ${source.headerLines} + e.ord + coalesce((select sum(m.newlines) from multiline m where m.ord < e.ord), 0) as line
      from ${errors} e)
    insert into rejects (run_id, dataset, file, line, "column", value, reason)
    select ${literal(runId)}, ${literal(declaration.dataset)}, ${literal(file)}, e.line, e.col, left(${valueOf}, 200),
      case when e.first_ord is null then e.reason
        else e.reason || ': first on line ' || (${source.headerLines} + e.first_ord + coalesce((select sum(m.newlines) from multiline m where m.ord < e.first_ord), 0)) end
    from located e join ${stage} s on s.ord = e.ord`);
}

async function firstRejects(db: Kysely<Schema>, runId: string, dataset: string): Promise<RejectedRow[]> {
  const found = await db.selectFrom('rejects').select(['line', 'column', 'value', 'reason'])
    .where('run_id', '=', runId).where('dataset', '=', dataset)
    .orderBy('line').orderBy('column').limit(REJECTS_SHOWN).execute();
  return found.map((r) => ({ line: r.line === null ? null : Number(r.line), column: r.column, value: r.value, reason: r.reason }));
}

async function unmatchedDomains(db: Kysely<Schema>): Promise<{ rows: number; domains: number }> {
  const [row] = await rows<{ n: string; d: string }>(db,
    `select count(*) as n, count(distinct domain) as d from domain_revenue where partner_id is null`);
  return { rows: Number(row?.n ?? 0), domains: Number(row?.d ?? 0) };
}

async function creditTypes(db: Kysely<Schema>): Promise<Record<string, number>> {
  const found = await rows<{ credit_type: string; n: string }>(db,
    `select credit_type, count(*) as n from domain_revenue where charge_type = 'credit' group by credit_type order by credit_type`);
  return Object.fromEntries(found.map((r) => [r.credit_type, Number(r.n)]));
}
