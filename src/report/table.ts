// `report --format table`: a terminal table for people. A header with the as-of date, counts per
// flag and snapshot ages; one row per partner; then, per partner that lacks something for its
// current tier (on D or at the review date) or whose fee is in grace or overdue, an indented list.

import { createRequire } from 'node:module';
import Table from 'cli-table3';
import type { Flag, PartnerEvaluation } from '../rules/types.js';
import { reportCounts, type ReportCounts } from './counts.js';
import {
  compactFigure,
  FLAG_ORDER,
  leavesWindowOnOf,
  shortfallOf,
  unmetAtReview,
  unmetNow,
  type Shortfall,
} from './labels.js';
import type { ReportInput, TableOptions } from './types.js';

const DEFAULT_WIDTH = 120;
const GAP = 2;
const MIN_NAME = 12;
const MAX_NAME = 40;

// ---- colour ------------------------------------------------------------------------------------

interface Paint {
  bold(s: string): string;
  dim(s: string): string;
  red(s: string): string;
  yellow(s: string): string;
  green(s: string): string;
}

const ansi = (open: number, close: number) => (s: string) => (s === '' ? s : `\x1b[${open}m${s}\x1b[${close}m`);

const COLOR: Paint = {
  bold: ansi(1, 22),
  dim: ansi(2, 22),
  red: ansi(31, 39),
  yellow: ansi(33, 39),
  green: ansi(32, 39),
};

const identity = (s: string) => s;
const PLAIN: Paint = { bold: identity, dim: identity, red: identity, yellow: identity, green: identity };

function paintFlag(paint: Paint, f: Flag): string {
  switch (f) {
    case 'at_risk':
    case 'fee_overdue':
      return paint.red(f);
    case 'below_tier':
    case 'fee_grace':
      return paint.yellow(f);
    case 'upgrade_eligible':
      return paint.green(f);
    default:
      return f;
  }
}

// ---- text helpers ------------------------------------------------------------------------------

/** Control characters (newlines, ESC, …) from data never reach the terminal as such. */
export function terminalSafe(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ').replace(/ {2,}/g, ' ').trim();
}

