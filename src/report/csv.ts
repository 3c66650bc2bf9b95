// `report --format csv`: one row per partner with summary columns, RFC 4180 (CRLF line ends,
// fields quoted when they hold a comma, a quote, CR or LF; quotes doubled). The digest attachment
// uses the same CSV.

import type { PartnerEvaluation } from '../rules/types.js';
import { compactFigure, unmetAtReview, unmetNow, type Shortfall } from './labels.js';
import type { CsvOptions, ReportInput } from './types.js';

export const CSV_COLUMNS = [
  'as_of',
  'partner_id',
  'partner_name',
  'partner_type',
  'current_tier',
  'qualified_tier',
  'projected_tier',
  'review_date',
  'days_to_review',
  'fee_status',
  'billing_date',
  'grace_ends_on',
  'flags',
  'unmet_requirements',
  'unmet_projected',
] as const;

export type CsvColumn = (typeof CSV_COLUMNS)[number];

const NEEDS_QUOTES = /[",\r\n]/;

/** One RFC 4180 field: null/undefined → empty; quoted when it holds `,` `"` CR or LF. */
export function csvField(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  const s = String(value);
  return NEEDS_QUOTES.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** One CSV record (without the line end). */
export function csvRow(values: readonly (string | number | boolean | null | undefined)[]): string {
  return values.map(csvField).join(',');
}

const FORMULA_START = /^[=+\-@\t\r]/;

/** `'`-prefix a value a spreadsheet would read as a formula. */
export function guardFormula(s: string): string {
  return FORMULA_START.test(s) ? `'${s}` : s;
}

/** `technical_certified 4/6 (2/3 professional or specialty)`; alternatives joined with ` or `. */
export function shortfallText(s: Shortfall): string {
  return s.alternatives.map((r) => `${r.id} ${compactFigure(r, 'plain')}`).join(' or ');
}

export function csvRecord(
  asOf: string,
  p: PartnerEvaluation,
  options: CsvOptions = {},
): Record<CsvColumn, string | number | null> {
  const guard = options.formulaGuard ?? true;
  return {
    as_of: asOf,
    partner_id: p.partnerId,
    partner_name: guard ? guardFormula(p.partnerName) : p.partnerName,
    partner_type: p.partnerType,
    current_tier: p.currentTier,
    qualified_tier: p.qualifiedTier,
    projected_tier: p.projectedTier,
    review_date: p.reviewDate,
    days_to_review: p.daysToReview,
    fee_status: p.fee.status,
    billing_date: p.fee.billingDate,
    grace_ends_on: p.fee.graceEndsOn,
    flags: p.flags.join(';'),
    unmet_requirements: unmetNow(p).map(shortfallText).join(';'),
    unmet_projected: unmetAtReview(p).map(shortfallText).join(';'),
  };
}

export function renderCsv(input: ReportInput, options: CsvOptions = {}): string {
  const lines = [csvRow(CSV_COLUMNS)];
  for (const p of input.partners) {
    const rec = csvRecord(input.asOf, p, options);
    lines.push(csvRow(CSV_COLUMNS.map((c) => rec[c])));
  }
  return `${options.bom ? '\uFEFF' : ''}${lines.join('\r\n')}\r\n`;
}
