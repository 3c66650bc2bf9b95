// Shared helpers of the test-data generators (bench/generate.ts, scripts/generate-examples.ts):
// the export headers of docs exports.md, RFC 4180 CSV encoding, a streaming file writer, a seeded
// PRNG and calendar-date arithmetic on day numbers. No randomness or clock reads outside the PRNG:
// the same inputs always give the same bytes.

import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';

// ---------------------------------------------------------------------------------------------
// The ten exports and their headers (exports.md), in the order the loader reads them.

export const EXPORT_FILES = [
  'partners',
  'certifications',
  'opportunities',
  'legacy_revenue_submissions',
  'partner_domains',
  'domain_revenue',
  'fee_payments',
  'public_references',
  'csat_responses',
  'program_validations',
] as const;

export type ExportName = (typeof EXPORT_FILES)[number];

export const HEADERS: { readonly [K in ExportName]: readonly string[] } = {
  partners: [
    'partner_id',
    'partner_name',
    'partner_type',
    'current_tier',
    'renewal_date',
    'alliance_lead_email',
    'partner_manager_email',
    'business_plan_signed_on',
    'ga_product_count',
    'ebr_completed_on',
    'tier_since',
  ],
  certifications: ['partner_id', 'person_email', 'credential', 'issued_on', 'expires_on'],
  opportunities: [
    'opportunity_id',
    'partner_id',
    'customer_name',
    'stage',
    'launched_on',
    'estimated_mrr_usd',
    'origin',
    'public_reference',
    'public_reference_on',
  ],
  legacy_revenue_submissions: ['partner_id', 'aws_account_id', 'submitted_on'],
  partner_domains: ['partner_id', 'domain'],
  domain_revenue: ['domain', 'aws_account_id', 'month', 'charge_type', 'credit_type', 'amount_usd'],
  fee_payments: ['partner_id', 'membership_year_start', 'paid_on', 'amount_usd'],
  public_references: ['partner_id', 'customer_name', 'source', 'submitted_on', 'approved_on', 'url'],
  csat_responses: ['response_id', 'partner_id', 'submitted_on', 'email_confirmed', 'aws_customer_verified'],
  program_validations: ['partner_id', 'program', 'designation', 'validated_on', 'expires_on'],
};

export function fileName(name: ExportName, gzip = false): string {
  return gzip ? `${name}.csv.gz` : `${name}.csv`;
}

// ---------------------------------------------------------------------------------------------
// CSV encoding (RFC 4180): a field is quoted when it holds a comma, a double quote, CR or LF, or
// leading/trailing white space; quotes inside are doubled. Null/undefined is the empty cell.

export type Cell = string | number | boolean | null | undefined;

const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;

export function csvField(value: Cell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return NEEDS_QUOTES.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** One CSV record, LF-terminated. */
export function csvLine(cells: readonly Cell[]): string {
  let line = '';
  for (let i = 0; i < cells.length; i++) {
    if (i > 0) line += ',';
    line += csvField(cells[i]);
  }
  return line + '\n';
}

/** A whole small file as text: header then rows. */
export function csvText(header: readonly string[], rows: Iterable<readonly Cell[]>): string {
  let text = csvLine(header);
  for (const row of rows) text += csvLine(row);
  return text;
}

/** USD from integer cents, always with two decimals: 123456 → "1234.56", -50 → "-0.50". */
export function usd(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(Math.round(cents));
  const whole = Math.floor(abs / 100);
  const frac = abs % 100;
  return `${sign}${whole}.${frac < 10 ? '0' : ''}${frac}`;
}

export interface WriteResult {
  rows: number;
}

/**
 * Streams `rows` to `path` (gzip-compressed when asked) in ~64 KiB chunks pulled on demand, so
 * the file stream's backpressure paces the row generator and memory stays flat at any size.
 */
export async function writeCsvFile(
  path: string,
  header: readonly string[],
  rows: Iterable<readonly Cell[]>,
  options: { gzip?: boolean; chunkBytes?: number } = {},
): Promise<WriteResult> {
  const chunkChars = options.chunkBytes ?? 1 << 16;
  const result: WriteResult = { rows: 0 };
  function* chunks(): Generator<Buffer> {
    let buf = csvLine(header);
    for (const row of rows) {
      buf += csvLine(row);
      result.rows++;
      if (buf.length >= chunkChars) {
        yield Buffer.from(buf, 'utf8');
        buf = '';
      }
    }
    if (buf.length > 0) yield Buffer.from(buf, 'utf8');
  }
  const source = Readable.from(chunks(), { objectMode: false, highWaterMark: 4 });
  const sink = createWriteStream(path);
  if (options.gzip) {
    // mtime 0 and no file name in the gzip header: identical bytes on every run.
    await pipeline(source, createGzip({ level: 6 }), sink);
  } else {
    await pipeline(source, sink);
  }
  return result;
}

// ---------------------------------------------------------------------------------------------
// Seeded PRNG: mulberry32 (32-bit state, fast, good enough for test data) and a 32-bit mixer to
// derive independent streams from (seed, file, partner) so any file can be generated alone.

/** Mixes any number of 32-bit integers into one well-scrambled 32-bit seed. */
export function hash32(...parts: number[]): number {
  let h = 0x811c9dc5 ^ parts.length;
  for (const part of parts) {
    let k = part | 0;
    k = Math.imul(k ^ (k >>> 16), 0x85ebca6b);
    k = Math.imul(k ^ (k >>> 13), 0xc2b2ae35);
    k ^= k >>> 16;
    h = Math.imul(h ^ k, 0x01000193);
    h ^= h >>> 15;
  }
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d);
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b);
  return (h ^ (h >>> 16)) >>> 0;
}

