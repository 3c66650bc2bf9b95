// SQL derived from a declaration: how a staged text cell is normalized, checked and typed.
// Everything here is generated from the declaration; no dataset has SQL of its own.
import { literal } from '../db/sql-text.js';
import type { ColumnDeclaration, ColumnType, ExportDeclaration } from './declaration.js';

const WHITESPACE = `E' \\t\\r\\n'`;
const TRUE_WORDS = ['true', 'yes', 'y', '1'];
const BOOL_WORDS = [...TRUE_WORDS, 'false', 'no', 'n', '0'];
/** Each boolean word as exports spell it (lower, upper and capitalized case): canonical cells. */
const spellings = (words: readonly string[]) => [...new Set(words.flatMap((w) => [w, w.toUpperCase(), w[0]!.toUpperCase() + w.slice(1)]))];
const TRUE_SPELLINGS = spellings(TRUE_WORDS);
const BOOL_SPELLINGS = spellings(BOOL_WORDS);

export { literal };

function list(values: readonly string[]): string {
  return values.map(literal).join(', ');
}

/** Maps each declared column to its staging column (`c1`…), or null when the file lacks it. */
export type StagingMap = ReadonlyMap<string, string | null>;

export function rawCell(map: StagingMap, column: string): string {
  const staged = map.get(column);
  return staged ? `s.${staged}` : 'null::text';
}

/** The trimmed cell, null when empty. */
export function normalized(map: StagingMap, column: string): string {
  const staged = map.get(column);
  return staged ? `nullif(btrim(s.${staged}, ${WHITESPACE}), '')` : 'null::text';
}

/** A predicate true when a non-null normalized value `v` is valid for the type. */
function validFor(type: ColumnType, v: string): string {
  switch (type.kind) {
    case 'text':
    case 'lower_text':
      return 'true';
    case 'email':
      return `${v} ~ '^[^@[:space:]]+@[^@[:space:]]+$'`;
    case 'date':
      // calendar_days holds 1900–2199, where nearly every date falls; any other year (9999-12-31 for
      // "never expires") is checked by its form and its month's length (CASE: the cast only after)
      return `(${v} in (select day from calendar_days) or case when ${v} ~ '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$' and left(${v}, 4) <> '0000'
        then right(${v}, 2)::integer <= extract(day from (left(${v}, 7) || '-01')::date + interval '1 month' - interval '1 day') else false end)`;
    case 'month':
      return `${v} ~ '^[1-9][0-9]{3}-(0[1-9]|1[0-2])$'`;
    case 'bool':
      return `lower(${v}) in (${list(BOOL_WORDS)})`;
    case 'usd':
      return `${v} ~ '^-?[0-9]+(\\.[0-9]+)?$'`;
    case 'count':
      return `${v} ~ '^[0-9]{1,9}$'`;
    case 'digits':
      return `${v} ~ '^[0-9]{${type.length}}$'`;
    case 'enum':
      return type.upper ? `upper(${v}) in (${list(type.values)})` : `lower(${v}) in (${list(type.values)})`;
  }
}

export function typeReason(type: ColumnType): string {
  switch (type.kind) {
    case 'text':
    case 'lower_text':
      return 'not text';
    case 'email':
      return 'not an e-mail address (one @)';
    case 'date':
      return 'not a date (YYYY-MM-DD)';
    case 'month':
      return 'not a month (YYYY-MM)';
    case 'bool':
      return `not a boolean (${BOOL_WORDS.join('/')})`;
    case 'usd':
      return 'not a USD amount (plain decimal with a dot, no currency sign or separators)';
    case 'count':
      return 'not a whole number ≥ 0';
    case 'digits':
      return `not ${type.length} digits`;
    case 'enum':
      return type.label ? `not ${type.label}` : `not one of ${type.values.join(', ')}`;
  }
}

/** The typed value (assumes the cell is valid), with the column's default when empty. */
export function typed(map: StagingMap, column: ColumnDeclaration): string {
  const v = normalized(map, column.name);
  const value = ((): string => {
    switch (column.type.kind) {
      case 'text':
      case 'digits':
        return v;
      case 'lower_text':
      case 'email':
        return `lower(${v})`;
      case 'date':
        return `${v}::date`;
      case 'month':
        return `(${v} || '-01')::date`;
      case 'bool':
        return `(lower(${v}) in (${list(TRUE_WORDS)}))`;
      case 'usd':
        return `${v}::numeric`;
      case 'count':
        return `${v}::integer`;
      case 'enum':
        return column.type.upper ? `upper(${v})` : `lower(${v})`;
    }
  })();
  return column.default === undefined ? value : `coalesce(${value}, ${column.default})`;
}

