// Input shared by every report renderer. Renderers are pure: everything they print comes from here
// (no clock, no database, no environment).

import type { PartnerEvaluation } from '../rules/types.js';

/** How old one dataset's current snapshot is (exports.md: reports say how old each snapshot is). */
export interface DatasetFreshness {
  dataset: string;
  /** ISO timestamp of the load of the current snapshot; null when never loaded. */
  loadedAt: string | null;
  sourceFile: string | null;
  /** Whole days between the snapshot and the as-of date; null when never loaded. */
  snapshotAgeDays: number | null;
}

export interface ReportInput {
  /** The evaluation date D, `YYYY-MM-DD`. */
  asOf: string;
  /** Already filtered (--partner/--flag) and ordered by partnerId. */
  partners: PartnerEvaluation[];
  datasets: DatasetFreshness[];
  /** ISO timestamp, passed in by the caller. */
  generatedAt: string;
}

export const REPORT_FORMATS = ['table', 'json', 'csv', 'html'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export function isReportFormat(value: string): value is ReportFormat {
  return (REPORT_FORMATS as readonly string[]).includes(value);
}

export interface TableOptions {
  /** ANSI colours (flags, fee status, tier shortfalls). Default false. */
  color?: boolean;
  /** Target width in columns. Default 120. */
  width?: number;
}

export interface CsvOptions {
  /**
   * Prefix a partner name that starts with `=`, `+`, `-`, `@`, tab or CR with `'` so a spreadsheet
   * does not run it as a formula (CSV injection; names come from partner-controlled data).
   * Default true.
   */
  formulaGuard?: boolean;
  /** Start with a UTF-8 byte order mark (helps Excel read non-ASCII names). Default false. */
  bom?: boolean;
}

export interface RenderOptions {
  table?: TableOptions;
  csv?: CsvOptions;
}
