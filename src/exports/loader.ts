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
import type { Snapshot } from './snapshots.js';
import { canonicalRow, keyParts, literal, normalized, rawCell, rowChecks, typed, typedCanonical, type StagingMap } from './validation-sql.js';

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
const REJECTS_SHOWN = 20;

export interface LoadOptions {
  runId: string;
  tmpDir: string;
  rejectLimit?: RejectLimit;
  /** reload even when the file is identical to the snapshot's (the roster changed under it) */
  force?: boolean;
}

function stagingMap(declaration: ExportDeclaration, header: readonly string[]): { map: StagingMap; unknown: string[] } {
  const seen = new Map<string, number>();
  header.forEach((name, i) => {
    if (seen.has(name) && name !== '') throw new Error(`duplicate column "${name}" in the header`);
    seen.set(name, i);
  });
  const map = new Map<string, string | null>();
  for (const column of declaration.columns) {
    const i = seen.get(column.name);
    map.set(column.name, i === undefined ? null : `c${i + 1}`);
  }
  const known = new Set(declaration.columns.map((c) => c.name));
  return { map, unknown: header.filter((name) => !known.has(name)) };
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

/** Loads one export from `dir` (absent file: the previous snapshot stays). */
export async function loadExport(database: Database, declaration: ExportDeclaration, dir: string, options: LoadOptions): Promise<FileResult> {
  const { db } = database;
  const ds = declaration.dataset;
  const result: FileResult = { dataset: ds, file: null, status: 'absent', rowsRead: 0, rowsLoaded: 0, rowsRejected: 0, rejects: [], unknownColumns: [] };
  let source: ExportFile | undefined;
  const stage = `stage_${ds}`;
  const errors = `stage_errors_${ds}`;
  const suspects = `stage_suspects_${ds}`;
  const duplicates = `stage_duplicates_${ds}`;
  try {
    const found = findExportFile(dir, ds);
    if (!found) return result;
    result.file = path.basename(found);
    source = await prepareExportFile(found, options.tmpDir);
    const previous = await db.selectFrom('datasets').select('sha256').where('dataset', '=', ds).executeTakeFirst();
    if (previous?.sha256 === source.sha256 && !options.force) {
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
    await dropStaging(db, stage, errors, suspects, duplicates);
    await exec(db, `create unlogged table ${stage} (ord bigint generated always as identity, ${stagedColumns.map((c) => `${c} text`).join(', ')})`);
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

    // 1. Suspects: rows not already canonical and valid, found with cheap tests in one scan.
    // 2. Row errors: the detailed checks, on the suspects only.
    // 3. Duplicate keys: canonical rows compare by their raw cells, suspects by normalized ones.
    // Each is a CREATE TABLE AS, which (unlike INSERT … SELECT) PostgreSQL may run in parallel.
    await exec(db, `analyze ${stage}`);
    await exec(db, `create unlogged table ${suspects} as select s.ord from ${stage} s where not ${canonicalRow(declaration, map)}`);
    await exec(db, `analyze ${suspects}`);
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
    if (declaration.key) {
      const raw = keyParts(declaration, map, true);
      const norm = keyParts(declaration, map, false);
      const ks = raw.map((_, i) => `k${i}`);
      await exec(db, `create unlogged table ${duplicates} as
        with keyed as (
          select s.ord, ${raw.map((k, i) => `${k} as k${i}`).join(', ')} from ${stage} s
            where not exists (select 1 from ${suspects} x where x.ord = s.ord)
          union all
          select s.ord, ${norm.map((k, i) => `${k} as k${i}`).join(', ')} from ${stage} s join ${suspects} x on x.ord = s.ord)
        select k.ord, ${literal(declaration.key.join(','))} as col, ${literal(`duplicate key (${declaration.key.join(', ')})`)} as reason, d.first_ord
        from keyed k join (select ${ks.join(', ')}, min(ord) as first_ord from keyed group by ${ks.join(', ')} having count(*) > 1) d
          using (${ks.join(', ')})
        where k.ord > d.first_ord`);
      await exec(db, `insert into ${errors} select * from ${duplicates}`);
    }
    const [counted] = await rows<{ rejected: string }>(db, `select count(distinct ord) as rejected from ${errors}`);
    result.rowsRejected = Number(counted?.rejected ?? 0);
    result.rowsLoaded = result.rowsRead - result.rowsRejected;
    const limit = options.rejectLimit ?? DEFAULT_REJECT_LIMIT;
    const overLimit = result.rowsRejected > limit.rows && result.rowsRejected > limit.fraction * result.rowsRead;
    if (declaration.requiresRows && result.rowsLoaded === 0) {
      throw new FileError(found, null, null, result.rowsRead === 0 ? 'empty file: no rows under the header' : 'no valid rows');
    }

    await db.transaction().execute(async (trx) => {
      if (result.rowsRejected > 0) await storeRejects(trx, declaration, map, source!, options.runId, found, stagedColumns, stage, errors);
      if (overLimit) return;
      const columns = declaration.columns.map((c) => c.name);
      // A backfill's partner index (evaluation/backfill.ts) would slow this load down: dropped here,
      // it is built again by the next backfill.
      await exec(trx, `drop index if exists ${partnerIndexName(ds)}`);
      await exec(trx, `truncate ${ds}`);
      // Canonical rows are typed by plain casts, suspects through the normalizing expressions.
      const lookup = declaration.attribution;
      const target = `insert into ${ds} (${[...columns, ...(lookup ? [lookup.column] : [])].join(', ')})`;
      const select = (typeOf: (c: ColumnDeclaration) => string) => `select ${[...declaration.columns.map(typeOf), ...(lookup ? [`l.${lookup.column}`] : [])].join(', ')}
        from ${stage} s
        ${lookup ? `left join ${lookup.from} l on l.${lookup.on} = ${typeOf(declaration.columns.find((c) => c.name === lookup.on)!)}` : ''}`;
      await exec(trx, `${target}
        ${select((c) => typedCanonical(map, c))}
        where not exists (select 1 from ${suspects} x where x.ord = s.ord) and not exists (select 1 from ${errors} e where e.ord = s.ord)
        union all
        ${select((c) => typed(map, c))}
        join ${suspects} x on x.ord = s.ord
        where not exists (select 1 from ${errors} e where e.ord = s.ord)`);
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
    if (!(error instanceof FileError)) throw error;
    result.status = 'rejected';
    result.rowsLoaded = 0;
    result.error = { line: error.line, column: error.column, reason: error.message };
    await db.insertInto('rejects').values({ run_id: options.runId, dataset: ds, file: error.file, line: error.line, column: error.column, value: null, reason: error.message }).execute();
    return result;
  } finally {
    source?.cleanup();
    await dropStaging(db, stage, errors, suspects, duplicates).catch(() => {});
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
