// A snapshot is written once: the load builds the next table with CREATE TABLE AS (PostgreSQL's
// bulk-insert path, about twice as fast as INSERT … SELECT into the old table) and swaps it in.
// The table's definition (types, collations, NOT NULL, defaults, keys, indexes) is read from the
// catalog, so the migrations stay the one place where a snapshot table is defined.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Schema } from '../db/schema.js';

type Db = Kysely<Schema> | Transaction<Schema>;

export interface TableColumn {
  name: string;
  /** the SQL type as format_type writes it */
  type: string;
  /** the column's collation, quoted; null for a type without one */
  collation: string | null;
  notNull: boolean;
  defaultExpression: string | null;
}

export interface TableDefinition {
  columns: TableColumn[];
  /** `add constraint … ` clauses for keys and checks */
  constraints: string[];
  /** CREATE INDEX statements of indexes that back no constraint */
  indexes: string[];
}

export async function tableDefinition(db: Db, table: string): Promise<TableDefinition> {
  const columns = await sql<{ name: string; type: string; collation: string | null; not_null: boolean; default_expression: string | null }>`
    select a.attname as name, format_type(a.atttypid, a.atttypmod) as type,
      case when a.attcollation <> 0 then quote_ident(c.collname) end as collation,
      a.attnotnull as not_null, pg_get_expr(d.adbin, d.adrelid) as default_expression
    from pg_attribute a
      left join pg_collation c on c.oid = a.attcollation
      left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
    where a.attrelid = ${table}::regclass and a.attnum > 0 and not a.attisdropped
    order by a.attnum`.execute(db);
  const constraints = await sql<{ clause: string }>`
    select 'add constraint ' || quote_ident(conname) || ' ' || pg_get_constraintdef(oid) as clause
    from pg_constraint where conrelid = ${table}::regclass and contype in ('p', 'u', 'c', 'x')
    order by conname`.execute(db);
  const indexes = await sql<{ definition: string }>`
    select pg_get_indexdef(i.indexrelid) as definition
    from pg_index i join pg_class c on c.oid = i.indexrelid
    where i.indrelid = ${table}::regclass
      and not exists (select 1 from pg_constraint k where k.conindid = i.indexrelid)
    order by c.relname`.execute(db);
  return {
    columns: columns.rows.map((c) => ({ name: c.name, type: c.type, collation: c.collation, notNull: c.not_null, defaultExpression: c.default_expression })),
    constraints: constraints.rows.map((c) => c.clause),
    indexes: indexes.rows.map((i) => i.definition),
  };
}

/** `expression` as a value of `column`'s type and collation. */
export function asColumn(column: TableColumn, expression: string): string {
  return `(cast(${expression} as ${column.type})${column.collation ? ` collate ${column.collation}` : ''})`;
}

/**
 * Replaces `table` with `next` (built by CREATE TABLE AS with the same columns, in the same
 * transaction as the snapshot's record): the old table's NOT NULLs, defaults, keys and indexes are
 * put on the new one, except the indexes `skipIndex` names; the load's working columns are dropped.
 */
export async function swapSnapshotTable(
  trx: Transaction<Schema>, table: string, next: string, definition: TableDefinition,
  options: { dropColumns: readonly string[]; skipIndex: (definition: string) => boolean },
): Promise<void> {
  const alterations = [...options.dropColumns.map((c) => `drop column ${c}`), ...definition.columns.flatMap((c) => [
    ...(c.notNull ? [`alter column ${c.name} set not null`] : []),
    ...(c.defaultExpression !== null ? [`alter column ${c.name} set default ${c.defaultExpression}`] : []),
  ])];
  // one ALTER: PostgreSQL checks every NOT NULL in a single scan
  if (alterations.length > 0) await sql.raw(`alter table ${next} ${alterations.join(', ')}`).execute(trx);
  await sql.raw(`drop table ${table}`).execute(trx);
  await sql.raw(`alter table ${next} rename to ${table}`).execute(trx);
  if (definition.constraints.length > 0) await sql.raw(`alter table ${table} ${definition.constraints.join(', ')}`).execute(trx);
  for (const index of definition.indexes) if (!options.skipIndex(index)) await sql.raw(index).execute(trx);
}
