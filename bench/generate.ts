// Deterministic synthetic APN exports at named scales (library + CLI).
//
//   node --import tsx bench/generate.ts --scale small --out DIR [--seed N] [--as-of 2019-11-30]
//                                       [--gzip] [--partners N] [--bad-rate 0.0005]
//
// Every partner's attributes and every file's rows for that partner come from PRNG streams keyed
// by (seed, file, partner index), so each file is generated on its own, in one pass, without
// holding the roster: memory does not grow with the scale. Rows are streamed to disk with
// backpressure (csv-writer.ts). A small fraction of rows in the non-partner files is bad (bad
// date or month, unknown credential, unknown partner_id, duplicate key) to exercise the
// loader's reject path, far below the 1% reject limit.

import { mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

import {
  EXPORT_FILES,
  HEADERS,
  Rng,
  addYears,
  fileName,
  hash32,
  hashString,
  isoOf,
  anniversaryIn,
  latestAnniversary,
  monthIso,
  nextAnniversary,
  parseDay,
  usd,
  writeCsvFile,
  ymdOf,
  daysInMonth,
  type Cell,
  type ExportName,
} from './csv-writer.js';
import {
  CONSULTING_KINDS,
  CORES,
  CUSTOMER_FIRST,
  CUSTOMER_SECTOR,
  FIRST_NAMES,
  KINDS,
  LAST_NAMES,
  LEGAL,
  PREFIXES,
  slugify,
} from './names.js';

export const SCALES = { tiny: 50, small: 1_000, apn: 100_000 } as const;
export type ScaleName = keyof typeof SCALES;

export const DEFAULT_SEED = 1;
export const DEFAULT_AS_OF = '2019-11-30';
/** Fraction of good rows followed by a bad row, in every file but partners.csv. */
export const DEFAULT_BAD_RATE = 0.0005;

export interface GenerateOptions {
  /** A named scale, or a partner count. */
  scale: ScaleName | number;
  outDir: string;
  seed?: number;
  asOf?: string;
  gzip?: boolean;
  badRate?: number;
  /** Only these files (default: all ten). */
  files?: readonly ExportName[];
  /** Called after each file is written. */
  onFile?: (stats: FileStats) => void;
}

export interface FileStats {
  name: ExportName;
  path: string;
  /** Data rows written (header excluded), bad rows included. */
  rows: number;
  badRows: number;
  bytes: number;
  ms: number;
}

export interface GenerateResult {
  partners: number;
  seed: number;
  asOf: string;
  files: FileStats[];
  ms: number;
}

type Tier = 'registered' | 'select' | 'advanced' | 'premier';
const TIERS: readonly Tier[] = ['registered', 'select', 'advanced', 'premier'];
type PartnerType = 'consulting' | 'technology';

interface Ctx {
  seed: number;
  asOf: number;
  partners: number;
  badRate: number;
  nameOffset: number;
  /** Last month whose last day is on or before as-of, as a month index y*12+(m-1). */
  lastMonth: number;
}

interface Partner {
  i: number;
  id: string;
  name: string;
  slug: string;
  domain: string;
  type: PartnerType;
  tier: Tier;
  tierIdx: number;
  /** The tier whose requirements the partner's evidence is sized for (may differ from tier). */
  level: number;
  /** Long-tailed size ≥ 1. */
  size: number;
  /** sqrt-ish volume multiplier from size. */
  sizeF: number;
  /** How far above (or below) the requirement sizes the partner's evidence is. */
  health: number;
  joinDay: number;
  renewalDay: number | null;
  tierSinceDay: number | null;
  /** Technology partners who meet Experience through direct revenue rather than launches. */
  revenueRoute: boolean;
  fee: 'ok' | 'late' | 'unpaid' | 'partial';
}

// Salts: one PRNG stream per (file, partner).
const SALT = {
  partner: hashString('partner'),
  partners: hashString('partners.csv'),
  certifications: hashString('certifications.csv'),
  opportunities: hashString('opportunities.csv'),
  legacy_revenue_submissions: hashString('legacy_revenue_submissions.csv'),
  partner_domains: hashString('partner_domains.csv'),
  domain_revenue: hashString('domain_revenue.csv'),
  fee_payments: hashString('fee_payments.csv'),
  public_references: hashString('public_references.csv'),
  csat_responses: hashString('csat_responses.csv'),
  program_validations: hashString('program_validations.csv'),
  bad: hashString('bad rows'),
  names: hashString('names'),
  shared: hashString('shared opportunities'),
} as const;

const NAME_COMBOS = PREFIXES.length * CORES.length * KINDS.length; // 115,200
const NAME_STEP = 48_271; // prime, coprime with NAME_COMBOS: i -> combo is a bijection

const DAYS_PER_YEAR = 365.25;

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

function partnerId(i: number): string {
  return `P${pad(i + 1, 6)}`;
}

// ---------------------------------------------------------------------------------------------
// The partner model

function partnerAt(ctx: Ctx, i: number): Partner {
  const rng = new Rng(hash32(ctx.seed, SALT.partner, i));
  const combo = (((i % NAME_COMBOS) * NAME_STEP) % NAME_COMBOS + ctx.nameOffset) % NAME_COMBOS;
  const kindIdx = combo % KINDS.length;
  const rest = Math.floor(combo / KINDS.length);
  const core = CORES[rest % CORES.length] as string;
  const prefix = PREFIXES[Math.floor(rest / CORES.length)] as string;
  const kind = KINDS[kindIdx] as string;
  const type: PartnerType = kindIdx < CONSULTING_KINDS ? 'consulting' : 'technology';
  const wrap = i >= NAME_COMBOS ? `-${Math.floor(i / NAME_COMBOS)}` : '';
  const slug = `${slugify(prefix)}-${slugify(core)}-${slugify(kind)}${wrap}`;
  const legal = rng.pick(LEGAL);
  const base = `${prefix} ${core} ${kind}${wrap ? ` ${wrap.slice(1)}` : ''}`;
  const name = rng.chance(0.005) ? `The "${prefix} ${core}" ${kind}${legal}` : `${base}${legal}`;

  const u = rng.next();
  let tierIdx: number;
  if (type === 'consulting') tierIdx = u < 0.55 ? 0 : u < 0.895 ? 1 : u < 0.995 ? 2 : 3;
  else tierIdx = u < 0.55 ? 0 : u < 0.91 ? 1 : 2;
  const maxLevel = type === 'consulting' ? 3 : 2;
  const v = rng.next();
  let level: number;
  if (tierIdx === 0) level = v < 0.85 ? 0 : v < 0.97 ? 1 : 2;
  else if (v < 0.72) level = tierIdx;
  else if (v < 0.88) level = tierIdx - 1;
  else if (v < 0.96) level = Math.min(maxLevel, tierIdx + 1);
  else level = Math.max(0, tierIdx - 2);

  const size = rng.pareto(1.6, 300) * [0.7, 1, 1.6, 4][tierIdx]!;
  const sizeF = Math.sqrt(size);
  const health = 0.85 + rng.next() * 0.9;

  const joinDay = ctx.asOf - Math.floor((0.3 + rng.next() * 8.5) * DAYS_PER_YEAR);
  let renewalDay: number | null;
  if (tierIdx === 0 && rng.chance(0.65)) renewalDay = null;
  else renewalDay = rng.chance(0.75) ? nextAnniversary(joinDay, ctx.asOf + 1) : joinDay;

  let tierSinceDay: number | null = null;
  if (tierIdx > 0) {
    const w = rng.next();
    if (w < 0.3) tierSinceDay = null;
    else if (w < 0.85) tierSinceDay = Math.max(joinDay, ctx.asOf - 400 - rng.int(0, 900));
    else tierSinceDay = Math.max(joinDay, ctx.asOf - rng.int(0, 330));
  }
  const f = rng.next();
  const fee = f < 0.88 ? 'ok' : f < 0.93 ? 'late' : f < 0.98 ? 'unpaid' : 'partial';
  return {
    i,
    id: partnerId(i),
    name,
    slug,
    domain: `${slug}.example`,
    type,
    tier: TIERS[tierIdx] as Tier,
    tierIdx,
    level,
    size,
    sizeF,
    health,
    joinDay,
    renewalDay,
    tierSinceDay,
    revenueRoute: type === 'technology' && rng.chance(0.5),
    fee,
  };
}

function personEmail(p: Partner, k: number): string {
  const first = FIRST_NAMES[k % FIRST_NAMES.length] as string;
  const last = LAST_NAMES[(Math.floor(k / FIRST_NAMES.length) + p.i) % LAST_NAMES.length] as string;
  return `${slugify(first)}.${slugify(last)}@${p.domain}`;
}

function customerName(rng: Rng): string {
  return `${rng.pick(CUSTOMER_FIRST)} ${rng.pick(CUSTOMER_SECTOR)}`;
}

/** 12-digit AWS account id, unique per (partner, slot). */
function accountId(p: Partner, slot: number): string {
  const n = (p.i * 7_919 + slot * 104_729_003 + 100_000_000_000) % 1_000_000_000_000;
  return pad(n, 12);
}

/** A day in the past, recent-biased: one of the last three years weighted 1 : 0.7 : 0.45. */
function pastDay(ctx: Ctx, rng: Rng, weights: readonly number[] = [1, 0.7, 0.45]): number {
  const year = rng.weighted(weights.map((w, idx) => [idx, w] as const));
  return ctx.asOf - Math.floor((year + rng.next()) * 365);
}

function boolCell(rng: Rng, value: boolean): string {
  const r = rng.next();
  if (r < 0.9) return value ? 'true' : 'false';
  if (r < 0.95) return value ? 'yes' : 'no';
  if (r < 0.98) return value ? '1' : '0';
  return value ? 'Y' : 'N';
}

// ---------------------------------------------------------------------------------------------
// Row generators, one per file. Each yields good rows; bad rows are woven in by withBadRows.

function* partnerRows(ctx: Ctx): Generator<Cell[]> {
  for (let i = 0; i < ctx.partners; i++) {
    const p = partnerAt(ctx, i);
    const rng = new Rng(hash32(ctx.seed, SALT.partners, i));
    const lead = personEmail(p, rng.int(0, 63));
    const pm = rng.chance(0.85)
      ? `${slugify(rng.pick(FIRST_NAMES))}.${slugify(rng.pick(LAST_NAMES))}@aws-partners.example`
      : null;
    let bp: number | null = null;
    if (p.level >= 2 || p.tierIdx >= 2) {
      bp = rng.chance(0.85) ? ctx.asOf - rng.int(5, 350) : ctx.asOf - rng.int(370, 720);
    } else if (p.tierIdx === 1 && rng.chance(0.4)) {
      bp = ctx.asOf - rng.int(5, 700);
    }
    let ga = 0;
    if (p.type === 'technology') {
      if (p.level >= 1) ga = rng.chance(0.08) ? 0 : 1 + rng.count(0.8);
      else ga = rng.chance(0.5) ? 1 : 0;
    } else if (rng.chance(0.1)) ga = 1;
    const ebr =
      p.type === 'consulting' && p.tierIdx === 2 && p.level === 3 && rng.chance(0.4)
        ? ctx.asOf - rng.int(20, 300)
        : null;
    yield [
      p.id,
      p.name,
      p.type,
      p.tier,
      p.renewalDay === null ? null : isoOf(p.renewalDay),
      lead,
      pm,
      bp === null ? null : isoOf(Math.max(bp, p.joinDay)),
      ga,
      ebr === null ? null : isoOf(ebr),
      p.tierSinceDay === null ? null : isoOf(p.tierSinceDay),
    ];
  }
}

const ASSOCIATE = ['SAA', 'SAA', 'SAA', 'DVA', 'SOA'] as const;
const PROFESSIONAL = ['SAP', 'SAP', 'DOP'] as const;
const SPECIALTY = ['ANS', 'BDS', 'DAS', 'SCS', 'MLS', 'AXS', 'DBS', 'PAS', 'SCS', 'DAS'] as const;

/** Knowledge requirements by level: accredited total and minimum each, foundational, technical, pro. */
const KNOWLEDGE_REQ: Record<PartnerType, readonly (readonly [number, number, number, number, number])[]> = {
  consulting: [
    [0, 0, 0, 0, 0],
    [4, 2, 2, 2, 0],
    [8, 4, 4, 6, 3],
    [20, 10, 10, 25, 10],
  ],
  technology: [
    [0, 0, 0, 0, 0],
    [0, 0, 0, 1, 0],
    [0, 0, 0, 4, 2],
    [0, 0, 0, 4, 2],
  ],
};

function* certificationRows(ctx: Ctx): Generator<Cell[]> {
  for (let i = 0; i < ctx.partners; i++) {
    const p = partnerAt(ctx, i);
    const rng = new Rng(hash32(ctx.seed, SALT.certifications, i));
    const c = p.type === 'consulting';
    // Who holds what: sized from the requirements of the partner's level, scaled by its health
    // and (sub-linearly) its size; registered-level partners get a few random people.
    const holdings: string[][] = [];
    if (p.level === 0) {
      const n = rng.count(c ? 1.4 : 0.6);
      for (let k = 0; k < n; k++) {
        const creds: string[] = [];
        if (c && rng.chance(0.4)) creds.push(rng.chance(0.5) ? 'TECH_ACCREDITATION' : 'BUSINESS_ACCREDITATION');
        if (rng.chance(0.35)) creds.push('CLF');
        if (creds.length === 0 || rng.chance(0.4)) creds.push(rng.pick(ASSOCIATE));
        holdings.push(creds);
      }
    } else {
      const [acc, each, clf, tech, pro] = KNOWLEDGE_REQ[p.type][p.level] as readonly number[] as [number, number, number, number, number];
      const h = p.health * (0.6 + 0.5 * p.sizeF);
      const need = (x: number): number => (x === 0 ? 0 : Math.min(1500, Math.ceil(x * h * (0.9 + 0.25 * rng.next()))));
      const nBoth = Math.round(acc * 0.15 * h * rng.next());
      const nT = need(each);
      const nB = Math.max(need(each), need(acc) - nT - nBoth);
      const nClf = need(clf);
      const nTech = Math.max(need(tech), c ? 0 : 1);
      const nPro = Math.min(nTech, need(pro) + (rng.chance(0.3) ? 1 : 0));
      const pool = Math.max(nT + nB + nBoth, nClf, nTech) + rng.count(c ? 1 : 0.5);
      for (let k = 0; k < pool; k++) holdings.push([]);
      for (let k = 0; k < nT; k++) holdings[k]!.push('TECH_ACCREDITATION');
      for (let k = nT; k < nT + nB; k++) holdings[k]!.push('BUSINESS_ACCREDITATION');
      for (let k = nT + nB; k < nT + nB + nBoth; k++) holdings[k]!.push('TECH_ACCREDITATION', 'BUSINESS_ACCREDITATION');
      const clfFrom = rng.int(0, pool - nClf);
      for (let k = clfFrom; k < clfFrom + nClf; k++) holdings[k]!.push('CLF');
      const techFrom = rng.int(0, pool - nTech);
      for (let k = 0; k < nTech; k++) {
        const person = holdings[techFrom + k]!;
        if (k < nPro) {
          if (rng.chance(0.6)) person.push(rng.pick(ASSOCIATE)); // earned on the way up
          person.push(rng.chance(0.8) ? rng.pick(PROFESSIONAL) : rng.pick(SPECIALTY));
          if (rng.chance(0.15)) person.push(rng.pick(SPECIALTY));
        } else {
          person.push(rng.pick(ASSOCIATE));
        }
      }
      for (const person of holdings) if (person.length === 0) person.push(c ? 'CLF' : rng.pick(ASSOCIATE));
    }
    for (let k = 0; k < Math.min(holdings.length, 4000); k++) {
      const email = personEmail(p, k);
      const seen = new Set<string>();
      for (const code of holdings[k]!) {
        if (seen.has(code)) continue; // a person holds a credential once at a time
        seen.add(code);
        const accreditation = code.endsWith('_ACCREDITATION');
        // held now: issued within the last three years (so some expire within weeks)
        const issued = ctx.asOf - Math.floor(Math.pow(rng.next(), 1.2) * 1090);
        const expires = accreditation ? null : addYears(issued, 3) - 1;
        const emailCell = rng.chance(0.01) ? email.charAt(0).toUpperCase() + email.slice(1) : email;
        const codeCell = rng.chance(0.01) ? code.toLowerCase() : code;
        yield [p.id, emailCell, codeCell, isoOf(issued), expires === null ? null : isoOf(expires)];
        // history: an earlier, expired certification of the same code
        if (!accreditation && rng.chance(0.12)) {
          const before = addYears(issued, -3) - rng.int(0, 200);
          yield [p.id, email, code, isoOf(before), isoOf(addYears(before, 3) - 1)];
        }
      }
    }
  }
}

const LAUNCH_BASE: Record<PartnerType, readonly number[]> = {
  consulting: [0.5, 4.2, 24, 60],
  technology: [0.35, 3.8, 23, 23],
};

const STAGES_OPEN = [
  ['prospect', 0.2],
  ['qualified', 0.2],
  ['technical_validation', 0.15],
  ['business_validation', 0.12],
  ['committed', 0.1],
  ['closed_lost', 0.23],
] as const;

const ORIGINS = [
  ['partner_referred', 0.6],
  ['aws_referred', 0.25],
  ['aws_tagged', 0.15],
] as const;

function* opportunityRows(ctx: Ctx): Generator<Cell[]> {
  for (let i = 0; i < ctx.partners; i++) {
    const p = partnerAt(ctx, i);
    const rng = new Rng(hash32(ctx.seed, SALT.opportunities, i));
    let rate = (LAUNCH_BASE[p.type][p.level] as number) * p.health * (0.6 + 0.4 * p.sizeF) * 1.12;
    if (p.revenueRoute) rate *= 0.3;
    const launched = Math.min(6000, rng.count(rate * 2.0));
    const open = Math.min(3000, rng.count(rate * 0.55 + 0.4));
    const medianMrr = p.level >= 3 ? 1100 : 650;
    let seq = 0;
    let shared = 0;
    const group = Math.floor(i / 8);
    for (let k = 0; k < launched + open; k++) {
      const isLaunched = k < launched;
      let id: string;
      let customer: string;
      if (rng.chance(0.03)) {
        // co-tagged: partners of the same group of 8 share these opportunity ids and customers
        const crng = new Rng(hash32(ctx.seed, SALT.shared, group, shared));
        id = `OS${pad(group, 5)}${pad(shared, 3)}`;
        customer = customerName(crng);
        shared++;
      } else {
        id = `O${pad(i + 1, 6)}${pad(seq, 4)}`;
        customer = customerName(rng);
        seq++;
      }
      const stage = isLaunched ? 'launched' : rng.weighted(STAGES_OPEN);
      const launchedOn = isLaunched ? pastDay(ctx, rng) : null;
      const mrr = rng.chance(0.08) ? null : usd(Math.round(rng.logNormal(medianMrr, 0.9) * 100));
      let pr: string | null = rng.chance(0.5) ? 'false' : null;
      let prOn: number | null = null;
      if (launchedOn !== null && rng.chance(0.15)) {
        prOn = Math.min(ctx.asOf, launchedOn + rng.int(0, 150));
        pr = boolCell(rng, true);
      }
      yield [
        id,
        p.id,
        customer,
        stage,
        launchedOn === null ? null : isoOf(launchedOn),
        mrr,
        rng.weighted(ORIGINS),
        pr,
        prOn === null ? null : isoOf(prOn),
      ];
    }
  }
}

function* legacyRevenueRows(ctx: Ctx): Generator<Cell[]> {
  for (let i = 0; i < ctx.partners; i++) {
    const p = partnerAt(ctx, i);
    const rng = new Rng(hash32(ctx.seed, SALT.legacy_revenue_submissions, i));
    if (Math.max(p.tierIdx, p.level) === 0 || !rng.chance(0.4)) continue;
    const n = Math.min(400, rng.count(2.6 * p.sizeF));
    for (let k = 0; k < n; k++) {
      const submitted = ctx.asOf - rng.int(170, 1000);
      yield [p.id, accountId(p, 900_000 + k), isoOf(submitted)];
    }
  }
}

const DOMAIN_SUFFIXES = ['app', 'cloud', 'dev', 'io', 'hq', 'global', 'labs', 'eu', 'us', 'asia'] as const;

/** The partner's domains (first: the primary one). */
function domainsOf(p: Partner, rng: Rng): string[] {
  const domains = [p.domain];
  let extra = p.type === 'technology' && rng.chance(0.6) ? 1 : 0;
  if (p.size > 8) extra += Math.floor(Math.log2(p.size / 4));
  for (let k = 0; k < Math.min(extra, DOMAIN_SUFFIXES.length); k++) {
    domains.push(`${p.slug}-${DOMAIN_SUFFIXES[k]}.example`);
  }
  return domains;
}

function* partnerDomainRows(ctx: Ctx): Generator<Cell[]> {
  for (let i = 0; i < ctx.partners; i++) {
    const p = partnerAt(ctx, i);
    const rng = new Rng(hash32(ctx.seed, SALT.partner_domains, i));
    for (const d of domainsOf(p, rng)) yield [p.id, d];
  }
}

const CREDIT_TYPES = [
  ['MAP', 0.28],
  ['MAP Credit', 0.04],
  ['SPP_DISCOUNT', 0.14],
  ['Reseller/SPP Discount', 0.02],
  ['EAP', 0.05],
  ['PMP', 0.03],
  ['LSE', 0.02],
  ['RETHINK', 0.02],
  ['ReThink Discount', 0.02],
  ['PROMOTIONAL', 0.2],
  ['Activate Credits', 0.1],
  ['Proof of Concept Credit', 0.05],
  ['Support Credit', 0.03],
] as const;

const REVENUE_THRESHOLD_CENTS = [500_000, 1_500_000, 35_000_000, 35_000_000];

function* domainRevenueRows(ctx: Ctx): Generator<Cell[]> {
  for (let i = 0; i < ctx.partners; i++) {
    const p = partnerAt(ctx, i);
    // same stream as partner_domains for the domain list, then its own
    const domains = domainsOf(p, new Rng(hash32(ctx.seed, SALT.partner_domains, i)));
    const rng = new Rng(hash32(ctx.seed, SALT.domain_revenue, i));
    if (rng.chance(0.02)) domains.push(`${p.slug}-old.example`); // not in partner_domains: unmatched
    const tech = p.type === 'technology';
    const accountsPerDomain: number[] = domains.map((_, idx) => {
      if (idx === 0) {
        if (tech) return 1 + rng.count(0.62 * p.sizeF);
        return rng.chance(p.tierIdx === 0 ? 0.35 : 0.55) ? 1 + rng.count(0.2 * p.sizeF) : 0;
      }
      return rng.chance(0.6) ? 1 : 0;
    });
    const totalAccounts = accountsPerDomain.reduce((a, b) => a + b, 0);
    if (totalAccounts === 0) continue;
    // monthly revenue per account (cents)
    let monthly: number;
    if (p.revenueRoute) {
      monthly = ((REVENUE_THRESHOLD_CENTS[p.level] as number) / 12) * p.health * (0.8 + 0.5 * rng.next());
      monthly /= totalAccounts;
    } else {
      monthly = rng.logNormal(tech ? 60_000 : 25_000, 1.2) / Math.sqrt(totalAccounts);
    }
    let slot = 0;
    for (let d = 0; d < domains.length; d++) {
      const domain = domains[d] as string;
      for (let a = 0; a < (accountsPerDomain[d] as number); a++) {
        const account = accountId(p, slot++);
        // the main account of a partner billing its way to a tier covers the whole window
        const startMonth = ctx.lastMonth - (p.revenueRoute && slot === 1 ? rng.int(12, 38) : rng.int(2, 38));
        const base = monthly * (0.6 + 0.8 * rng.next());
        for (let m = startMonth; m <= ctx.lastMonth; m++) {
          const month = monthIso(Math.floor(m / 12), (m % 12) + 1);
          const growth = 1 + 0.015 * (m - ctx.lastMonth);
          const usage = Math.max(100, Math.round(base * growth * (0.85 + 0.3 * rng.next())));
          yield [domain, account, month, 'usage', null, usd(usage)];
          if (rng.chance(0.03)) {
            yield [domain, account, month, 'ri_purchase', null, usd(Math.round(usage * (3 + 9 * rng.next())))];
          }
          if (rng.chance(0.07)) {
            const credit = rng.weighted(CREDIT_TYPES);
            yield [domain, account, month, 'credit', credit, usd(-Math.round(usage * (0.05 + 0.35 * rng.next())))];
          }
        }
      }
    }
  }
}

function* feePaymentRows(ctx: Ctx): Generator<Cell[]> {
  for (let i = 0; i < ctx.partners; i++) {
    const p = partnerAt(ctx, i);
    if (p.tierIdx === 0) continue;
    const rng = new Rng(hash32(ctx.seed, SALT.fee_payments, i));
    const anchor = p.renewalDay ?? p.joinDay;
    const billingYear = ymdOf(latestAnniversary(anchor, ctx.asOf)).y;
    for (let back = 3; back >= 0; back--) {
      const start = anniversaryIn(anchor, billingYear - back);
      if (start < p.joinDay) continue;
      if (p.tierSinceDay !== null && start < p.tierSinceDay) continue;
      const current = back === 0;
      const behaviour = current ? p.fee : 'ok';
      if (behaviour === 'unpaid') continue;
      const paidOn = start + (behaviour === 'late' ? rng.int(60, 150) : rng.int(0, 40));
      if (paidOn > ctx.asOf) continue;
      if (behaviour === 'partial') {
        yield [p.id, isoOf(start), isoOf(paidOn), usd(125_000)];
      } else if (rng.chance(0.05)) {
        yield [p.id, isoOf(start), isoOf(paidOn), usd(125_000)];
        const second = Math.min(ctx.asOf, paidOn + rng.int(10, 40));
        yield [p.id, isoOf(start), isoOf(second), usd(125_000)];
      } else {
        yield [p.id, isoOf(start), isoOf(paidOn), rng.chance(0.5) ? '2500' : '2500.00'];
      }
    }
  }
}

const MANUAL_REF_BASE: Record<PartnerType, readonly number[]> = {
  consulting: [0.2, 1.45, 2.6, 6],
  technology: [0.15, 1.35, 2.4, 2.4],
};

function* publicReferenceRows(ctx: Ctx): Generator<Cell[]> {
  for (let i = 0; i < ctx.partners; i++) {
    const p = partnerAt(ctx, i);
    const rng = new Rng(hash32(ctx.seed, SALT.public_references, i));
    const manual = Math.min(500, rng.count((MANUAL_REF_BASE[p.type][p.level] as number) * p.health * p.sizeF));
    for (let k = 0; k < manual; k++) {
      const customer = customerName(rng);
      const submitted = pastDay(ctx, rng, [1, 0.4, 0.15]);
      const approvedDay = submitted + rng.int(2, 21);
      const approved = approvedDay <= ctx.asOf && !rng.chance(0.08) ? approvedDay : null;
      const url = `https://www.${p.domain}/customers/${slugify(customer)}`;
      yield [p.id, customer, 'manual', isoOf(submitted), approved === null ? null : isoOf(approved), url];
    }
    if (Math.max(p.tierIdx, p.level) >= 1 && rng.chance(0.35)) {
      const legacy = Math.min(100, rng.count(0.8 * p.sizeF));
      for (let k = 0; k < legacy; k++) {
        const customer = customerName(rng);
        const submitted = ctx.asOf - rng.int(240, 1050);
        const url = rng.chance(0.4) ? `https://www.${p.domain}/case-studies/${slugify(customer)}` : null;
        yield [p.id, customer, 'legacy', isoOf(submitted), null, url];
      }
    }
  }
}

/** Validated-or-not responses a year, by level (the requirements: 5, 20, 30). */
const CSAT_BASE: Record<PartnerType, readonly number[]> = {
  consulting: [0.25, 5, 20, 30],
  technology: [0.2, 5, 20, 20],
};

function* csatRows(ctx: Ctx): Generator<Cell[]> {
  for (let i = 0; i < ctx.partners; i++) {
    const p = partnerAt(ctx, i);
    const rng = new Rng(hash32(ctx.seed, SALT.csat_responses, i));
    // CSAT was the requirement most often missed: many partners never ask their customers. The
    // others collect enough for their level with some margin. "Rate this Partner" started in 2018,
    // so nearly all responses are from the last year; about 84% get validated.
    const asks = !rng.chance(p.tierIdx === 0 ? 0.85 : 0.5);
    const target = (CSAT_BASE[p.type][p.level] as number) * (1.05 + 0.3 * rng.next()) * (0.9 + 0.1 * p.sizeF);
    const n = Math.min(5000, asks ? Math.round(target / 0.84 / 0.87) : rng.count(0.3));
    for (let k = 0; k < n; k++) {
      const confirmed = rng.chance(0.93);
      const verified = confirmed ? rng.chance(0.9) : rng.chance(0.3);
      yield [
        `R${pad(i + 1, 6)}${pad(k, 4)}`,
        p.id,
        isoOf(pastDay(ctx, rng, [1, 0.15])),
        boolCell(rng, confirmed),
        boolCell(rng, verified),
      ];
    }
  }
}

const COMPETENCIES = [
  'DevOps', 'Migration', 'Data & Analytics', 'Machine Learning', 'Security', 'Storage', 'SaaS', 'IoT',
  'Financial Services', 'Healthcare', 'Life Sciences', 'Digital Customer Experience', 'Oracle', 'SAP',
  'Microsoft Workloads', 'Networking', 'Education', 'Government', 'Nonprofit', 'Retail',
] as const;

function* programValidationRows(ctx: Ctx): Generator<Cell[]> {
  for (let i = 0; i < ctx.partners; i++) {
    const p = partnerAt(ctx, i);
    const rng = new Rng(hash32(ctx.seed, SALT.program_validations, i));
    const lvl = Math.max(p.level, p.tierIdx);
    const rows: Cell[][] = [];
    const validated = (): number => ctx.asOf - rng.int(10, 1000);
    if (p.type === 'consulting') {
      if (lvl >= 2 && rng.chance(lvl >= 3 ? 0.75 : 0.25)) {
        const v = validated();
        rows.push([p.id, 'msp', null, isoOf(v), isoOf(addYears(v, 1))]);
      }
      const comps = lvl >= 3 ? 2 + rng.count(1.2) : lvl >= 2 ? rng.count(0.8) : rng.chance(0.05) ? 1 : 0;
      const chosen = new Set<number>();
      for (let k = 0; k < Math.min(comps, COMPETENCIES.length); k++) {
        let c = rng.int(0, COMPETENCIES.length - 1);
        while (chosen.has(c)) c = (c + 1) % COMPETENCIES.length;
        chosen.add(c);
        const v = validated();
        rows.push([p.id, 'competency', COMPETENCIES[c], isoOf(v), rng.chance(0.3) ? null : isoOf(addYears(v, 2))]);
      }
      if (lvl >= 2 && rng.chance(lvl >= 3 ? 0.5 : 0.2)) rows.push([p.id, 'well_architected', null, isoOf(validated()), null]);
    } else {
      if ((lvl >= 2 && rng.chance(0.92)) || (lvl === 1 && rng.chance(0.15))) {
        const v = validated();
        rows.push([p.id, 'technical_baseline_review', null, isoOf(v), rng.chance(0.5) ? null : isoOf(addYears(v, 2))]);
      }
      if (lvl >= 1 && rng.chance(0.1)) {
        const c = rng.pick(['Data & Analytics', 'Security', 'IoT', 'Machine Learning', 'SaaS'] as const);
        rows.push([p.id, 'competency', c, isoOf(validated()), null]);
      }
    }
    yield* rows;
  }
}

// ---------------------------------------------------------------------------------------------
// Bad rows: after a good row, with probability badRate, one bad variant of it.

type BadKind = 'bad_date' | 'unknown_partner' | 'duplicate' | 'unknown_credential' | 'bad_month';

interface BadSpec {
  kinds: readonly BadKind[];
  /** Index of the partner_id column (unknown_partner). */
  partnerCol?: number;
  /** Index of the date column to break (bad_date / bad_month). */
  dateCol?: number;
  credentialCol?: number;
}

const BAD_SPECS: { readonly [K in ExportName]?: BadSpec } = {
  certifications: { kinds: ['bad_date', 'unknown_credential', 'unknown_partner', 'duplicate'], partnerCol: 0, dateCol: 3, credentialCol: 2 },
  opportunities: { kinds: ['bad_date', 'unknown_partner', 'duplicate'], partnerCol: 1, dateCol: 4 },
  legacy_revenue_submissions: { kinds: ['bad_date', 'unknown_partner', 'duplicate'], partnerCol: 0, dateCol: 2 },
  partner_domains: { kinds: ['unknown_partner', 'duplicate'], partnerCol: 0 },
  domain_revenue: { kinds: ['bad_month', 'duplicate'], dateCol: 2 },
  fee_payments: { kinds: ['bad_date', 'unknown_partner'], partnerCol: 0, dateCol: 2 },
  public_references: { kinds: ['bad_date', 'unknown_partner'], partnerCol: 0, dateCol: 3 },
  csat_responses: { kinds: ['bad_date', 'unknown_partner', 'duplicate'], partnerCol: 1, dateCol: 2 },
  program_validations: { kinds: ['bad_date', 'unknown_partner', 'duplicate'], partnerCol: 0, dateCol: 3 },
};

const BAD_DATES = ['2019-02-30', '2019-13-01', '31/12/2019', '2019-6-5', '20190615', 'n/a'] as const;
const BAD_MONTHS = ['2019-13', '2019-00', '2019-7', '07/2019', '2019-06-01'] as const;
const BAD_CREDENTIALS = ['SAA-C01', 'AWS_GURU', 'CCNA', 'SAP-C01', 'MLS-C01'] as const;

function* withBadRows(
  ctx: Ctx,
  name: ExportName,
  rows: Iterable<Cell[]>,
  counter: { bad: number },
): Generator<Cell[]> {
  const spec = BAD_SPECS[name];
  if (!spec || ctx.badRate <= 0) {
    yield* rows;
    return;
  }
  const rng = new Rng(hash32(ctx.seed, SALT.bad, hashString(name)));
  for (const row of rows) {
    yield row;
    if (rng.next() >= ctx.badRate) continue;
    const kind = rng.pick(spec.kinds);
    const bad = row.slice();
    switch (kind) {
      case 'bad_date':
        bad[spec.dateCol as number] = rng.pick(BAD_DATES);
        break;
      case 'bad_month':
        bad[spec.dateCol as number] = rng.pick(BAD_MONTHS);
        break;
      case 'unknown_credential':
        bad[spec.credentialCol as number] = rng.pick(BAD_CREDENTIALS);
        break;
      case 'unknown_partner':
        bad[spec.partnerCol as number] = partnerId(ctx.partners + rng.int(0, 999_999));
        break;
      case 'duplicate':
        break; // the same key again (the first row wins)
    }
    counter.bad++;
    yield bad;
  }
}

const GENERATORS: { readonly [K in ExportName]: (ctx: Ctx) => Generator<Cell[]> } = {
  partners: partnerRows,
  certifications: certificationRows,
  opportunities: opportunityRows,
  legacy_revenue_submissions: legacyRevenueRows,
  partner_domains: partnerDomainRows,
  domain_revenue: domainRevenueRows,
  fee_payments: feePaymentRows,
  public_references: publicReferenceRows,
  csat_responses: csatRows,
  program_validations: programValidationRows,
};

export function partnerCount(scale: ScaleName | number): number {
  if (typeof scale === 'number') {
    if (!Number.isInteger(scale) || scale < 1) throw new Error(`bad partner count: ${scale}`);
    return scale;
  }
  const n = SCALES[scale];
  if (n === undefined) throw new Error(`unknown scale: ${String(scale)} (tiny, small, apn)`);
  return n;
}

function makeCtx(opts: GenerateOptions): Ctx {
  const seed = (opts.seed ?? DEFAULT_SEED) >>> 0;
  const asOf = parseDay(opts.asOf ?? DEFAULT_AS_OF);
  const { y, m, d } = ymdOf(asOf);
  const monthIdx = y * 12 + (m - 1);
  return {
    seed,
    asOf,
    partners: partnerCount(opts.scale),
    badRate: opts.badRate ?? DEFAULT_BAD_RATE,
    nameOffset: hash32(seed, SALT.names) % NAME_COMBOS,
    lastMonth: d === daysInMonth(y, m) ? monthIdx : monthIdx - 1,
  };
}

/** Writes the ten exports (or `files`) into outDir. */
export async function generate(opts: GenerateOptions): Promise<GenerateResult> {
  const started = performance.now();
  const ctx = makeCtx(opts);
  mkdirSync(opts.outDir, { recursive: true });
  const files: FileStats[] = [];
  for (const name of opts.files ?? EXPORT_FILES) {
    const t0 = performance.now();
    const path = join(opts.outDir, fileName(name, opts.gzip));
    const counter = { bad: 0 };
    const rows = withBadRows(ctx, name, GENERATORS[name](ctx), counter);
    const { rows: count } = await writeCsvFile(path, HEADERS[name], rows, { gzip: opts.gzip ?? false });
    const stats: FileStats = {
      name,
      path,
      rows: count,
      badRows: counter.bad,
      bytes: statSync(path).size,
      ms: Math.round(performance.now() - t0),
    };
    files.push(stats);
    opts.onFile?.(stats);
  }
  return {
    partners: ctx.partners,
    seed: ctx.seed,
    asOf: isoOf(ctx.asOf),
    files,
    ms: Math.round(performance.now() - started),
  };
}

/** Counts the rows generate() would write, without writing (for sizing). */
export function countRows(opts: Omit<GenerateOptions, 'outDir'>): Record<ExportName, { rows: number; badRows: number }> {
  const ctx = makeCtx({ ...opts, outDir: '' });
  const out = {} as Record<ExportName, { rows: number; badRows: number }>;
  for (const name of opts.files ?? EXPORT_FILES) {
    const counter = { bad: 0 };
    let rows = 0;
    for (const _ of withBadRows(ctx, name, GENERATORS[name](ctx), counter)) rows++;
    out[name] = { rows, badRows: counter.bad };
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// CLI

const USAGE = `usage: node --import tsx bench/generate.ts --scale tiny|small|apn --out DIR
         [--seed N] [--as-of YYYY-MM-DD] [--gzip] [--partners N] [--bad-rate FRACTION]

Writes the ten APN exports (exports.md) into DIR. Same options => byte-identical files.
  --scale      tiny (50 partners), small (1,000) or apn (100,000)
  --partners   override the partner count of the scale
  --seed       PRNG seed (default ${DEFAULT_SEED})
  --as-of      the export date; data is dated up to it (default ${DEFAULT_AS_OF})
  --gzip       write NAME.csv.gz instead of NAME.csv
  --bad-rate   fraction of good rows followed by a bad row in the non-partner files
               (default ${DEFAULT_BAD_RATE}; 0 for none)
A JSON summary goes to standard output, progress to standard error.`;

function parseArgs(argv: readonly string[]): GenerateOptions {
  const opts: Partial<GenerateOptions> & { partners?: number } = {};
  let scale: ScaleName | undefined;
  for (let k = 0; k < argv.length; k++) {
    const arg = argv[k] as string;
    const [flag, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = (): string => {
      const v = inline ?? argv[++k];
      if (v === undefined) throw new UsageError(`${flag} needs a value`);
      return v;
    };
    switch (flag) {
      case '--scale': {
        const v = value();
        if (!(v in SCALES)) throw new UsageError(`unknown scale: ${v}`);
        scale = v as ScaleName;
        break;
      }
      case '--out':
        opts.outDir = value();
        break;
      case '--seed': {
        const v = value();
        if (!/^\d+$/.test(v)) throw new UsageError(`bad seed: ${v}`);
        opts.seed = Number(v);
        break;
      }
      case '--as-of': {
        const v = value();
        try {
          parseDay(v);
        } catch {
          throw new UsageError(`bad --as-of date: ${v}`);
        }
        opts.asOf = v;
        break;
      }
      case '--gzip':
        opts.gzip = true;
        break;
      case '--partners': {
        const v = value();
        if (!/^\d+$/.test(v) || Number(v) < 1) throw new UsageError(`bad partner count: ${v}`);
        opts.partners = Number(v);
        break;
      }
      case '--bad-rate': {
        const v = Number(value());
        if (!(v >= 0 && v < 0.01)) throw new UsageError('--bad-rate must be in [0, 0.01)');
        opts.badRate = v;
        break;
      }
      case '-h':
      case '--help':
        throw new UsageError('');
      default:
        throw new UsageError(`unknown argument: ${arg}`);
    }
  }
  if (!opts.outDir) throw new UsageError('--out DIR is required');
  if (scale === undefined && opts.partners === undefined) throw new UsageError('--scale is required');
  return {
    ...opts,
    outDir: opts.outDir,
    scale: opts.partners ?? (scale as ScaleName),
  };
}

class UsageError extends Error {}

export async function main(argv: readonly string[]): Promise<number> {
  let opts: GenerateOptions;
  try {
    opts = parseArgs(argv);
  } catch (err) {
    if (err instanceof UsageError) {
      if (err.message) process.stderr.write(`error: ${err.message}\n`);
      process.stderr.write(`${USAGE}\n`);
      return err.message ? 2 : 0;
    }
    throw err;
  }
  const result = await generate({
    ...opts,
    onFile: (f) =>
      process.stderr.write(
        `${f.name.padEnd(28)} ${String(f.rows).padStart(10)} rows ${String(f.badRows).padStart(6)} bad ` +
          `${(f.bytes / 1e6).toFixed(1).padStart(8)} MB ${String(f.ms).padStart(7)} ms\n`,
      ),
  });
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  return 0;
}

const invokedPath = process.argv[1];
if (invokedPath !== undefined && import.meta.url === pathToFileURL(invokedPath).href) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
      process.exitCode = 1;
    },
  );
}