const len = (s: string) => Array.from(s).length;
// eslint-disable-next-line no-control-regex
const visibleLen = (s: string) => len(s.replace(/\x1b\[[0-9;]*m/g, ''));

/** Join `parts` with `sep`, breaking lines between parts (never inside one) at `width`. */
function joinWrapped(parts: string[], sep: string, width: number, prefix: string, hanging: string): string[] {
  const lines: string[] = [];
  let line = prefix;
  let first = true;
  for (const part of parts) {
    if (!first && visibleLen(line) + visibleLen(sep) + visibleLen(part) > width) {
      lines.push(line.replace(/\s+$/, ''));
      line = hanging + part;
    } else {
      line += (first ? '' : sep) + part;
    }
    first = false;
  }
  lines.push(line);
  return lines;
}

/** Word-wrap `text` to `width`, first line prefixed by `indent`, the rest by `hanging`. */
function wrap(text: string, width: number, indent: string, hanging: string): string[] {
  const words = text.split(' ').filter((w) => w !== '');
  const lines: string[] = [];
  let line = indent;
  let empty = true;
  for (const w of words) {
    if (!empty && len(line) + 1 + len(w) > width) {
      lines.push(line);
      line = hanging + w;
    } else {
      line += (empty ? '' : ' ') + w;
    }
    empty = false;
  }
  lines.push(line);
  return lines;
}

function reviewCell(p: PartnerEvaluation): string {
  if (p.reviewDate === null) return '—';
  return p.daysToReview === null ? p.reviewDate : `${p.reviewDate} (${p.daysToReview}d)`;
}

function feeCell(p: PartnerEvaluation): string {
  return p.fee.status === 'not_applicable' ? 'n/a' : p.fee.status;
}

// ---- header ------------------------------------------------------------------------------------

function headerLines(input: Omit<ReportInput, 'partners'>, summary: ReportCounts, paint: Paint, width: number): string[] {
  const n = summary.partners;
  const counts = summary.flags;
  const lines = [
    paint.bold(`APN tier review — as of ${input.asOf} — ${n} partner${n === 1 ? '' : 's'}`),
  ];
  const flagParts = FLAG_ORDER.map((f) => {
    const c = counts[f];
    return c > 0 ? `${paintFlag(paint, f)} ${c}` : paint.dim(`${f} 0`);
  });
  lines.push(...joinWrapped(flagParts, ' · ', width, 'Flags: ', '       '));
  if (input.datasets.length > 0) {
    const parts = input.datasets.map((d) => {
      const name = terminalSafe(d.dataset);
      return d.snapshotAgeDays === null ? paint.yellow(`${name} never loaded`) : `${name} ${d.snapshotAgeDays}d`;
    });
    lines.push(...joinWrapped(parts, ' · ', width, 'Snapshot age: ', '              '));
  }
  return lines;
}

// ---- main table --------------------------------------------------------------------------------

const HEAD = ['ID', 'Partner', 'Type', 'Current', 'Qualified', 'Projected', 'Review', 'Fee', 'Flags'];
const NAME = 1;
const FLAGS = HEAD.length - 1;

// The widths cli-table3 itself measures (ANSI codes stripped, wide characters as two columns).
const { strlen } = createRequire(import.meta.url)('cli-table3/src/utils.js') as { strlen(s: string): number };

/**
 * Per column, the widest cell so far (the header's included): `chars` in code points, which decide
 * the name's width, and `columns` as the table measures them, which every other column gets. Added up
 * row by row, so the rows can be rendered in pages with the same widths.
 */
export interface TableWidths {
  chars: number[];
  columns: number[];
}

export function emptyTableWidths(): TableWidths {
  return { chars: HEAD.map(len), columns: HEAD.map(strlen) };
}

function plainCells(p: PartnerEvaluation): string[] {
  return [
    terminalSafe(p.partnerId),
    terminalSafe(p.partnerName),
    p.partnerType,
    p.currentTier,
    p.qualifiedTier,
    p.projectedTier ?? '—',
    reviewCell(p),
    feeCell(p),
  ];
}

/** One partner's row as printed; its widths added to `widths`. */
export function tableRow(p: PartnerEvaluation, options: TableOptions, widths: TableWidths): string[] {
  const paint = options.color ? COLOR : PLAIN;
  const plain = plainCells(p);
  const [id, name, type, current, qualified, projected, review, fee] = plain as [
    string, string, string, string, string, string, string, string,
  ];
  const belowQualified = p.qualifiedTier !== p.currentTier && p.flags.includes('below_tier');
  const projectedShort = p.projectedTier !== null && p.flags.includes('at_risk');
  const feeText =
    p.fee.status === 'overdue' ? paint.red(fee) : p.fee.status === 'grace' ? paint.yellow(fee) : fee;
  const row = [
    id,
    name,
    type,
    current,
    belowQualified ? paint.red(qualified) : qualified,
    projectedShort ? paint.red(projected) : projected,
    p.daysToReview !== null && p.flags.includes('at_risk') ? paint.red(review) : review,
    feeText,
    p.flags.map((f) => paintFlag(paint, f)).join('\n'),
  ];
  row.forEach((cell, i) => {
    const chars = i === FLAGS ? Math.max(0, ...p.flags.map(len)) : len(plain[i] ?? '');
    widths.chars[i] = Math.max(widths.chars[i] ?? 0, chars);
    widths.columns[i] = Math.max(widths.columns[i] ?? 0, strlen(cell));
  });
  return row;
}

/** The printed width of each column: the name takes what the others leave of `width`, within bounds. */
export function tableColumns(widths: TableWidths, options: TableOptions = {}): number[] {
  const width = options.width ?? DEFAULT_WIDTH;
  let others = 0;
  for (let i = 0; i < HEAD.length; i++) if (i !== NAME) others += widths.chars[i] ?? 0;
  const room = width - others - GAP * (HEAD.length - 1);
  const nameWidth = Math.min(widths.chars[NAME] ?? 0, Math.max(MIN_NAME, Math.min(MAX_NAME, room)));
  return widths.columns.map((w, i) => (i === NAME ? nameWidth : w));
}

/** Rows (or the header, `head`) as lines, trailing blanks removed. */
export function renderTableLines(columns: number[], rows: readonly string[][], head: readonly string[] = []): string[] {
  const table = new Table({
    head: [...head],
    chars: {
      top: '', 'top-mid': '', 'top-left': '', 'top-right': '',
      bottom: '', 'bottom-mid': '', 'bottom-left': '', 'bottom-right': '',
      left: '', 'left-mid': '', mid: '', 'mid-mid': '',
      right: '', 'right-mid': '', middle: ' '.repeat(GAP),
    },
    style: { head: [], border: [], 'padding-left': 0, 'padding-right': 0, compact: true },
    colWidths: columns,
    truncate: '…',
  });
  table.push(...rows.map((r) => [...r]));
  if (head.length === 0 && rows.length === 0) return [];
  return table
    .toString()
    .split('\n')
    .map((l) => l.replace(/\s+$/, ''));
}

/** The header row of the partner table. */
export function renderTableHeadRow(columns: number[], options: TableOptions = {}): string {
  const paint = options.color ? COLOR : PLAIN;
  return renderTableLines(columns, [], HEAD.map((h) => paint.bold(h)))[0] ?? '';
}

/** The rule under the header row, as wide as the widest line of the table (at most `width`). */
export function renderTableRule(widestLine: number, options: TableOptions = {}): string {
  const paint = options.color ? COLOR : PLAIN;
  return paint.dim('─'.repeat(Math.min(options.width ?? DEFAULT_WIDTH, widestLine)));
}

export function visibleWidth(line: string): number {
  return visibleLen(line);
}

function partnerTable(input: ReportInput, options: TableOptions): string[] {
  const widths = emptyTableWidths();
  const rows = input.partners.map((p) => tableRow(p, options, widths));
  const columns = tableColumns(widths, options);
  const lines = [renderTableHeadRow(columns, options), ...renderTableLines(columns, rows)];
  lines.splice(1, 0, renderTableRule(Math.max(...lines.map(visibleLen)), options));
  return lines;
}

// ---- details -----------------------------------------------------------------------------------

const KEEP = '\u0000';

function shortfallLines(s: Shortfall, width: number, indent: string): string[] {
  const text = s.alternatives
    .map((r) => {
      let t = `${r.id}: ${compactFigure(r)}`;
      const why = shortfallOf(r);
      if (why) t += ` — ${terminalSafe(why)}`;
      const leaves = leavesWindowOnOf(r);
      // Kept on one line when wrapping: its spaces are a placeholder until after wrap().
      if (leaves) t += ` (leaves${KEEP}window${KEEP}on${KEEP}${terminalSafe(leaves)})`;
      return t;
    })
    .join(' OR ');
  return wrap(text, width, indent, `${indent}  `).map((l) => l.replaceAll(KEEP, ' '));
}

/** The attention lines of one partner (none when nothing is unmet and the fee is in order). */
function partnerDetailLines(asOf: string, p: PartnerEvaluation, paint: Paint, width: number): string[] {
  const out: string[] = [];
  const now = unmetNow(p);
  const atReview = unmetAtReview(p);
  const feeIssue = p.fee.status === 'grace' || p.fee.status === 'overdue';
  if (now.length === 0 && atReview.length === 0 && !feeIssue) return out;

  const review =
    p.reviewDate === null ? '' : `, review ${p.reviewDate} (${p.daysToReview ?? '?'} days)`;
  out.push(
    `  ${paint.bold(terminalSafe(p.partnerId))}  ${terminalSafe(p.partnerName)} — ${p.currentTier}${review}`,
  );
  if (now.length > 0) {
    out.push(`    unmet on ${asOf}:`);
    for (const s of now) out.push(...shortfallLines(s, width, '      '));
  }
  if (atReview.length > 0) {
    out.push(`    unmet at review ${p.reviewDate ?? ''}:`.replace(/ :$/, ':'));
    for (const s of atReview) out.push(...shortfallLines(s, width, '      '));
  }
  if (feeIssue) {
    const status = p.fee.status === 'overdue' ? paint.red('overdue (at risk for downgrade)') : paint.yellow('in grace');
    out.push(
      `    program fee ${status} — billed ${p.fee.billingDate ?? '?'}, grace ends ${p.fee.graceEndsOn ?? '?'}`,
    );
  }
  return out;
}

function detailLines(input: ReportInput, paint: Paint, width: number): string[] {
  const out = input.partners.flatMap((p) => partnerDetailLines(input.asOf, p, paint, width));
  if (out.length === 0) return [];
  return ['', paint.bold(ATTENTION_TITLE), ...out];
}

const ATTENTION_TITLE = 'Needs attention (current tier requirements, program fee)';

/** The lines before the partner table's header row: title, flag counts, snapshot ages, a blank line. */
export function renderTableTop(frame: Omit<ReportInput, 'partners'>, counts: ReportCounts, options: TableOptions = {}): string {
  const lines = headerLines(frame, counts, options.color ? COLOR : PLAIN, options.width ?? DEFAULT_WIDTH);
  return `${lines.join('\n')}\n\n`;
}

export const TABLE_NO_PARTNERS = 'No partners to report.\n';

/** The attention section's title, and one partner's attention lines (empty when none). */
export function renderTableAttentionTitle(options: TableOptions = {}): string {
  return `\n${(options.color ? COLOR : PLAIN).bold(ATTENTION_TITLE)}\n`;
}
export function renderTablePartnerDetail(asOf: string, p: PartnerEvaluation, options: TableOptions = {}): string {
  const lines = partnerDetailLines(asOf, p, options.color ? COLOR : PLAIN, options.width ?? DEFAULT_WIDTH);
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}

export function renderTable(input: ReportInput, options: TableOptions = {}): string {
  const paint = options.color ? COLOR : PLAIN;
  const width = options.width ?? DEFAULT_WIDTH;
  const top = renderTableTop(input, reportCounts(input.partners), options);
  if (input.partners.length === 0) return `${top}${TABLE_NO_PARTNERS}`;
  const lines = [...partnerTable(input, options), ...detailLines(input, paint, width)];
  return `${top}${lines.join('\n')}\n`;
}