export function columnOf(declaration: ExportDeclaration, name: string): ColumnDeclaration {
  const column = declaration.columns.find((c) => c.name === name);
  if (!column) throw new Error(`${declaration.dataset}: no column ${name}`);
  return column;
}

/**
 * One (column, reason) check per row, each as `case when <fails> then 'column' end`: the cell
 * checks (required, type, range), the cross-column rules and the partner roster.
 */
export const UNKNOWN_PARTNER_REASON = 'unknown partner_id (not in the partner roster)';

export function rowChecks(declaration: ExportDeclaration, map: StagingMap, partnerAlias: string | null): Array<[string, string]> {
  const checks: Array<[string, string]> = [];
  const validCell = (c: ColumnDeclaration) => {
    const v = normalized(map, c.name);
    return `(${v} is null or (${validFor(c.type, v)}))`;
  };
  for (const c of declaration.columns) {
    const v = normalized(map, c.name);
    if (c.required) checks.push([`case when ${v} is null then ${literal(c.name)} end`, 'missing required value']);
    if (c.type.kind !== 'text' && c.type.kind !== 'lower_text') {
      checks.push([`case when ${v} is not null and not (${validFor(c.type, v)}) then ${literal(c.name)} end`, typeReason(c.type)]);
    }
    if (c.type.kind === 'usd' && c.type.min) {
      const { value, inclusive } = c.type.min;
      const fails = inclusive ? `${v}::numeric < ${value}` : `${v}::numeric <= ${value}`;
      checks.push([
        `case when ${v} is not null and ${validFor(c.type, v)} then case when ${fails} then ${literal(c.name)} end end`,
        `must be ${inclusive ? '≥' : '>'} ${value}`,
      ]);
    }
  }
  for (const rule of declaration.rules ?? []) {
    const used = declaration.columns.filter((c) => rule.failsWhen.includes(`{${c.name}}`));
    const predicate = rule.failsWhen.replace(/\{(\w+)\}/g, (_, name: string) => typed(map, columnOf(declaration, name)));
    checks.push([`case when ${used.map(validCell).join(' and ')} then case when ${predicate} then ${literal(rule.column)} end end`, rule.reason]);
  }
  if (declaration.partnerColumn && partnerAlias) {
    const v = normalized(map, declaration.partnerColumn);
    checks.push([`case when ${v} is not null and ${partnerAlias}.partner_id is null then ${literal(declaration.partnerColumn)} end`, UNKNOWN_PARTNER_REASON]);
  }
  return checks;
}

/** The shapes of a canonical USD amount (up to 15 digits and 6 decimals) with every digit as 9. */
const USD_SHAPES = ['', '-'].flatMap((sign) => Array.from({ length: 15 }, (_, i) => '9'.repeat(i + 1))
  .flatMap((whole) => ['', ...Array.from({ length: 6 }, (_, j) => `.${'9'.repeat(j + 1)}`)].map((fraction) => literal(`${sign}${whole}${fraction}`))))
  .join(', ');

/**
 * True when a raw cell is valid and typed by a plain cast (typedCanonical): trimmed, ASCII where
 * the type folds case, a known date, and so on. Most rows of a real export are, so the load checks them with
 * these cheap tests and applies the slower normalizing expressions only to the few "suspect" rows
 * that fail. Must imply the detailed checks of rowChecks pass; it may be stricter (a suspect that
 * is valid after all still loads). Regular expressions and locale-aware case mapping cost several
 * times more per cell than these string functions, hence ASCII-only tests with the C collation.
 */
