// The shape of one CSV export's declaration. A declaration drives everything about its file:
// header matching, the staging table, the set-based validation SQL and the typed load.

export type ColumnType =
  | { kind: 'text' }
  /** trimmed and lower-cased (domains) */
  | { kind: 'lower_text' }
  | { kind: 'email' }
  | { kind: 'date' }
  | { kind: 'month' }
  | { kind: 'bool' }
  | { kind: 'usd'; min?: { value: number; inclusive: boolean } }
  | { kind: 'count' }
  | { kind: 'digits'; length: number }
  /** case-insensitive code; stored lower-case, or upper-case with `upper` */
  | { kind: 'enum'; values: readonly string[]; upper?: boolean; label?: string };

export interface ColumnDeclaration {
  name: string;
  type: ColumnType;
  required: boolean;
  /** SQL literal used when the cell is empty (e.g. `0`, `false`) */
  default?: string;
}

/**
 * A rule across columns (a conditional requirement, a range). `failsWhen` is an SQL predicate over
 * the typed values, written with `{column}` placeholders; it is only evaluated on rows whose
 * columns are each valid for their type. It may compare values and test them for null only: on the
 * load's fast path a date is its ISO text (validation-sql.ts, comparableCanonical).
 */
export interface RowRule {
  column: string;
  reason: string;
  failsWhen: string;
}

export interface ExportDeclaration {
  /** dataset name, also the table holding its snapshot and the file's base name */
  dataset: string;
  columns: readonly ColumnDeclaration[];
  /** columns whose normalized values identify a row; later rows with the same key are rejected */
  key?: readonly string[];
  /** checked against the partner roster in force */
  partnerColumn?: string;
  rules?: readonly RowRule[];
  /** a column filled at load from another table (domain revenue is attributed to its partner) */
  attribution?: { column: string; from: string; on: string };
  /** statements run in the load's transaction after the snapshot is replaced */
  afterLoad?: readonly string[];
  /** a file without any valid row is a file error (an empty roster would remove every partner) */
  requiresRows?: boolean;
}

export const text = { kind: 'text' } as const;
export const email = { kind: 'email' } as const;
export const date = { kind: 'date' } as const;
export const month = { kind: 'month' } as const;
export const bool = { kind: 'bool' } as const;
export const count = { kind: 'count' } as const;
export const awsAccountId = { kind: 'digits', length: 12 } as const;
export function oneOf(values: readonly string[], options: { upper?: boolean; label?: string } = {}): ColumnType {
  return { kind: 'enum', values, ...options };
}
export function usd(min?: { value: number; inclusive: boolean }): ColumnType {
  return min ? { kind: 'usd', min } : { kind: 'usd' };
}