/** Hash of a string to 32 bits (FNV-1a then mixed), for salts. */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return hash32(h);
}

export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) | 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Integer in [lo, hi] (inclusive). */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** Picks by weight; weights need not sum to 1. */
  weighted<T>(items: readonly (readonly [T, number])[]): T {
    let total = 0;
    for (const [, w] of items) total += w;
    let u = this.next() * total;
    for (const [item, w] of items) {
      u -= w;
      if (u < 0) return item;
    }
    return (items[items.length - 1] as readonly [T, number])[0];
  }

  /** Standard normal (Box-Muller, one value per call). */
  normal(): number {
    const u = 1 - this.next();
    const v = this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** Log-normal with the given median and log-sigma. */
  logNormal(median: number, sigma: number): number {
    return median * Math.exp(sigma * this.normal());
  }

  /** Pareto(xm = 1, alpha), capped: a long-tailed size ≥ 1. */
  pareto(alpha: number, cap: number): number {
    return Math.min(cap, Math.pow(1 - this.next(), -1 / alpha));
  }

  /** Poisson-ish count with the given mean (normal approximation above 30). */
  count(mean: number): number {
    if (mean <= 0) return 0;
    if (mean > 30) return Math.max(0, Math.round(mean + Math.sqrt(mean) * this.normal()));
    const limit = Math.exp(-mean);
    let k = 0;
    let p = this.next();
    while (p > limit) {
      k++;
      p *= this.next();
    }
    return k;
  }
}

// ---------------------------------------------------------------------------------------------
// Calendar dates as day numbers (days since 1970-01-01, UTC) and `YYYY-MM-DD` strings.

const MS_PER_DAY = 86_400_000;

export function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

export function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

export function dayFromYmd(y: number, m: number, d: number): number {
  return Math.round(Date.UTC(y, m - 1, d) / MS_PER_DAY);
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function parseDay(iso: string): number {
  const m = ISO_DATE.exec(iso);
  if (!m) throw new Error(`not a YYYY-MM-DD date: ${iso}`);
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) throw new Error(`no such date: ${iso}`);
  return dayFromYmd(y, mo, d);
}

export function ymdOf(day: number): { y: number; m: number; d: number } {
  const date = new Date(day * MS_PER_DAY);
  return { y: date.getUTCFullYear(), m: date.getUTCMonth() + 1, d: date.getUTCDate() };
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

const isoCache = new Map<number, string>();

export function isoOf(day: number): string {
  let s = isoCache.get(day);
  if (s === undefined) {
    const { y, m, d } = ymdOf(day);
    s = `${y}-${pad2(m)}-${pad2(d)}`;
    if (isoCache.size < 50_000) isoCache.set(day, s);
  }
  return s;
}

export function monthIso(y: number, m: number): string {
  return `${y}-${pad2(m)}`;
}

/** Same month and day `years` later (negative: earlier); 29 February → 28 February off leap years. */
export function addYears(day: number, years: number): number {
  const { y, m, d } = ymdOf(day);
  const ny = y + years;
  return dayFromYmd(ny, m, Math.min(d, daysInMonth(ny, m)));
}

/** Same day `months` later (negative: earlier), clamped to the end of a shorter month. */
export function addMonths(day: number, months: number): number {
  const { y, m, d } = ymdOf(day);
  const idx = y * 12 + (m - 1) + months;
  const ny = Math.floor(idx / 12);
  const nm = (idx % 12) + 1;
  return dayFromYmd(ny, nm, Math.min(d, daysInMonth(ny, nm)));
}

/** The anniversary of `day` (month/day) in `year`; 29 February falls on 28 February off leap years. */
export function anniversaryIn(day: number, year: number): number {
  const { m, d } = ymdOf(day);
  return dayFromYmd(year, m, Math.min(d, daysInMonth(year, m)));
}

/** Latest anniversary of `renewal` on or before `day`. */
export function latestAnniversary(renewal: number, day: number): number {
  const { y } = ymdOf(day);
  const a = anniversaryIn(renewal, y);
  return a <= day ? a : anniversaryIn(renewal, y - 1);
}

/** Earliest anniversary of `renewal` on or after `day`. */
export function nextAnniversary(renewal: number, day: number): number {
  const { y } = ymdOf(day);
  const a = anniversaryIn(renewal, y);
  return a >= day ? a : anniversaryIn(renewal, y + 1);
}