function canonicalFor(type: ColumnType, c: string): string {
  const trimmed = `${c} <> '' and ${c} = btrim(${c}, ${WHITESPACE})`;
  // ASCII only: its case folds with the C collation, three times cheaper than the locale's
  const ascii = `octet_length(${c}) = char_length(${c})`;
  const digits = (length: string) => `${length} and ltrim(${c}, '0123456789') = ''`;
  switch (type.kind) {
    case 'text':
      return trimmed;
    case 'lower_text':
      return `${trimmed} and ${ascii}`;
    case 'email':
      return `${ascii} and ${c} like '_%@_%' and ${c} not like '%@%@%' and translate(${c}, E' \\t\\n\\r\\x0b\\f', '') = ${c}`;
    case 'date':
      return `${c} in (select day from calendar_days)`;
    case 'month':
      return `${c} in (select left(day, 7) from calendar_days where day like '%-01')`;
    case 'bool':
      return `${c} in (${hashedList(BOOL_SPELLINGS)})`;
    case 'usd': {
      // every digit mapped to 9 leaves the value's shape: one hash look-up among the valid shapes
      const shape = `translate(${c}, '012345678', '999999999') in (${USD_SHAPES})`;
      if (!type.min) return shape;
      if (type.min.value !== 0) return `case when ${shape} then ${c}::numeric ${type.min.inclusive ? '>=' : '>'} ${type.min.value} else false end`;
      return type.min.inclusive ? `${shape} and ${c} not like '-%'` : `${shape} and ${c} not like '-%' and ltrim(${c}, '0.') <> ''`;
    }
    case 'count':
      return digits(`octet_length(${c}) between 1 and 9`);
    case 'digits':
      return digits(`octet_length(${c}) = ${type.length}`);
    case 'enum':
      return `${c} in (${hashedList(type.upper ? type.values.map((v) => v.toUpperCase()) : type.values)})`;
  }
}

/**
 * An IN list PostgreSQL looks up by hash: it does so from nine elements, and compares one by one
 * below that (several times slower over millions of cells), so a short list repeats its first value.
 */
function hashedList(values: readonly string[]): string {
  return list([...values, ...Array<string>(Math.max(0, 9 - values.length)).fill(values[0]!)]);
}

/** The typed value of a canonical cell: no trimming or case folding needed. */
export function typedCanonical(map: StagingMap, column: ColumnDeclaration): string {
  const staged = map.get(column.name);
  const c = staged ? `s.${staged}` : 'null::text';
  const value = ((): string => {
    switch (column.type.kind) {
      case 'date':
        return `${c}::date`;
      case 'month':
        return `(${c} || '-01')::date`;
      case 'bool':
        return `(${c} in (${hashedList(TRUE_SPELLINGS)}))`;
      case 'usd':
        return `${c}::numeric`;
      case 'count':
        return `${c}::integer`;
      case 'lower_text':
      case 'email':
        return `lower(${c} collate "C")`;
      default:
        return c;
    }
  })();
  return column.default === undefined ? value : `coalesce(${value}, ${column.default})`;
}

/**
 * A canonical cell as a rule compares it: a date or month stays text (YYYY-MM-DD, years
 * 1900–2199) under the C collation, which orders and tests for null as the date would, without
 * parsing it once per rule; the other types as typedCanonical.
 */
function comparableCanonical(map: StagingMap, column: ColumnDeclaration): string {
  if (column.type.kind !== 'date' && column.type.kind !== 'month') return typedCanonical(map, column);
  return `(${rawCell(map, column.name)} collate "C")`;
}

/** A predicate true when every cell of the row is canonical and valid and no rule fails. */
export function canonicalRow(declaration: ExportDeclaration, map: StagingMap): string {
  const parts: string[] = [];
  for (const column of declaration.columns) {
    const staged = map.get(column.name);
    if (!staged) continue; // an absent optional column (absent required ones reject the file)
    const c = `s.${staged}`;
    parts.push(column.required ? `(${c} is not null and ${canonicalFor(column.type, c)})` : `(${c} is null or (${canonicalFor(column.type, c)}))`);
  }
  // The rules read the cells as typed values: evaluated only once every cell is known canonical
  // (CASE keeps the order).
  const rules = (declaration.rules ?? []).map((rule) =>
    `not coalesce(${rule.failsWhen.replace(/\{(\w+)\}/g, (_, name: string) => comparableCanonical(map, columnOf(declaration, name)))}, false)`);
  if (declaration.partnerColumn) rules.push(`${rawCell(map, declaration.partnerColumn)} in (select partner_id from partners)`);
  const cells = parts.length === 0 ? 'true' : `coalesce(${parts.join('\n and ')}, false)`;
  return rules.length === 0 ? cells : `case when ${cells} then coalesce(${rules.join('\n and ')}, false) else false end`;
}
