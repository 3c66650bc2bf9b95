// Generates the committed sample exports:
//
//   examples/exports/      a clean set (every row valid) of 50 hand-designed partners whose
//                          status on 2019-11-30 is known (table in examples/README.md)
//   examples/bad-exports/  the same set with bad rows added, one file over the reject limit and
//                          one broken file
//   examples/README.md     what both sets hold, every scenario's intended status, every bad row
//
//   node --import tsx scripts/generate-examples.ts [ROOT]      (default ROOT: examples/)
//
// Deterministic: no clock, no randomness; rerunning writes identical bytes. Before writing, every
// scenario's intended status is checked against a small reference evaluation of rules.md
// (referenceStatus below): a scenario that does not produce what the README promises stops the
// script.

import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

import {
  EXPORT_FILES,
  HEADERS,
  addMonths,
  addYears,
  anniversaryIn,
  csvLine,
  csvText,
  daysInMonth,
  fileName,
  isoOf,
  latestAnniversary,
  nextAnniversary,
  parseDay,
  usd,
  ymdOf,
  type Cell,
  type ExportName,
} from '../bench/csv-writer.js';
import { CUSTOMER_FIRST, CUSTOMER_SECTOR, FIRST_NAMES, LAST_NAMES, slugify } from '../bench/names.js';

export const AS_OF = '2019-11-30';
const D = parseDay(AS_OF);
const TRANSITION_REVIEW = parseDay('2019-12-13');
const TRANSITION_FROM = parseDay('2019-04-01');
const LEGACY_CUTOFF = parseDay('2020-03-31');
const HORIZON_DAYS = 90;
const FEE_USD = 2500;

type PartnerType = 'consulting' | 'technology';
type Tier = 'registered' | 'select' | 'advanced' | 'premier';
type FeeStatus = 'not_applicable' | 'not_due' | 'unknown' | 'paid' | 'grace' | 'overdue';
type Flag = 'at_risk' | 'below_tier' | 'fee_grace' | 'fee_overdue' | 'upgrade_eligible';
const TIER_ORDER: readonly Tier[] = ['registered', 'select', 'advanced', 'premier'];
const FLAG_ORDER: readonly Flag[] = ['at_risk', 'below_tier', 'fee_grace', 'fee_overdue', 'upgrade_eligible'];

type Rows = Record<ExportName, Cell[][]>;

function emptyRows(): Rows {
  return Object.fromEntries(EXPORT_FILES.map((f) => [f, []])) as unknown as Rows;
}

const day = parseDay;

// ---------------------------------------------------------------------------------------------
// Intended status of a scenario on 2019-11-30 (a fresh database, fee_payments loaded).

interface Intended {
  qualified: Tier;
  projected: Tier | null;
  flags: Flag[];
  fee: FeeStatus;
  /** Status once the six months before D are backfilled (sustained_premier can be met). */
  afterBackfill?: { qualified: Tier; flags: Flag[] };
  /** What the scenario exercises (README). */
  note: string;
}

interface PartnerSpec {
  id: string;
  name: string;
  type: PartnerType;
  tier: Tier;
  renewal: string | null;
  domain: string;
  lead: [string, string];
  manager?: [string, string] | null;
  businessPlan?: string | null;
  ga?: number;
  ebr?: string | null;
  tierSince?: string | null;
}

type Role = 'tacc' | 'bacc' | 'clf' | 'assoc' | 'pro' | 'spec';

interface Group {
  n: number;
  roles: Role[];
  /** expires_on of one role for every person of the group (issued three years before). */
  expires?: Partial<Record<Role, string>>;
}

const ROLE_OFFSET: Record<Role, number> = { tacc: 30, bacc: 20, clf: 120, assoc: 240, pro: 0, spec: 60 };
const ASSOCIATE = ['SAA', 'DVA', 'SOA'] as const;
const PROFESSIONAL = ['SAP', 'DOP'] as const;
const SPECIALTY = ['SCS', 'BDS', 'ANS', 'DAS', 'MLS', 'DBS', 'AXS', 'PAS'] as const;
const OPEN_STAGES = ['prospect', 'qualified', 'technical_validation', 'business_validation', 'committed', 'closed_lost'] as const;
const ORIGINS = ['partner_referred', 'aws_referred', 'partner_referred', 'aws_tagged'] as const;

class Scenario {
  private people = 0;
  private opps = 0;
  private customers = 0;
  private responses = 0;
  private accounts = 0;
  readonly ordinal: number;

  constructor(
    readonly ds: Dataset,
    readonly spec: PartnerSpec,
    readonly intended: Intended,
  ) {
    this.ordinal = ds.scenarios.length;
    const s = spec;
    ds.rows.partners.push([
      s.id,
      s.name,
      s.type,
      s.tier,
      s.renewal,
      `${s.lead[0]}.${s.lead[1]}@${s.domain}`.toLowerCase(),
      s.manager ? `${s.manager[0]}.${s.manager[1]}@aws-partners.example`.toLowerCase() : null,
      s.businessPlan ?? null,
      s.ga ?? (s.type === 'technology' && s.tier !== 'registered' ? 1 : 0),
      s.ebr ?? null,
      s.tierSince ?? null,
    ]);
    ds.rows.partner_domains.push([s.id, s.domain]);
  }

  get id(): string {
    return this.spec.id;
  }

  personEmail(k: number): string {
    const first = FIRST_NAMES[(k + this.ordinal * 5) % FIRST_NAMES.length] as string;
    const last = LAST_NAMES[(Math.floor(k / FIRST_NAMES.length) + this.ordinal * 11 + k * 3) % LAST_NAMES.length] as string;
    return `${slugify(first)}.${slugify(last)}@${this.spec.domain}`;
  }

  /** A customer name distinct from this partner's earlier ones (for its first 1,000). */
  customer(): string {
    const k = this.customers++;
    const first = CUSTOMER_FIRST[(k + this.ordinal * 3) % CUSTOMER_FIRST.length] as string;
    const sector = CUSTOMER_SECTOR[(k + Math.floor(k / CUSTOMER_FIRST.length) + this.ordinal) % CUSTOMER_SECTOR.length] as string;
    return `${first} ${sector}`;
  }

  /** People holding the given credentials, issued on or before `base` (9 days apart). */
  knowledge(groups: readonly Group[], base: string, options: { mixedCaseEmail?: boolean } = {}): this {
    const baseDay = day(base);
    for (const g of groups) {
      for (let n = 0; n < g.n; n++) {
        const k = this.people++;
        const email = this.personEmail(k);
        let rowOfPerson = 0;
        for (const role of g.roles) {
          let code: string;
          switch (role) {
            case 'tacc':
              code = 'TECH_ACCREDITATION';
              break;
            case 'bacc':
              code = 'BUSINESS_ACCREDITATION';
              break;
            case 'clf':
              code = 'CLF';
              break;
            case 'assoc':
              code = ASSOCIATE[k % ASSOCIATE.length] as string;
              break;
            case 'pro':
              code = PROFESSIONAL[k % PROFESSIONAL.length] as string;
              break;
            case 'spec':
              code = SPECIALTY[k % SPECIALTY.length] as string;
              break;
          }
          const fixedExpiry = g.expires?.[role];
          let issued: number;
          let expires: number | null;
          if (fixedExpiry !== undefined) {
            expires = day(fixedExpiry);
            issued = addYears(expires + 1, -3);
          } else {
            issued = baseDay - 9 * k - ROLE_OFFSET[role];
            expires = role === 'tacc' || role === 'bacc' ? null : addYears(issued, 3) - 1;
          }
          const shownEmail =
            options.mixedCaseEmail && k === 0 && rowOfPerson === 1
              ? email.replace(/^(.)([^.]*)\.(.)/, (_m, a: string, b: string, c: string) => `${a.toUpperCase()}${b}.${c.toUpperCase()}`)
              : email;
          this.ds.rows.certifications.push([this.id, shownEmail, code, isoOf(issued), expires === null ? null : isoOf(expires)]);
          rowOfPerson++;
        }
      }
    }
    return this;
  }

  /** One person with a certification that expired long ago (history; never counts). */
  expiredHistory(code: string, issued: string): this {
    const k = this.people++;
    const i = day(issued);
    this.ds.rows.certifications.push([this.id, this.personEmail(k), code, issued, isoOf(addYears(i, 3) - 1)]);
    return this;
  }

  nextOppId(): string {
    this.opps++;
    return `O${this.id.slice(1)}${String(this.opps).padStart(3, '0')}`;
  }

  /**
   * n launched opportunities evenly dated from..to whose estimated MRR adds up to exactly
   * `mrrTotal` USD; the first `designate` are designated publicly referenceable 14 days after
   * launch (capped at D).
   */
  launched(n: number, mrrTotal: number, from: string, to: string, designate = 0): this {
    const f = day(from);
    const t = day(to);
    const weights = Array.from({ length: n }, (_, k) => 4 + ((k * 7) % 5));
    const sum = weights.reduce((a, b) => a + b, 0);
    const totalCents = Math.round(mrrTotal * 100);
    let left = totalCents;
    for (let k = 0; k < n; k++) {
      const cents = k === n - 1 ? left : Math.floor((totalCents * (weights[k] as number)) / sum);
      left -= cents;
      const launchedOn = n === 1 ? f : f + Math.round((k * (t - f)) / (n - 1));
      const pr = k < designate;
      this.ds.rows.opportunities.push([
        this.nextOppId(),
        this.id,
        this.customer(),
        'launched',
        isoOf(launchedOn),
        usd(cents),
        ORIGINS[k % ORIGINS.length],
        pr ? 'true' : 'false',
        pr ? isoOf(Math.min(D, launchedOn + 14)) : null,
      ]);
    }
    return this;
  }

  /** One launched opportunity with explicit values. */
  launch(
    launchedOn: string,
    mrr: string | null,
    options: { customer?: string; publicReferenceOn?: string; id?: string; origin?: string } = {},
  ): this {
    this.ds.rows.opportunities.push([
      options.id ?? this.nextOppId(),
      this.id,
      options.customer ?? this.customer(),
      'launched',
      launchedOn,
      mrr,
      options.origin ?? 'partner_referred',
      options.publicReferenceOn ? 'true' : null,
      options.publicReferenceOn ?? null,
    ]);
    return this;
  }

  /** Open and lost opportunities (never count). */
  pipeline(n: number): this {
    for (let k = 0; k < n; k++) {
      this.ds.rows.opportunities.push([
        this.nextOppId(),
        this.id,
        this.customer(),
        OPEN_STAGES[(k + this.ordinal) % OPEN_STAGES.length],
        null,
        k % 3 === 2 ? null : usd(25_000 + 12_500 * ((k * 5) % 7)),
        ORIGINS[(k + 1) % ORIGINS.length],
        k % 2 === 0 ? 'false' : null,
        null,
      ]);
    }
    return this;
  }

  csat(n: number, from: string, to: string, options: { yesNo?: boolean } = {}): this {
    const f = day(from);
    const t = day(to);
    for (let k = 0; k < n; k++) {
      const on = n === 1 ? f : f + Math.round((k * (t - f)) / (n - 1));
      this.response(isoOf(on), true, true, options.yesNo);
    }
    return this;
  }

  response(on: string, confirmed: boolean, verified: boolean, yesNo = false): this {
    const b = (v: boolean): string => (yesNo ? (v ? 'yes' : 'no') : v ? 'true' : 'false');
    this.responses++;
    this.ds.rows.csat_responses.push([
      `R-${this.id}-${String(this.responses).padStart(3, '0')}`,
      this.id,
      on,
      b(confirmed),
      b(verified),
    ]);
    return this;
  }

  manualRef(customer: string, submitted: string, approved: string | null): this {
    this.ds.rows.public_references.push([
      this.id,
      customer,
      'manual',
      submitted,
      approved,
      `https://www.${this.spec.domain}/customers/${slugify(customer)}`,
    ]);
    return this;
  }

  legacyRef(customer: string, submitted: string, withUrl = false): this {
    this.ds.rows.public_references.push([
      this.id,
      customer,
      'legacy',
      submitted,
      null,
      withUrl ? `https://www.${this.spec.domain}/case-studies/${slugify(customer)}` : null,
    ]);
    return this;
  }

  validation(program: string, designation: string | null, validated: string, expires: string | null = null): this {
    this.ds.rows.program_validations.push([this.id, program, designation, validated, expires]);
    return this;
  }

  fee(start: string, paidOn: string, amount: string = '2500.00'): this {
    this.ds.rows.fee_payments.push([this.id, start, paidOn, amount]);
    return this;
  }

  /** The fee paid 12 days after every billing date since 2017 (or tier_since), up to B(D). */
  feesPaid(options: { skipCurrent?: boolean } = {}): this {
    const s = this.spec;
    if (s.tier === 'registered' || s.renewal === null) return this;
    const renewal = day(s.renewal);
    const b = latestAnniversary(renewal, D);
    const since = s.tierSince ? day(s.tierSince) : null;
    for (let y = 2017; y <= ymdOf(b).y; y++) {
      const start = anniversaryIn(renewal, y);
      if (start > b) break;
      if (since !== null && start < since) continue;
      if (options.skipCurrent && start === b) continue;
      this.fee(isoOf(start), isoOf(Math.min(D, start + 12)), y % 2 === 0 ? '2500.00' : '2500');
    }
    return this;
  }

  legacySubmission(submitted: string): this {
    this.accounts++;
    const account = `${this.id.slice(1)}${String(this.accounts).padStart(8, '0')}`;
    this.ds.rows.legacy_revenue_submissions.push([this.id, account, submitted]);
    return this;
  }

  domain(domain: string): this {
    this.ds.rows.partner_domains.push([this.id, domain]);
    return this;
  }

  newAccount(): string {
    this.accounts++;
    return `${this.id.slice(1)}${String(this.accounts).padStart(8, '0')}`;
  }

  /** Monthly usage rows for account on domain, months from..to inclusive (YYYY-MM). */
  usage(domain: string, account: string, from: string, to: string, monthlyUsd: number): this {
    for (const month of monthsBetween(from, to)) {
      this.ds.rows.domain_revenue.push([domain, account, month, 'usage', null, usd(Math.round(monthlyUsd * 100))]);
    }
    return this;
  }

  charge(domain: string, account: string, month: string, type: 'ri_purchase' | 'credit', creditType: string | null, amountUsd: number): this {
    this.ds.rows.domain_revenue.push([domain, account, month, type, creditType, usd(Math.round(amountUsd * 100))]);
    return this;
  }

  // -- standard profiles: comfortably meet a tier with evidence dated from..to -----------------

  meet(tier: Exclude<Tier, 'registered'>, o: MeetOptions = {}): this {
    const from = o.from ?? '2019-04-15';
    const to = o.to ?? '2019-11-20';
    const c = this.spec.type === 'consulting';
    if (o.knowledge !== false) {
      this.knowledge(o.knowledge ?? standardKnowledge(this.spec.type, tier), o.knowledgeBase ?? '2019-03-01', {
        mixedCaseEmail: o.mixedCaseEmail,
      });
    }
    const [launches, mrr] = tier === 'select' ? [5, 3200] : tier === 'advanced' ? [24, 16_800] : [58, 74_000];
    const designate = o.refs === false ? 0 : tier === 'select' ? 1 : tier === 'advanced' ? 2 : 5;
    if (o.launched !== false) {
      this.launched(launches, mrr, from, to, designate);
      this.pipeline(tier === 'premier' ? 9 : 4);
    }
    if (o.refs !== false) {
      const f = day(from);
      this.manualRef(this.customer(), isoOf(f + 5), isoOf(f + 12));
      if (tier === 'premier') this.manualRef(this.customer(), isoOf(f + 30), isoOf(f + 41));
      if (tier !== 'select') this.legacyRef(this.customer(), isoOf(f + 3), true);
      if (o.launched === false && tier !== 'select') {
        // no ACE designations: top up with manual references
        for (let k = 0; k < designate; k++) this.manualRef(this.customer(), isoOf(f + 50 + k), isoOf(f + 60 + k));
      } else if (o.launched === false) {
        this.manualRef(this.customer(), isoOf(f + 50), isoOf(f + 58));
      }
    }
    if (o.csat !== false) {
      const [valid, invalid] = tier === 'select' ? [7, 1] : tier === 'advanced' ? [24, 2] : [36, 3];
      this.csat(valid, from, to);
      for (let k = 0; k < invalid; k++) this.response(isoOf(day(from) + 20 + k * 30), k % 2 === 1, k % 2 === 0);
    }
    if (o.validations !== false) {
      if (c && tier === 'premier') {
        this.validation('msp', null, o.validatedOn ?? '2019-02-11', '2021-02-11');
        this.validation('competency', 'DevOps', o.validatedOn ?? '2019-03-04');
        this.validation('competency', 'Migration', o.validatedOn ?? '2018-06-18', '2020-06-18');
        this.validation('well_architected', null, o.validatedOn ?? '2019-01-28');
      } else if (c && tier === 'advanced') {
        this.validation('competency', 'Migration', '2018-09-10', '2020-09-10');
      } else if (!c && tier === 'advanced') {
        this.validation('technical_baseline_review', null, o.validatedOn ?? '2019-02-20');
      }
    }
    if (o.fees !== false) this.feesPaid();
    return this;
  }
}

interface MeetOptions {
  from?: string;
  to?: string;
  knowledge?: readonly Group[] | false;
  knowledgeBase?: string;
  mixedCaseEmail?: boolean;
  launched?: boolean;
  refs?: boolean;
  csat?: boolean;
  validations?: boolean;
  validatedOn?: string;
  fees?: boolean;
}

function standardKnowledge(type: PartnerType, tier: Exclude<Tier, 'registered'>): Group[] {
  if (type === 'technology') {
    return tier === 'select'
      ? [{ n: 2, roles: ['assoc'] }, { n: 1, roles: ['clf'] }]
      : [{ n: 3, roles: ['assoc', 'pro'] }, { n: 2, roles: ['assoc'] }, { n: 1, roles: ['spec'] }];
  }
  if (tier === 'select') {
    return [
      { n: 2, roles: ['tacc', 'clf', 'assoc'] },
      { n: 2, roles: ['bacc', 'clf'] },
      { n: 1, roles: ['tacc', 'bacc', 'assoc'] },
    ];
  }
  if (tier === 'advanced') {
    return [
      { n: 5, roles: ['tacc', 'pro'] },
      { n: 5, roles: ['bacc', 'clf'] },
      { n: 3, roles: ['assoc', 'clf'] },
      { n: 1, roles: ['tacc', 'bacc', 'clf', 'assoc', 'spec'] },
    ];
  }
  return [
    { n: 12, roles: ['tacc', 'assoc', 'pro'] },
    { n: 12, roles: ['bacc', 'clf'] },
    { n: 14, roles: ['assoc'] },
    { n: 2, roles: ['tacc', 'bacc', 'clf', 'spec'] },
  ];
}

function monthsBetween(from: string, to: string): string[] {
  const [fy, fm] = from.split('-').map(Number) as [number, number];
  const [ty, tm] = to.split('-').map(Number) as [number, number];
  const out: string[] = [];
  for (let i = fy * 12 + fm - 1; i <= ty * 12 + tm - 1; i++) {
    out.push(`${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`);
  }
  return out;
}

class Dataset {
  readonly rows: Rows = emptyRows();
  readonly scenarios: Scenario[] = [];

  add(spec: PartnerSpec, intended: Intended): Scenario {
    const s = new Scenario(this, spec, intended);
    this.scenarios.push(s);
    return s;
  }
}

// ---------------------------------------------------------------------------------------------
// The 50 scenarios. Dates are relative to D = 2019-11-30: W(D) = (2018-11-30, 2019-11-30].
// Review dates: a 2019 anniversary from 2019-04-01 to 2019-12-13 reviews on 2019-12-13 (13 days);
// anniversaries from 12-14 to 02-28 review within the 90-day horizon; 02-29 (2020-02-29) is 91
// days away; March anniversaries are outside the horizon.

export function buildCleanDataset(): Dataset {
  const ds = new Dataset();
  const none: Flag[] = [];

  // ---- consulting -----------------------------------------------------------------------------

  ds.add(
    { id: 'P1001', name: 'Müller Cloud GmbH', type: 'consulting', tier: 'premier', renewal: '2020-03-20', domain: 'mueller-cloud.example',
      lead: ['Ingrid', 'Bauer'], manager: ['Sean', 'Walsh'], businessPlan: '2019-06-12', tierSince: '2017-03-20' },
    { qualified: 'premier', projected: 'premier', flags: none, fee: 'paid',
      note: 'premier comfortably meeting premier (MSP, DevOps and Migration competencies, Well-Architected); review 2020-03-20 is outside the horizon' },
  ).meet('premier').expiredHistory('SAA', '2015-05-14');

  ds.add(
    { id: 'P1002', name: 'Smith, Jones & Partners, LLC', type: 'consulting', tier: 'premier', renewal: '2020-07-01', domain: 'smith-jones-partners.example',
      lead: ['Grace', 'Smith'], manager: ['Tom', 'Quinn'], businessPlan: '2019-07-15' },
    { qualified: 'premier', projected: 'premier', flags: none, fee: 'paid',
      note: '2019 transition partner (anniversary 07-01, review 2019-12-13) meeting premier at D and at the review; validations without MSP: DevOps competency (as "devops"), Security competency, Well-Architected' },
  )
    .meet('premier', { validations: false })
    .validation('competency', 'devops', '2019-01-21')
    .validation('competency', 'Security', '2018-11-05', '2020-11-05')
    .validation('well_architected', null, '2019-05-02');

  ds.add(
    { id: 'P1003', name: 'Nordlys Skyløsninger AS', type: 'consulting', tier: 'premier', renewal: '2020-05-14', domain: 'nordlys-sky.example',
      lead: ['Lars', 'Hansen'], manager: ['Karin', 'Olsen'], businessPlan: '2019-05-20' },
    { qualified: 'advanced', projected: 'advanced', flags: ['at_risk', 'below_tier'], fee: 'paid',
      note: 'premier whose MSP validation expired 2019-10-31: 2 active validations, neither MSP nor DevOps; transition review 2019-12-13' },
  )
    .meet('premier', { validations: false })
    .validation('competency', 'Migration', '2019-02-01')
    .validation('competency', 'Data & Analytics', '2019-03-01', '2021-03-01')
    .validation('msp', null, '2018-10-31', '2019-10-31');

  ds.add(
    { id: 'P1004', name: 'Alder Peak Consulting Ltd', type: 'consulting', tier: 'advanced', renewal: '2020-03-10', domain: 'alderpeak.example',
      lead: ['Ana', 'Souza'], manager: ['Wei', 'Zhang'], businessPlan: '2019-08-01' },
    { qualified: 'advanced', projected: 'advanced', flags: none, fee: 'paid',
      note: 'advanced comfortably meeting advanced; one person appears with two spellings of the same e-mail (counts once); review 2020-03-10 outside the horizon' },
  ).meet('advanced', { mixedCaseEmail: true });

  ds.add(
    { id: 'P1005', name: 'Société des Nuages Bleus SARL', type: 'consulting', tier: 'advanced', renewal: '2020-01-10', domain: 'nuages-bleus.example',
      lead: ['Hugo', 'Moreau'], manager: ['Lucia', 'Rossi'], businessPlan: '2019-02-15' },
    { qualified: 'advanced', projected: 'advanced', flags: none, fee: 'paid',
      afterBackfill: { qualified: 'advanced', flags: ['upgrade_eligible'] },
      note: 'advanced meeting the premier criteria since before 2019-05-31, no EBR yet: upgrade_eligible (eligible to apply) once 2019-05-31..2019-11-29 are backfilled; on a fresh database sustained_premier is unmet (missing days)' },
  ).meet('premier', { from: '2019-01-20', to: '2019-05-25', knowledgeBase: '2019-01-15', validatedOn: '2019-03-01' });

  ds.add(
    { id: 'P1006', name: 'Ōsaka Data Works K.K.', type: 'consulting', tier: 'advanced', renewal: '2020-02-15', domain: 'osaka-dataworks.example',
      lead: ['Kenji', 'Sato'], manager: ['Aiko', 'Tanaka'], businessPlan: '2019-03-01', ebr: '2019-10-22' },
    { qualified: 'advanced', projected: 'advanced', flags: none, fee: 'paid',
      afterBackfill: { qualified: 'premier', flags: ['upgrade_eligible'] },
      note: 'advanced applicant with the EBR completed (2019-10-22) and premier criteria met since before 2019-05-31: qualifies for premier once the six months are backfilled' },
  ).meet('premier', { from: '2019-02-20', to: '2019-05-25', knowledgeBase: '2019-02-18', validatedOn: '2019-04-01' });

  ds.add(
    { id: 'P1007', name: 'Granite Harbor Advisory, Inc.', type: 'consulting', tier: 'advanced', renewal: '2020-08-12', domain: 'graniteharbor.example',
      lead: ['Rosa', 'Garcia'], manager: ['Omar', 'Haddad'], businessPlan: '2019-04-30' },
    { qualified: 'select', projected: 'select', flags: ['at_risk', 'below_tier'], fee: 'paid',
      note: 'advanced with only 2 professional-or-specialty certified individuals (needs 3); transition review 2019-12-13' },
  ).meet('advanced', {
    knowledge: [
      { n: 2, roles: ['tacc', 'pro'] },
      { n: 3, roles: ['tacc', 'assoc'] },
      { n: 5, roles: ['bacc', 'clf'] },
      { n: 3, roles: ['assoc', 'clf'] },
    ],
  });

  ds.add(
    { id: 'P1008', name: 'Kestrel Cloud Partners Pty Ltd', type: 'consulting', tier: 'advanced', renewal: '2020-04-22', domain: 'kestrelcloud.example',
      lead: ['Mara', 'Murphy'], manager: ['Felix', 'Weber'], businessPlan: '2019-06-03' },
    { qualified: 'advanced', projected: 'select', flags: ['at_risk'], fee: 'paid',
      note: 'transition partner (anniversary 04-22, review 2019-12-13): 22 launched opportunities on D, 6 of them launched 2018-12-02..2018-12-13 leave the window before the review (16 < 20)' },
  )
    .meet('advanced', { launched: false })
    .launch('2018-12-02', '700.00', { publicReferenceOn: '2019-05-02' })
    .launch('2018-12-04', '700.00', { publicReferenceOn: '2019-05-20' })
    .launch('2018-12-06', '700.00')
    .launch('2018-12-08', '700.00')
    .launch('2018-12-10', '700.00')
    .launch('2018-12-13', '700.00')
    .launched(16, 12_600, '2019-04-20', '2019-11-15')
    .pipeline(5);

  ds.add(
    { id: 'P1009', name: 'Bluewater Systems Integration B.V.', type: 'consulting', tier: 'advanced', renewal: '2020-01-15', domain: 'bluewater-si.example',
      lead: ['Anders', 'Jensen'], manager: ['Sara', 'Lee'], businessPlan: '2019-09-09' },
    { qualified: 'advanced', projected: 'select', flags: ['at_risk'], fee: 'paid',
      note: 'review 2020-01-15 (not a transition date): one of its 3 professional certifications expires 2019-12-31, so at the review only 2 remain' },
  ).meet('advanced', {
    knowledge: [
      { n: 2, roles: ['tacc', 'pro'] },
      { n: 1, roles: ['tacc', 'pro'], expires: { pro: '2019-12-31' } },
      { n: 2, roles: ['tacc', 'assoc'] },
      { n: 5, roles: ['bacc', 'clf'] },
      { n: 3, roles: ['assoc', 'clf'] },
    ],
  });

  ds.add(
    { id: 'P1010', name: 'Cedar & Slate Consulting LLC', type: 'consulting', tier: 'advanced', renewal: '2020-10-01', domain: 'cedarslate.example',
      lead: ['Chloe', 'Martin'], manager: null, businessPlan: '2019-07-22' },
    { qualified: 'advanced', projected: 'advanced', flags: ['fee_grace'], fee: 'grace',
      note: 'billing date 2019-10-01 (60 days before D), no payment for that membership year yet: fee grace until 2019-12-30' },
  ).meet('advanced', { fees: false }).feesPaid({ skipCurrent: true });

  ds.add(
    { id: 'P1011', name: 'Ironbridge Digital S.r.l.', type: 'consulting', tier: 'advanced', renewal: '2020-06-03', domain: 'ironbridge-digital.example',
      lead: ['Lucia', 'Bianchi'], manager: ['Mateo', 'Costa'], businessPlan: '2018-11-30' },
    { qualified: 'select', projected: 'select', flags: ['at_risk', 'below_tier'], fee: 'paid',
      note: 'business plan signed 2018-11-30, exactly one year before D: no longer in the window (Decision); transition review' },
  ).meet('advanced');

  ds.add(
    { id: 'P1012', name: 'Lantern Advisory Group AB', type: 'consulting', tier: 'advanced', renewal: '2019-12-05', domain: 'lantern-advisory.example',
      lead: ['Erik', 'Eriksson'], manager: ['Nadia', 'Petrov'], businessPlan: '2019-05-06' },
    { qualified: 'advanced', projected: 'advanced', flags: none, fee: 'paid',
      note: 'anniversary 12-05: billing date is the 2018 one (2018-12-05, paid), the 2019 review moves from 2019-12-05 to 2019-12-13' },
  ).meet('advanced');

  const p1013 = ds.add(
    { id: 'P1013', name: 'Meridian Cloud Services Oy', type: 'consulting', tier: 'select', renewal: '2020-03-05', domain: 'meridian-cloud.example',
      lead: ['Kai', 'Nguyen'], manager: ['Jana', 'Novak'] },
    { qualified: 'select', projected: 'select', flags: none, fee: 'paid',
      note: 'select comfortably meeting select; co-tagged with P2015 on opportunity O7770001' },
  ).meet('select');
  p1013.launch('2019-08-19', '950.00', { id: 'O7770001', customer: 'Northgate Freight', origin: 'aws_referred' });

  ds.add(
    { id: 'P1014', name: '"Nimbus" Consultoria Ltda.', type: 'consulting', tier: 'select', renewal: '2020-02-10', domain: 'nimbus-consultoria.example',
      lead: ['Joao', 'Pereira'], manager: ['Rafael', 'Silva'], businessPlan: '2019-07-08' },
    { qualified: 'advanced', projected: 'advanced', flags: ['upgrade_eligible'], fee: 'paid',
      note: 'select meeting every advanced requirement (name with double quotes)' },
  ).meet('advanced');

  ds.add(
    { id: 'P1015', name: 'Coral Bay IT Solutions', type: 'consulting', tier: 'select', renewal: '2020-07-19', domain: 'coralbay-it.example',
      lead: ['Priya', 'Gupta'], manager: ['Rahul', 'Das'] },
    { qualified: 'registered', projected: 'registered', flags: ['at_risk', 'below_tier'], fee: 'paid',
      note: '6 CSAT responses, only 3 validated (2 e-mail not confirmed, 1 not an AWS customer): needs 5; transition review' },
  )
    .meet('select', { csat: false })
    .csat(3, '2019-05-10', '2019-10-02')
    .response('2019-06-14', false, true)
    .response('2019-08-01', false, false)
    .response('2019-09-23', true, false);

  ds.add(
    { id: 'P1016', name: 'Fjordline Technology Partners AS', type: 'consulting', tier: 'select', renewal: '2020-05-27', domain: 'fjordline.example',
      lead: ['Olga', 'Larsen'], manager: ['Liam', 'Wilson'] },
    { qualified: 'select', projected: 'registered', flags: ['at_risk'], fee: 'paid',
      note: 'its only public reference is an ACE designation dated 2018-12-06 (opportunity launched 2018-11-20): counts on D, gone by the 2019-12-13 review' },
  )
    .meet('select', { refs: false })
    .launch('2018-11-20', '400.00', { customer: 'Seabright Hotels', publicReferenceOn: '2018-12-06' });

  ds.add(
    { id: 'P1017', name: 'Harbor & Quay Consulting, Ltd.', type: 'consulting', tier: 'select', renewal: '2020-06-15', domain: 'harborquay.example',
      lead: ['Ben', 'Taylor'], manager: ['Hana', 'Ito'] },
    { qualified: 'select', projected: 'select', flags: ['fee_overdue'], fee: 'overdue',
      note: 'billing date 2019-06-15, no payment: grace ended 2019-09-13, fee overdue' },
  ).meet('select', { fees: false }).feesPaid({ skipCurrent: true });

  ds.add(
    { id: 'P1018', name: 'Juniper Transformation Partners', type: 'consulting', tier: 'select', renewal: '2020-09-20', domain: 'juniper-tp.example',
      lead: ['Leila', 'Mohamed'], manager: ['Victor', 'Lambert'] },
    { qualified: 'select', projected: 'select', flags: ['fee_grace'], fee: 'grace',
      note: 'billing date 2019-09-20 (71 days before D), unpaid: grace until 2019-12-19' },
  ).meet('select', { fees: false }).feesPaid({ skipCurrent: true });

  ds.add(
    { id: 'P1019', name: 'Zephyr Cloudworks Sp. z o.o.', type: 'consulting', tier: 'select', renewal: '2020-10-20', domain: 'zephyr-cloudworks.example',
      lead: ['Isaac', 'Kowalski'], manager: ['Ruth', 'Cohen'] },
    { qualified: 'select', projected: 'select', flags: ['fee_grace'], fee: 'grace',
      note: 'billing date 2019-10-20, only 1,000 USD of the 2,500 paid: grace until 2020-01-18' },
  )
    .meet('select', { fees: false })
    .feesPaid({ skipCurrent: true })
    .fee('2019-10-20', '2019-10-25', '1000.00');

  ds.add(
    { id: 'P1020', name: 'Amber Ridge Solutions Inc.', type: 'consulting', tier: 'select', renewal: '2020-08-08', domain: 'amberridge.example',
      lead: ['Zoe', 'Young'], manager: ['Uma', 'Singh'] },
    { qualified: 'select', projected: 'select', flags: none, fee: 'paid',
      note: 'the 2019-08-08 fee paid in two instalments of 1,250 USD' },
  )
    .meet('select', { fees: false })
    .feesPaid({ skipCurrent: true })
    .fee('2019-08-08', '2019-08-20', '1250.00')
    .fee('2019-08-08', '2019-09-05', '1250');

  ds.add(
    { id: 'P1021', name: 'Orchid Data Consulting Pte. Ltd.', type: 'consulting', tier: 'select', renewal: '2020-05-10', domain: 'orchid-data.example',
      lead: ['Mei', 'Tan'], manager: ['Chen', 'Wang'], tierSince: '2019-08-15' },
    { qualified: 'select', projected: 'select', flags: none, fee: 'not_due',
      note: 'reached select on 2019-08-15, after its billing date 2019-05-10: first fee due on 2020-05-10' },
  ).meet('select');

  ds.add(
    { id: 'P1022', name: 'Saffron Systems Integrators', type: 'consulting', tier: 'select', renewal: '2020-11-04', domain: 'saffron-si.example',
      lead: ['Nikhil', 'Patel'], manager: ['Tariq', 'Haddad'] },
    { qualified: 'select', projected: 'select', flags: none, fee: 'paid',
      note: '1 ACE launch (MRR 2,100) + 2 legacy revenue submissions (2019-02-12, 2019-05-03) = 3 launched opportunities; an older submission (2018-10-01) no longer counts' },
  )
    .meet('select', { launched: false })
    .launch('2019-06-14', '2100.00', { publicReferenceOn: '2019-07-01' })
    .pipeline(3)
    .legacySubmission('2018-10-01')
    .legacySubmission('2019-02-12')
    .legacySubmission('2019-05-03');

  ds.add(
    { id: 'P1023', name: 'Leap Day Consulting ApS', type: 'consulting', tier: 'select', renewal: '2016-02-29', domain: 'leapday.example',
      lead: ['Yara', 'Andersen'], manager: ['Noah', 'Meyer'], tierSince: '2016-02-29' },
    { qualified: 'select', projected: 'registered', flags: none, fee: 'paid',
      note: 'renewal 29 February: billing date 2019-02-28 (paid), review 2020-02-29, 91 days away (outside the horizon); 2 of its 6 CSAT responses (2019-02-20, 02-25) leave the window before the review' },
  )
    .meet('select', { csat: false })
    .csat(2, '2019-02-20', '2019-02-25')
    .csat(4, '2019-06-03', '2019-10-28');

  ds.add(
    { id: 'P1024', name: 'Februa Cloud Advisors', type: 'consulting', tier: 'select', renewal: '2020-02-28', domain: 'februa.example',
      lead: ['Elena', 'Petrov'], manager: ['Ivan', 'Novak'] },
    { qualified: 'select', projected: 'registered', flags: ['at_risk'], fee: 'paid',
      note: 'review 2020-02-28, exactly 90 days away (inside the horizon): same CSAT pattern as P1023' },
  )
    .meet('select', { csat: false })
    .csat(2, '2019-02-20', '2019-02-25')
    .csat(4, '2019-06-03', '2019-10-28');

  ds.add(
    { id: 'P1025', name: 'Winterberg IT-Beratung GmbH', type: 'consulting', tier: 'select', renewal: '2019-12-20', domain: 'winterberg-it.example',
      lead: ['Jana', 'Fischer'], manager: ['Felix', 'Schmidt'] },
    { qualified: 'select', projected: 'registered', flags: ['at_risk'], fee: 'paid',
      note: 'anniversary 12-20 (after 12-13: no transition), review 2019-12-20; one of its 2 technical certifications (DVA) expires 2019-12-15' },
  ).meet('select', {
    knowledge: [
      { n: 1, roles: ['tacc', 'clf', 'assoc'] },
      { n: 1, roles: ['tacc', 'clf', 'assoc'], expires: { assoc: '2019-12-15' } },
      { n: 2, roles: ['bacc', 'clf'] },
      { n: 1, roles: ['tacc', 'bacc'] },
    ],
  });

  ds.add(
    { id: 'P1026', name: 'Quartz Collective', type: 'consulting', tier: 'select', renewal: '2020-03-25', domain: 'quartz-collective.example',
      lead: ['Amara', 'Okafor'], manager: ['Emeka', 'Adeyemi'] },
    { qualified: 'select', projected: 'select', flags: none, fee: 'paid',
      note: 'accredited professionals t=1 technical-only, b=1 business-only, k=2 with both: 4, minimums met through the two with both' },
  ).meet('select', {
    knowledge: [
      { n: 1, roles: ['tacc', 'assoc'] },
      { n: 1, roles: ['bacc', 'clf'] },
      { n: 2, roles: ['tacc', 'bacc', 'clf'] },
      { n: 1, roles: ['assoc'] },
    ],
  });

  ds.add(
    { id: 'P1027', name: 'Raven & Finch Partners', type: 'consulting', tier: 'select', renewal: '2020-03-28', domain: 'ravenfinch.example',
      lead: ['Dara', 'Quinn'], manager: ['Sami', 'Kaur'] },
    { qualified: 'registered', projected: 'registered', flags: ['below_tier'], fee: 'paid',
      note: 'accredited professionals t=0, b=3, k=1: 4 in total but only 1 can count as technical (needs 2); review 2020-03-28 outside the horizon' },
  ).meet('select', {
    knowledge: [
      { n: 3, roles: ['bacc', 'clf'] },
      { n: 1, roles: ['tacc', 'bacc', 'assoc'] },
      { n: 1, roles: ['assoc'] },
    ],
  });

  ds.add(
    { id: 'P1028', name: 'Umber Consulting', type: 'consulting', tier: 'registered', renewal: null, domain: 'umber-consulting.example',
      lead: ['Tom', 'Brown'], manager: null },
    { qualified: 'registered', projected: null, flags: none, fee: 'not_applicable',
      note: 'registered partner with one Cloud Practitioner and nothing else' },
  ).knowledge([{ n: 1, roles: ['clf'] }], '2019-06-10');

  ds.add(
    { id: 'P1029', name: 'Crystal Lake Cloud Advisory', type: 'consulting', tier: 'registered', renewal: null, domain: 'crystallake.example',
      lead: ['Sofia', 'Reyes'], manager: ['Carlos', 'Alvarez'] },
    { qualified: 'select', projected: null, flags: ['upgrade_eligible'], fee: 'not_applicable',
      note: 'registered partner meeting every select requirement' },
  ).meet('select', { fees: false });

  ds.add(
    { id: 'P1030', name: 'Pinecrest Digital', type: 'consulting', tier: 'registered', renewal: '2020-01-20', domain: 'pinecrest-digital.example',
      lead: ['Victor', 'Lopez'], manager: ['Maya', 'Park'] },
    { qualified: 'registered', projected: null, flags: none, fee: 'not_applicable',
      note: 'registered partner with a renewal date and some evidence (2 people, 1 launch, 2 CSAT)' },
  )
    .knowledge([{ n: 1, roles: ['tacc', 'assoc'] }, { n: 1, roles: ['bacc'] }], '2019-05-02')
    .launch('2019-07-07', '300.00')
    .csat(2, '2019-08-01', '2019-09-01');

  ds.add(
    { id: 'P1031', name: 'The "Cloud Native" Company, Inc.', type: 'consulting', tier: 'premier', renewal: '2020-02-03', domain: 'cloudnative-company.example',
      lead: ['Alex', 'Kim'], manager: ['Anna', 'Varga'], businessPlan: '2019-04-25' },
    { qualified: 'premier', projected: 'advanced', flags: ['at_risk'], fee: 'paid',
      note: 'premier, review 2020-02-03: 31 validated CSAT responses, 4 dated 2019-01-20..2019-02-02 leave the window first (27 < 30)' },
  )
    .meet('premier', { csat: false })
    .csat(4, '2019-01-20', '2019-02-02')
    .csat(27, '2019-04-18', '2019-11-22')
    .response('2019-07-04', false, false);

  ds.add(
    { id: 'P1032', name: 'Linden Street Consulting', type: 'consulting', tier: 'advanced', renewal: '2020-01-28', domain: 'lindenstreet.example',
      lead: ['Omar', 'Singh'], manager: ['Priya', 'Kaur'], businessPlan: '2019-05-29' },
    { qualified: 'select', projected: 'select', flags: ['at_risk', 'below_tier'], fee: 'paid',
      note: 'one customer through all three sources ("Harborview Clinics" via ACE, "HARBORVIEW  Clinics" manual, "harborview clinics" legacy) counts once; a manual reference awaiting approval does not count: 1 public reference, needs 2' },
  )
    .meet('advanced', { refs: false })
    .launch('2019-05-14', '650.00', { customer: 'Harborview Clinics', publicReferenceOn: '2019-06-01' })
    .manualRef('HARBORVIEW  Clinics', '2019-06-20', '2019-06-27')
    .legacyRef('harborview clinics', '2019-04-03')
    .manualRef('Kelp Forest Foods', '2019-11-18', null);

  // ---- technology -----------------------------------------------------------------------------

  ds.add(
    { id: 'P2001', name: 'Brightlake Analytics, Inc.', type: 'technology', tier: 'advanced', renewal: '2020-03-25', domain: 'brightlake.example',
      lead: ['Rafael', 'Castro'], manager: ['Ingrid', 'Larsen'], businessPlan: '2019-05-15', ga: 3 },
    { qualified: 'advanced', projected: 'advanced', flags: none, fee: 'paid',
      note: 'technology advanced meeting advanced through launched opportunities; technical baseline review; 3 GA products' },
  ).meet('advanced');

  const vantor = ds.add(
    { id: 'P2002', name: 'Vantor Labs Ltd', type: 'technology', tier: 'advanced', renewal: '2020-08-26', domain: 'vantorlabs.example',
      lead: ['Liam', 'Murphy'], manager: ['Grace', 'Walsh'], businessPlan: '2019-06-20', ga: 2 },
    { qualified: 'advanced', projected: 'advanced', flags: none, fee: 'paid',
      note: 'direct revenue only (no launched opportunity): 360,000 usage + 12,000 RI − 8,000 promotional credit = 364,000 USD; 30,000 of MAP credits do not reduce it; a third domain vantorlabs-legacy.example is not in partner_domains (unmatched)' },
  ).meet('advanced', { launched: false });
  {
    const a = vantor.newAccount();
    const b = vantor.newAccount();
    vantor.domain('vantorlabs-app.example');
    vantor
      .usage('vantorlabs.example', a, '2018-06', '2018-11', 18_000)
      .usage('vantorlabs.example', a, '2018-12', '2019-11', 20_000)
      .usage('vantorlabs-app.example', b, '2018-12', '2019-11', 10_000)
      .charge('vantorlabs.example', a, '2019-06', 'ri_purchase', null, 12_000);
    for (const m of monthsBetween('2019-01', '2019-06')) vantor.charge('vantorlabs.example', a, m, 'credit', 'MAP', -5_000);
    vantor.charge('vantorlabs-app.example', b, '2019-09', 'credit', 'AWS Promotional Credit', -8_000);
    vantor.usage('vantorlabs-legacy.example', vantor.newAccount(), '2019-01', '2019-11', 3_000);
  }

  const cumulus = ds.add(
    { id: 'P2003', name: 'Cumulus Metrics Oy', type: 'technology', tier: 'select', renewal: '2020-03-18', domain: 'cumulus-metrics.example',
      lead: ['Karin', 'Eriksson'], manager: ['Lars', 'Olsen'], ga: 1 },
    { qualified: 'select', projected: 'registered', flags: none, fee: 'paid',
      note: 'direct revenue 15,600 USD (usage 15,600 + RI 1,200 − 1,200 "Activate Credits"; a "ReThink Discount" of 1,500 does not reduce it); review 2020-03-18 is outside the horizon, and by then only 9 months of the window have been billed' },
  ).meet('select', { launched: false });
  {
    const a = cumulus.newAccount();
    cumulus
      .usage('cumulus-metrics.example', a, '2018-12', '2019-11', 1_300)
      .charge('cumulus-metrics.example', a, '2019-03', 'ri_purchase', null, 1_200)
      .charge('cumulus-metrics.example', a, '2019-04', 'credit', 'ReThink Discount', -1_500)
      .charge('cumulus-metrics.example', a, '2019-07', 'credit', 'Activate Credits', -1_200)
      .launch('2019-09-02', '800.00');
  }

  const quill = ds.add(
    { id: 'P2004', name: 'Quillfeather Software', type: 'technology', tier: 'select', renewal: '2020-02-12', domain: 'quillfeather.example',
      lead: ['Maya', 'Cohen'], manager: ['Ben', 'Martin'], ga: 1 },
    { qualified: 'registered', projected: 'registered', flags: ['at_risk', 'below_tier'], fee: 'paid',
      note: 'direct revenue 14,700 USD (16,200 usage − 1,500 "AWS Promotional Credit"; the 2,000 "MAP Credit" is exempt) and 2 launches: Experience unmet' },
  ).meet('select', { launched: false });
  {
    const a = quill.newAccount();
    quill
      .usage('quillfeather.example', a, '2018-12', '2019-11', 1_350)
      .charge('quillfeather.example', a, '2019-05', 'credit', 'MAP Credit', -2_000)
      .charge('quillfeather.example', a, '2019-08', 'credit', 'AWS Promotional Credit', -1_500)
      .launch('2019-05-05', '900.00')
      .launch('2019-08-15', '900.00');
  }

  const tess = ds.add(
    { id: 'P2005', name: 'Tessellate.io', type: 'technology', tier: 'select', renewal: '2020-03-30', domain: 'tessellate.example',
      lead: ['Noah', 'Suzuki'], manager: ['Mei', 'Chen'], ga: 1 },
    { qualified: 'registered', projected: 'registered', flags: ['below_tier'], fee: 'paid',
      note: 'direct revenue 14,400 USD over 2018-12..2019-11; the 6,000 USD billed for 2018-11 (month ending exactly one year before D) is outside the window' },
  ).meet('select', { launched: false });
  {
    const a = tess.newAccount();
    tess.usage('tessellate.example', a, '2018-11', '2018-11', 6_000).usage('tessellate.example', a, '2018-12', '2019-11', 1_200);
  }

  const oresund = ds.add(
    { id: 'P2006', name: 'Øresund Robotics ApS', type: 'technology', tier: 'select', renewal: '2020-02-05', domain: 'oresund-robotics.example',
      lead: ['Anna', 'Hansen'], manager: ['Erik', 'Larsen'], businessPlan: '2019-08-19', ga: 1 },
    { qualified: 'advanced', projected: 'advanced', flags: ['upgrade_eligible'], fee: 'paid',
      note: 'select meeting advanced through direct revenue (480,000 USD; 400,000 of it still in the window at the 2020-02-05 review), technical baseline review, business plan' },
  ).meet('advanced', { launched: false });
  {
    const a = oresund.newAccount();
    oresund.usage('oresund-robotics.example', a, '2018-12', '2019-11', 40_000);
  }

  ds.add(
    { id: 'P2007', name: 'Sequoia Networks, LLC', type: 'technology', tier: 'advanced', renewal: '2020-06-18', domain: 'sequoia-networks.example',
      lead: ['David', 'Wagner'], manager: ['Rosa', 'Sousa'], businessPlan: '2019-06-06', ga: 1 },
    { qualified: 'select', projected: 'select', flags: ['at_risk', 'below_tier'], fee: 'paid',
      note: 'technology advanced whose technical baseline review expired 2019-09-30; transition review' },
  )
    .meet('advanced', { validations: false })
    .validation('technical_baseline_review', null, '2017-09-30', '2019-09-30');

  ds.add(
    { id: 'P2008', name: 'Heron Security Software', type: 'technology', tier: 'select', renewal: '2020-03-15', domain: 'heron-security.example',
      lead: ['Tariq', 'Mohamed'], manager: ['Sara', 'Bauer'], ga: 0 },
    { qualified: 'registered', projected: 'registered', flags: ['below_tier'], fee: 'paid',
      note: 'no GA product listed (ga_product_count 0): product_listing unmet at select (Decision); review outside the horizon' },
  ).meet('select');

  ds.add(
    { id: 'P2009', name: 'Kraków Data Systems Sp. z o.o.', type: 'technology', tier: 'select', renewal: '2020-01-15', domain: 'krakow-data.example',
      lead: ['Olga', 'Kowalski'], manager: ['Jin', 'Park'], ga: 1 },
    { qualified: 'select', projected: 'registered', flags: ['at_risk'], fee: 'paid',
      note: '3 launches (MRR 1,800), one on 2019-01-10 which leaves the window before the 2020-01-15 review; no direct revenue' },
  )
    .meet('select', { launched: false })
    .launch('2019-01-10', '600.00', { publicReferenceOn: '2019-05-10' })
    .launch('2019-06-20', '600.00')
    .launch('2019-09-15', '600.00')
    .pipeline(2);

  ds.add(
    { id: 'P2010', name: 'Falcon Ledger AI', type: 'technology', tier: 'select', renewal: '2020-10-15', domain: 'falconledger.example',
      lead: ['Fatima', 'Haddad'], manager: ['Hugo', 'Dubois'], ga: 2 },
    { qualified: 'select', projected: 'select', flags: ['fee_grace'], fee: 'grace',
      note: 'billing date 2019-10-15 (46 days before D), unpaid: grace until 2020-01-13' },
  ).meet('select', { fees: false }).feesPaid({ skipCurrent: true });

  ds.add(
    { id: 'P2011', name: 'Indigo Platforms AG', type: 'technology', tier: 'advanced', renewal: '2020-04-30', domain: 'indigo-platforms.example',
      lead: ['Felix', 'Meyer'], manager: ['Karin', 'Schmidt'], businessPlan: '2019-05-28', ga: 1 },
    { qualified: 'advanced', projected: 'advanced', flags: ['fee_overdue'], fee: 'overdue',
      note: 'billing date 2019-04-30 unpaid: grace ended 2019-07-29, fee overdue (at risk for downgrade)' },
  ).meet('advanced', { fees: false }).feesPaid({ skipCurrent: true });

  ds.add(
    { id: 'P2012', name: 'Onyx Apps', type: 'technology', tier: 'registered', renewal: null, domain: 'onyx-apps.example',
      lead: ['Sean', 'Kim'], manager: null },
    { qualified: 'registered', projected: null, flags: none, fee: 'not_applicable', note: 'registered technology partner with no evidence at all' },
  );

  ds.add(
    { id: 'P2013', name: 'Slate Devices', type: 'technology', tier: 'registered', renewal: '2020-05-01', domain: 'slate-devices.example',
      lead: ['Uma', 'Das'], manager: ['Isaac', 'Cohen'], ga: 1 },
    { qualified: 'registered', projected: null, flags: none, fee: 'not_applicable',
      note: 'registered with a GA product and one associate certification, nothing else' },
  ).knowledge([{ n: 1, roles: ['assoc'] }], '2019-04-04');

  ds.add(
    { id: 'P2014', name: 'Cobalt "Signal" Analytics S.A.', type: 'technology', tier: 'advanced', renewal: '2020-09-09', domain: 'cobalt-signal.example',
      lead: ['Valentina', 'Lopez'], manager: ['Javier', 'Garcia'], businessPlan: '2019-07-01', ga: 1 },
    { qualified: 'advanced', projected: 'select', flags: ['at_risk'], fee: 'paid',
      note: 'transition partner: 22 CSAT responses (yes/no booleans), 5 dated 2018-12-03..12-12 leave before the 2019-12-13 review (17 < 20); billing date 2019-09-09 paid' },
  )
    .meet('advanced', { csat: false })
    .csat(5, '2018-12-03', '2018-12-12', { yesNo: true })
    .csat(17, '2019-04-16', '2019-11-12', { yesNo: true })
    .response('2019-10-10', true, false, true);

  const tidal = ds.add(
    { id: 'P2015', name: 'Tidal Metrics GmbH', type: 'technology', tier: 'select', renewal: '2020-03-02', domain: 'tidal-metrics.example',
      lead: ['Hana', 'Weber'], manager: ['Lars', 'Fischer'], ga: 1 },
    { qualified: 'select', projected: 'select', flags: none, fee: 'paid',
      note: 'select through launches, one of them (O7770001) shared with P1013; review 2020-03-02, 93 days away' },
  ).meet('select', { launched: false });
  tidal
    .launch('2019-08-19', '950.00', { id: 'O7770001', customer: 'Northgate Freight', origin: 'aws_referred', publicReferenceOn: '2019-09-01' })
    .launched(3, 1500, '2019-05-06', '2019-10-21')
    .pipeline(2);

  ds.add(
    { id: 'P2016', name: 'Zürich Vector AG', type: 'technology', tier: 'select', renewal: '2020-03-12', domain: 'zurich-vector.example',
      lead: ['Lucia', 'Meyer'], manager: ['Anders', 'Berg'], ga: 1 },
    { qualified: 'select', projected: 'select', flags: none, fee: 'paid',
      note: '3 launches whose estimated MRR adds up to exactly 1,500.00 USD (threshold met)' },
  )
    .meet('select', { launched: false })
    .launch('2019-05-13', '500.00', { publicReferenceOn: '2019-06-03' })
    .launch('2019-07-22', '500.00')
    .launch('2019-10-07', '500.00');

  ds.add(
    { id: 'P2017', name: 'São Paulo Pulse Software Ltda.', type: 'technology', tier: 'select', renewal: '2020-03-22', domain: 'sp-pulse.example',
      lead: ['Joao', 'Costa'], manager: ['Bianca', 'Silva'], ga: 1 },
    { qualified: 'registered', projected: 'registered', flags: ['below_tier'], fee: 'paid',
      note: '3 launches whose estimated MRR adds up to 1,499.99 USD (one cent short), no direct revenue' },
  )
    .meet('select', { launched: false })
    .launch('2019-05-13', '500.00', { publicReferenceOn: '2019-06-03' })
    .launch('2019-07-22', '500.00')
    .launch('2019-10-07', '499.99');

  const summit = ds.add(
    { id: 'P2018', name: 'Summit Forge Software, Inc.', type: 'technology', tier: 'advanced', renewal: '2020-01-05', domain: 'summitforge.example',
      lead: ['Wei', 'Chen'], manager: ['Yusuf', 'Tan'], businessPlan: '2019-09-30', ga: 4 },
    { qualified: 'advanced', projected: 'advanced', flags: none, fee: 'paid',
      note: 'technology advanced meeting Experience both ways (launches and 40,000 USD a month of direct revenue); review 2020-01-05' },
  ).meet('advanced');
  {
    const a = summit.newAccount();
    summit.usage('summitforge.example', a, '2018-10', '2019-11', 40_000);
  }

  // some background usage for a few consulting partners (internal accounts; irrelevant to rules)
  for (const s of ds.scenarios.filter((x) => ['P1001', 'P1004', 'P1013'].includes(x.id))) {
    s.usage(s.spec.domain, s.newAccount(), '2019-06', '2019-11', 850 + 100 * s.ordinal);
  }

  return ds;
}

// ---------------------------------------------------------------------------------------------
// Reference evaluation of rules.md, used only to check the scenarios' intended status.

const EXEMPT_CREDITS = new Set(
  ['MAP', 'MAP Credit', 'SPP_DISCOUNT', 'Reseller/SPP Discount', 'EAP', 'EAP Credit', 'PMP', 'PMP Credit', 'LSE', 'LSE Credit', 'RETHINK', 'ReThink Discount'].map(
    (s) => s.toLowerCase(),
  ),
);
const CATEGORY: Record<string, 'tacc' | 'bacc' | 'clf' | 'assoc' | 'pro'> = {
  TECH_ACCREDITATION: 'tacc',
  BUSINESS_ACCREDITATION: 'bacc',
  CLF: 'clf',
  SAA: 'assoc',
  DVA: 'assoc',
  SOA: 'assoc',
  SAP: 'pro',
  DOP: 'pro',
  ANS: 'pro',
  BDS: 'pro',
  DAS: 'pro',
  SCS: 'pro',
  MLS: 'pro',
  AXS: 'pro',
  DBS: 'pro',
  PAS: 'pro',
};

interface Thresholds {
  acc?: [number, number];
  clf?: number;
  tech: [number, number];
  launched: [number, number];
  revenue?: number;
  productListing?: boolean;
  businessPlan?: boolean;
  tbr?: boolean;
  validations?: number;
  refs: number;
  csat: number;
}

const THRESHOLDS: Record<PartnerType, Partial<Record<Tier, Thresholds>>> = {
  consulting: {
    select: { acc: [4, 2], clf: 2, tech: [2, 0], launched: [3, 1500], refs: 1, csat: 5 },
    advanced: { acc: [8, 4], clf: 4, tech: [6, 3], launched: [20, 10_000], businessPlan: true, refs: 2, csat: 20 },
    premier: { acc: [20, 10], clf: 10, tech: [25, 10], launched: [50, 50_000], businessPlan: true, validations: 3, refs: 6, csat: 30 },
  },
  technology: {
    select: { tech: [1, 0], launched: [3, 1500], revenue: 15_000, productListing: true, refs: 1, csat: 5 },
    advanced: { tech: [4, 2], launched: [20, 10_000], revenue: 350_000, productListing: true, businessPlan: true, tbr: true, refs: 2, csat: 20 },
  },
};

function str(c: Cell): string | null {
  if (c === null || c === undefined) return null;
  const s = String(c).trim();
  return s === '' ? null : s;
}

function bool(c: Cell): boolean {
  return ['true', 'yes', 'y', '1'].includes((str(c) ?? 'false').toLowerCase());
}

function inWindow(d: number, e: number): boolean {
  return d > addYears(e, -1) && d <= e;
}

function monthEnd(month: string): number {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return day(`${month}-${String(daysInMonth(y, m)).padStart(2, '0')}`);
}

function foldName(s: string): string {
  return s.trim().replace(/\s+/g, ' ').toLowerCase();
}

interface PartnerFacts {
  row: Cell[];
  type: PartnerType;
  tier: Tier;
  renewal: number | null;
  bp: number | null;
  ga: number;
  ebr: number | null;
  tierSince: number | null;
  certs: Cell[][];
  opps: Cell[][];
  legacy: Cell[][];
  revenue: Cell[][];
  fees: Cell[][];
  refs: Cell[][];
  csat: Cell[][];
  validations: Cell[][];
}

function factsOf(rows: Rows, partnerId: string): PartnerFacts {
  const row = rows.partners.find((r) => r[0] === partnerId);
  if (!row) throw new Error(`no partner ${partnerId}`);
  const dateOrNull = (c: Cell): number | null => (str(c) === null ? null : day(str(c) as string));
  const domains = new Set(rows.partner_domains.filter((r) => r[0] === partnerId).map((r) => String(r[1])));
  const mine = (name: ExportName, col = 0): Cell[][] => rows[name].filter((r) => r[col] === partnerId);
  return {
    row,
    type: row[2] as PartnerType,
    tier: row[3] as Tier,
    renewal: dateOrNull(row[4]),
    bp: dateOrNull(row[7]),
    ga: Number(str(row[8]) ?? 0),
    ebr: dateOrNull(row[9]),
    tierSince: dateOrNull(row[10]),
    certs: mine('certifications'),
    opps: mine('opportunities', 1),
    legacy: mine('legacy_revenue_submissions'),
    revenue: rows.domain_revenue.filter((r) => domains.has(String(r[0]))),
    fees: mine('fee_payments'),
    refs: mine('public_references'),
    csat: mine('csat_responses', 1),
    validations: mine('program_validations'),
  };
}

/** Which requirements of `tier` are met on E from evidence dated on or before `cutoff`. */
function unmetRequirements(f: PartnerFacts, tier: Exclude<Tier, 'registered'>, e: number, cutoff: number): string[] {
  const t = THRESHOLDS[f.type][tier];
  if (!t) return ['tier not offered'];
  const dated = (c: Cell): number | null => (str(c) === null ? null : day(str(c) as string));
  const unmet: string[] = [];
  // knowledge
  const people = new Map<string, Set<string>>();
  for (const r of f.certs) {
    const issued = dated(r[3]) as number;
    const expires = dated(r[4]);
    if (issued > e || issued > cutoff || (expires !== null && expires < e)) continue;
    const cat = CATEGORY[String(r[2]).toUpperCase()];
    if (!cat) continue;
    const email = String(r[1]).toLowerCase();
    let s = people.get(email);
    if (!s) people.set(email, (s = new Set()));
    s.add(cat);
  }
  let tOnly = 0;
  let bOnly = 0;
  let both = 0;
  let clf = 0;
  let tech = 0;
  let pro = 0;
  for (const s of people.values()) {
    if (s.has('tacc') && s.has('bacc')) both++;
    else if (s.has('tacc')) tOnly++;
    else if (s.has('bacc')) bOnly++;
    if (s.has('clf')) clf++;
    if (s.has('assoc') || s.has('pro')) tech++;
    if (s.has('pro')) pro++;
  }
  if (t.acc) {
    const [n, m] = t.acc;
    if (!(tOnly + bOnly + both >= n && Math.max(0, m - tOnly) + Math.max(0, m - bOnly) <= both)) unmet.push('accredited_professionals');
  }
  if (t.clf !== undefined && clf < t.clf) unmet.push('foundational_certified');
  if (tech < t.tech[0] || pro < t.tech[1]) unmet.push('technical_certified');
  // experience
  let launched = 0;
  let mrr = 0;
  for (const r of f.opps) {
    const on = dated(r[4]);
    if (r[3] !== 'launched' || on === null || on > cutoff || !inWindow(on, e)) continue;
    launched++;
    mrr += Number(str(r[5]) ?? 0);
  }
  if (e <= LEGACY_CUTOFF) {
    for (const r of f.legacy) {
      const on = dated(r[2]) as number;
      if (on <= cutoff && inWindow(on, e)) launched++;
    }
  }
  const launchedMet = launched >= t.launched[0] && mrr + 1e-9 >= t.launched[1];
  let revenue = 0;
  for (const r of f.revenue) {
    const end = monthEnd(String(r[2]));
    if (end > cutoff || !inWindow(end, e)) continue;
    if (r[3] === 'credit' && EXEMPT_CREDITS.has(String(r[4]).toLowerCase())) continue;
    revenue += Number(r[5]);
  }
  const revenueMet = t.revenue !== undefined && revenue + 1e-9 >= t.revenue;
  if (f.type === 'technology') {
    if (!launchedMet && !revenueMet) unmet.push('launched_opportunities|direct_revenue');
  } else if (!launchedMet) unmet.push('launched_opportunities');
  if (t.productListing && f.ga < 1) unmet.push('product_listing');
  if (t.businessPlan && !(f.bp !== null && f.bp <= cutoff && inWindow(f.bp, e))) unmet.push('business_plan');
  // validations
  const active = f.validations.filter((r) => {
    const v = dated(r[3]) as number;
    const x = dated(r[4]);
    return v <= e && v <= cutoff && (x === null || x >= e);
  });
  if (t.tbr && !active.some((r) => r[1] === 'technical_baseline_review')) unmet.push('technical_baseline_review');
  if (t.validations !== undefined) {
    const distinct = new Set(
      active.filter((r) => ['msp', 'competency', 'well_architected'].includes(String(r[1]))).map((r) => `${r[1]}|${(str(r[2]) ?? '').toLowerCase()}`),
    );
    const mspOrDevOps = [...distinct].some((k) => k === 'msp|' || k === 'competency|devops');
    if (distinct.size < t.validations || !mspOrDevOps) unmet.push('program_validations');
  }
  // customer success
  const customers = new Set<string>();
  for (const r of f.opps) {
    const on = dated(r[8]);
    if (r[3] === 'launched' && bool(r[7]) && on !== null && on <= cutoff && inWindow(on, e)) customers.add(foldName(String(r[2])));
  }
  for (const r of f.refs) {
    const on = r[2] === 'manual' ? dated(r[4]) : dated(r[3]);
    if (on !== null && on <= cutoff && inWindow(on, e)) customers.add(foldName(String(r[1])));
  }
  if (customers.size < t.refs) unmet.push('public_references');
  let csat = 0;
  for (const r of f.csat) {
    const on = dated(r[2]) as number;
    if (bool(r[3]) && bool(r[4]) && on <= cutoff && inWindow(on, e)) csat++;
  }
  if (csat < t.csat) unmet.push('csat_responses');
  return unmet;
}

function reviewDate(renewal: number, d: number): number {
  const a2019 = anniversaryIn(renewal, 2019);
  if (a2019 >= TRANSITION_FROM && a2019 <= TRANSITION_REVIEW && d > anniversaryIn(renewal, 2018) && d <= TRANSITION_REVIEW) {
    return TRANSITION_REVIEW;
  }
  return nextAnniversary(renewal, d);
}

export interface ReferenceStatus {
  qualified: Tier;
  projected: Tier | null;
  reviewDate: string | null;
  daysToReview: number | null;
  billingDate: string | null;
  graceEndsOn: string | null;
  fee: FeeStatus;
  flags: Flag[];
  unmet: string[];
  projectedUnmet: string[];
}

/** qualifiedTier of rules.md on E (cutoff: evidence dated after it is ignored). */
function qualifiedTier(f: PartnerFacts, e: number, cutoff: number, sustained: boolean, ebr: boolean): Tier {
  const tiers: Exclude<Tier, 'registered'>[] = f.type === 'consulting' ? ['premier', 'advanced', 'select'] : ['advanced', 'select'];
  for (const tier of tiers) {
    if (unmetRequirements(f, tier, e, cutoff).length > 0) continue;
    if (tier === 'premier' && f.tier !== 'premier' && !(sustained && ebr)) continue;
    return tier;
  }
  return 'registered';
}

/** Premier criteria met on every day of (D − 6 months, D], each from the evidence of that day. */
function sustainedPremier(f: PartnerFacts, d: number): boolean {
  for (let e = addMonths(d, -6) + 1; e <= d; e++) {
    if (unmetRequirements(f, 'premier', e, e).length > 0) return false;
  }
  return true;
}

export function referenceStatus(rows: Rows, partnerId: string, options: { backfilled: boolean }): ReferenceStatus {
  const f = factsOf(rows, partnerId);
  const premierApplicant = f.type === 'consulting' && f.tier !== 'premier';
  const sustained = premierApplicant && options.backfilled && sustainedPremier(f, D);
  const ebr = f.ebr !== null && f.ebr <= D;
  const qualified = qualifiedTier(f, D, D, sustained, ebr);
  const current = f.tier;
  const flags = new Set<Flag>();
  let projected: Tier | null = null;
  let review: number | null = null;
  let billing: number | null = null;
  let fee: FeeStatus = 'not_applicable';
  let unmet: string[] = [];
  let projectedUnmet: string[] = [];
  if (current !== 'registered') {
    if (f.renewal === null) throw new Error(`${partnerId}: no renewal date`);
    review = reviewDate(f.renewal, D);
    billing = latestAnniversary(f.renewal, D);
    projected = qualifiedTier(f, review, D, sustained, ebr);
    unmet = unmetRequirements(f, current, D, D);
    projectedUnmet = unmetRequirements(f, current, review, D);
    if (unmet.length > 0) flags.add('below_tier');
    if (projectedUnmet.length > 0 && review - D <= HORIZON_DAYS) flags.add('at_risk');
    if (f.tierSince !== null && f.tierSince > billing) fee = 'not_due';
    else {
      const paid = f.fees
        .filter((r) => r[1] === isoOf(billing as number) && day(String(r[2])) <= D)
        .reduce((a, r) => a + Number(r[3]), 0);
      fee = paid >= FEE_USD ? 'paid' : D <= billing + 90 ? 'grace' : 'overdue';
    }
    if (fee === 'grace') flags.add('fee_grace');
    if (fee === 'overdue') flags.add('fee_overdue');
  }
  if (TIER_ORDER.indexOf(qualified) > TIER_ORDER.indexOf(current)) flags.add('upgrade_eligible');
  if (current === 'advanced' && f.type === 'consulting' && sustained && unmetRequirements(f, 'premier', D, D).length === 0) {
    flags.add('upgrade_eligible');
  }
  return {
    qualified,
    projected,
    reviewDate: review === null ? null : isoOf(review),
    daysToReview: review === null ? null : review - D,
    billingDate: billing === null ? null : isoOf(billing),
    graceEndsOn: billing === null ? null : isoOf(billing + 90),
    fee,
    flags: FLAG_ORDER.filter((x) => flags.has(x)),
    unmet,
    projectedUnmet,
  };
}

/** Throws unless every scenario evaluates to its intended status. */
export function checkScenarios(ds: Dataset): Map<string, ReferenceStatus> {
  const out = new Map<string, ReferenceStatus>();
  const problems: string[] = [];
  for (const s of ds.scenarios) {
    const got = referenceStatus(ds.rows, s.id, { backfilled: false });
    out.set(s.id, got);
    const want = s.intended;
    const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);
    if (got.qualified !== want.qualified || got.projected !== want.projected || got.fee !== want.fee || !same(got.flags, want.flags)) {
      problems.push(`${s.id}: intended ${JSON.stringify(want)} got ${JSON.stringify(got)}`);
    }
    const after = referenceStatus(ds.rows, s.id, { backfilled: true });
    const wantAfter = want.afterBackfill ?? { qualified: want.qualified, flags: want.flags };
    if (after.qualified !== wantAfter.qualified || !same(after.flags, wantAfter.flags)) {
      problems.push(`${s.id} after backfill: intended ${JSON.stringify(wantAfter)} got ${JSON.stringify({ q: after.qualified, f: after.flags })}`);
    }
  }
  if (problems.length > 0) throw new Error(`scenario check failed:\n${problems.join('\n')}`);
  return out;
}

// ---------------------------------------------------------------------------------------------
// The bad set: the clean rows plus bad rows inserted at fixed places.

interface BadRow {
  file: ExportName;
  /** Line in the bad file (header = line 1), filled in when the file is assembled. */
  line: number;
  column: string;
  reason: string;
}

interface BadInsert {
  /** Insert after this many data rows of the clean file (negative: from the end). */
  after: number;
  /** The row, or raw text for a broken line. */
  row: Cell[] | { raw: string };
  column: string;
  reason: string;
}

function badInserts(rows: Rows): Partial<Record<ExportName, BadInsert[]>> {
  const find = (name: ExportName, pred: (r: Cell[]) => boolean): { index: number; row: Cell[] } => {
    const index = rows[name].findIndex(pred);
    if (index < 0) throw new Error(`bad-set anchor not found in ${name}`);
    return { index, row: rows[name][index] as Cell[] };
  };
  const p1013 = find('partners', (r) => r[0] === 'P1013');
  const cert = find('certifications', (r) => r[0] === 'P1004' && r[2] === 'SAP');
  const opp = find('opportunities', (r) => r[1] === 'P2001' && r[3] === 'launched');
  const rev = find('domain_revenue', (r) => r[0] === 'cumulus-metrics.example' && r[2] === '2019-05');
  const val = find('program_validations', (r) => r[0] === 'P1001' && r[1] === 'msp');
  const dom = find('partner_domains', (r) => r[0] === 'P1001');
  const csatDup = find('csat_responses', (r) => r[1] === 'P1013');
  return {
    partners: [
      { after: 3, row: ['P9001', 'Glacier Works Software', 'technology', 'premier', '2020-04-01', 'it@glacier-works.example', null, null, 1, null, null], column: 'current_tier', reason: 'premier is only for consulting partners' },
      { after: 12, row: ['P9002', 'Arc Canyon Consulting', 'consulting', 'select', null, 'ops@arc-canyon.example', null, null, 0, null, null], column: 'renewal_date', reason: 'missing: required unless registered' },
      { after: 20, row: ['P9003', 'Mesa Point Advisory', 'consulting', 'registered', null, 'alliance.mesa-point.example', null, null, 0, null, null], column: 'alliance_lead_email', reason: 'bad email (no @)' },
      { after: 27, row: ['P9004', 'Prism Gate Labs', 'technology', 'select', '2020-02-02', 'lead@prism-gate.example', null, null, -1, null, null], column: 'ga_product_count', reason: 'bad integer (must be ≥ 0)' },
      { after: 33, row: ['P9005', 'Wave Ridge Partners', 'consulting', 'select', '2020-02-02', 'lead@wave-ridge.example', null, '2019-02-29', 0, null, null], column: 'business_plan_signed_on', reason: 'bad date (2019-02-29 does not exist)' },
      { after: p1013.index + 9, row: ['P1013', 'Meridian Cloud Services Oy (duplicate)', 'consulting', 'advanced', '2020-03-05', 'kai.nguyen@meridian-cloud.example', null, null, 0, null, null], column: 'partner_id', reason: 'duplicate key P1013 (the first row wins)' },
    ],
    certifications: [
      { after: 5, row: ['P1001', 'erik.olsen@mueller-cloud.example', 'SAA', '2019-02-30', null], column: 'issued_on', reason: 'bad date (2019-02-30)' },
      { after: 40, row: ['P1002', 'noah.lee@smith-jones-partners.example', 'SAA-C01', '2019-03-04', '2022-03-03'], column: 'credential', reason: 'unknown credential SAA-C01 (an exam code, not a credential code)' },
      { after: 90, row: ['P1003', null, 'CLF', '2019-04-01', '2022-03-31'], column: 'person_email', reason: 'missing required value' },
      { after: 150, row: ['P9999', 'ghost.user@unknown-partner.example', 'SAP', '2019-05-05', '2022-05-04'], column: 'partner_id', reason: 'unknown partner_id P9999' },
      { after: cert.index + 1, row: cert.row.slice(), column: 'partner_id, person_email, credential, issued_on', reason: 'duplicate key (same person, credential and issue date as the row before it)' },
      { after: 220, row: ['P1007', 'lucia.abe@graniteharbor.example', 'DOP', '2019-01-15', '15/01/2022'], column: 'expires_on', reason: 'bad date (15/01/2022)' },
    ],
    opportunities: [
      { after: 10, row: ['O1001901', 'P1001', 'Albion Bank', 'won', null, '1200.00', 'partner_referred', null, null], column: 'stage', reason: 'bad enum value won' },
      { after: 60, row: ['O1002901', 'P1002', 'Calder Media', 'launched', null, '800.00', 'aws_referred', null, null], column: 'launched_on', reason: 'missing: required when stage is launched' },
      { after: 110, row: ['O1004901', 'P1004', 'Camden Foods', 'launched', '2019-06-01', '$1,200.00', 'partner_referred', null, null], column: 'estimated_mrr_usd', reason: 'bad usd ($1,200.00)' },
      { after: 150, row: ['O1007901', 'P1007', 'Eastgate Retail', 'launched', '2019-07-01', '300.00', 'aws_tagged', 'maybe', null], column: 'public_reference', reason: 'bad bool maybe' },
      { after: 200, row: ['O1008901', 'P1008', 'Foxglove Telecom', 'launched', '2019-07-15', '300.00', 'partner_referred', 'true', null], column: 'public_reference_on', reason: 'missing: required when public_reference is true' },
      { after: 240, row: ['O1009901', 'P1009', 'Goldcrest Wines', 'launched', '2019-08-01', '300.00', 'partner_referred', 'true', '2019-07-01'], column: 'public_reference_on', reason: 'before launched_on' },
      { after: 280, row: ['O1010901', 'P1010', 'Hartwell Mining', 'qualified', null, '250.00', 'marketplace', null, null], column: 'origin', reason: 'bad enum value marketplace' },
      { after: 320, row: ['O1011901', 'P1011', 'Kingsley Travel', 'launched', '2019-09-09', '-50.00', 'partner_referred', null, null], column: 'estimated_mrr_usd', reason: 'usd must be ≥ 0' },
      { after: opp.index + 1, row: opp.row.slice(), column: 'opportunity_id, partner_id', reason: `duplicate key (${String(opp.row[0])}, P2001)` },
    ],
    domain_revenue: [
      { after: 4, row: ['mueller-cloud.example', '100100000901', '2019-13', 'usage', null, '120.00'], column: 'month', reason: 'bad month 2019-13' },
      { after: 30, row: ['vantorlabs.example', '200200000901', '2019-7', 'usage', null, '120.00'], column: 'month', reason: 'bad month 2019-7' },
      { after: 60, row: ['vantorlabs.example', '200200000901', '2019-07', 'credit', null, '-120.00'], column: 'credit_type', reason: 'missing: required when charge_type is credit' },
      { after: 90, row: ['brightlake.example', '200100000901', '2019-07', 'usage', null, '1,234.00'], column: 'amount_usd', reason: 'bad usd 1,234.00' },
      { after: 100, row: ['brightlake.example', '20010000090', '2019-07', 'usage', null, '1234.00'], column: 'aws_account_id', reason: 'not 12 digits (11)' },
      { after: rev.index + 1, row: rev.row.slice(), column: 'domain, aws_account_id, month, charge_type, credit_type', reason: 'duplicate key (same row again)' },
    ],
    fee_payments: [
      { after: 3, row: ['P1004', '2019-03-10', '2019-03-25', '0'], column: 'amount_usd', reason: 'usd must be > 0' },
      { after: 20, row: ['P1013', '2019-03-05', '2019-06-31', '2500.00'], column: 'paid_on', reason: 'bad date 2019-06-31' },
      { after: 40, row: ['P9998', '2019-05-01', '2019-05-10', '2500.00'], column: 'partner_id', reason: 'unknown partner_id P9998' },
    ],
    program_validations: [
      { after: 2, row: ['P1004', 'competency', null, '2019-05-05', null], column: 'designation', reason: 'missing: required for competency' },
      { after: 8, row: ['P1014', 'partner_path', null, '2019-05-05', null], column: 'program', reason: 'bad enum value partner_path' },
      { after: val.index + 1, row: val.row.slice(), column: 'partner_id, program, designation', reason: 'duplicate key (P1001, msp, —)' },
    ],
    public_references: [
      { after: 4, row: ['P1013', 'Moorland Bakeries', 'manual', '2019-09-09', '2019-09-16', null], column: 'url', reason: 'missing: required for manual references' },
      { after: 25, row: ['P1014', 'Oakhurst Games', 'ace', '2019-09-09', null, null], column: 'source', reason: 'bad enum value ace' },
      { after: 50, row: ['P1020', 'Pembroke Textiles', 'legacy', '2019-13-01', null, null], column: 'submitted_on', reason: 'bad date 2019-13-01' },
    ],
    partner_domains: [
      { after: 7, row: ['P1013', 'mueller-cloud.example'], column: 'domain', reason: `duplicate key: mueller-cloud.example already belongs to ${String(dom.row[0])}` },
      { after: 30, row: ['P9997', 'ghost-partner.example'], column: 'partner_id', reason: 'unknown partner_id P9997' },
    ],
    csat_responses: [
      // over the limit: 14 rejected rows (more than 10 and more than 1% of the file's rows)
      ...Array.from({ length: 14 }, (_, k): BadInsert => {
        const kinds: [Cell[], string, string][] = [
          [[`R-BAD-${k + 1}`, 'P1001', '2019-06-01', 'maybe', 'true'], 'email_confirmed', 'bad bool maybe'],
          [[`R-BAD-${k + 1}`, 'P1002', '2019-11-31', 'true', 'true'], 'submitted_on', 'bad date 2019-11-31'],
          [[`R-BAD-${k + 1}`, 'P9996', '2019-06-01', 'true', 'true'], 'partner_id', 'unknown partner_id P9996'],
          [[`R-BAD-${k + 1}`, 'P1004', '2019-06-01', 'true', null], 'aws_customer_verified', 'missing required value'],
          [csatDup.row.slice(), 'response_id', `duplicate key ${String(csatDup.row[0])}`],
        ];
        const [row, column, reason] = kinds[k % kinds.length] as [Cell[], string, string];
        return { after: csatDup.index + 1 + k * 37, row, column, reason };
      }),
    ],
    legacy_revenue_submissions: [
      { after: 2, row: { raw: 'P1022,"102200000009,2019-07-01' }, column: '—', reason: 'unclosed quote: a file error, the whole file is rejected' },
    ],
  };
}

function assembleBad(name: ExportName, rows: Cell[][], inserts: readonly BadInsert[], out: BadRow[]): string {
  const sorted = inserts.map((ins, order) => ({ ins, order, at: Math.min(ins.after, rows.length) })).sort((a, b) => a.at - b.at || a.order - b.order);
  let text = csvLine(HEADERS[name]);
  let line = 1;
  let next = 0;
  const emit = (k: number): void => {
    while (next < sorted.length && (sorted[next] as { at: number }).at === k) {
      const { ins } = sorted[next] as { ins: BadInsert };
      text += 'raw' in ins.row ? `${ins.row.raw}\n` : csvLine(ins.row);
      line++;
      out.push({ file: name, line, column: ins.column, reason: ins.reason });
      next++;
    }
  };
  for (let k = 0; k < rows.length; k++) {
    emit(k);
    text += csvLine(rows[k] as Cell[]);
    line++;
  }
  emit(rows.length);
  return text;
}

// ---------------------------------------------------------------------------------------------
// README

function readme(ds: Dataset, status: Map<string, ReferenceStatus>, bad: BadRow[], counts: Record<ExportName, [number, number]>): string {
  const lines: string[] = [];
  const w = (s = ''): void => {
    lines.push(s);
  };
  w('# Sample exports');
  w();
  w('Generated by `npm run examples` (`scripts/generate-examples.ts`); do not edit by hand. The');
  w('script is deterministic and `test/generate/generate.test.ts` fails if these files drift from it.');
  w('All names, domains and people are fictional; every e-mail domain ends in `.example` (RFC 2606).');
  w();
  w('| set | purpose |');
  w('|---|---|');
  w('| `exports/` | clean: all ten files of exports.md, every row valid; 50 hand-designed partners evaluated as of **2019-11-30** |');
  w('| `bad-exports/` | the same rows plus bad rows: most files stay under the reject limit, `csat_responses.csv` goes over it, `legacy_revenue_submissions.csv` is broken |');
  w();
  w('```sh');
  w('npx tier-review run --input examples/exports --as-of 2019-11-30 --no-email');
  w('npx tier-review report --as-of 2019-11-30 --format table');
  w('```');
  w();
  w('## Rows per file');
  w();
  w('| file | clean rows | bad-set rows |');
  w('|---|---:|---:|');
  for (const name of EXPORT_FILES) {
    const [clean, badCount] = counts[name];
    w(`| ${fileName(name)} | ${clean} | ${badCount} |`);
  }
  w();
  w('## Scenarios of the clean set (as of 2019-11-30)');
  w();
  w('W(D) = (2018-11-30, 2019-11-30]. A 2019 anniversary from 2019-04-01 to 2019-12-13 moves the review');
  w('to 2019-12-13 (13 days away). The notice horizon is the default 90 days. "Projected" is the tier');
  w('met at the review date from the evidence dated on or before D. Fee payments are loaded, so no');
  w('partner is `unknown`.');
  w();
  w('| partner | name | type | tier | review (days) | billing date | fee | qualified | projected | flags | scenario |');
  w('|---|---|---|---|---|---|---|---|---|---|---|');
  for (const s of ds.scenarios) {
    const st = status.get(s.id) as ReferenceStatus;
    const review = st.reviewDate === null ? '—' : `${st.reviewDate} (${st.daysToReview})`;
    const flags = st.flags.length ? st.flags.join(', ') : '—';
    const after = s.intended.afterBackfill
      ? ` **After a backfill of 2019-05-31..2019-11-29:** qualified ${s.intended.afterBackfill.qualified}, flags ${s.intended.afterBackfill.flags.join(', ') || '—'}.`
      : '';
    const name = s.spec.name.replace(/\|/g, '\\|');
    w(
      `| ${s.id} | ${name} | ${s.spec.type} | ${s.spec.tier} | ${review} | ${st.billingDate ?? '—'} | ${st.fee} | ${st.qualified} | ${st.projected ?? '—'} | ${flags} | ${s.intended.note}.${after} |`,
    );
  }
  w();
  const byFlag = (f: Flag): string =>
    ds.scenarios
      .filter((s) => (status.get(s.id) as ReferenceStatus).flags.includes(f))
      .map((s) => s.id)
      .join(', ') || '—';
  w('Flags on a fresh database (no stored evaluations before 2019-11-30):');
  w();
  for (const f of FLAG_ORDER) w(`- \`${f}\`: ${byFlag(f)}`);
  w(`- none: ${ds.scenarios.filter((s) => (status.get(s.id) as ReferenceStatus).flags.length === 0).map((s) => s.id).join(', ')}`);
  w();
  w('`sustained_premier` needs a stored evaluation for every day of (2019-05-30, 2019-11-30]. With the');
  w('six months backfilled, P1005 and P1006 get their `upgrade_eligible` flag (P1006 then also');
  w('qualifies for premier: its EBR is done):');
  w();
  w('```sh');
  w('npx tier-review ingest --input examples/exports');
  w('npx tier-review backfill --from 2019-05-31 --to 2019-11-29');
  w('npx tier-review evaluate --as-of 2019-11-30   # re-stores D if a run already stored it');
  w('npx tier-review report --as-of 2019-11-30 --flag upgrade_eligible');
  w('```');
  w();
  w('Other things the clean set carries: names with commas, double quotes and non-ASCII letters');
  w('(RFC 4180 quoting); `yes`/`no` booleans (P2014); a lower-case competency designation (`devops`,');
  w('P1002); credit types by code (`MAP`) and by the guide\'s name (`MAP Credit`, `ReThink Discount`)');
  w('next to credits that do reduce direct revenue (`AWS Promotional Credit`, `Activate Credits`); an');
  w('unmatched billing domain (`vantorlabs-legacy.example`); closed_lost and open opportunities;');
  w('launches before the window; a certification that expired in 2018 (P1001); manual references');
  w('awaiting approval; legacy references with and without a URL.');
  w();
  w('## What is wrong in the bad set');
  w();
  w('`bad-exports/` holds every clean row unchanged, plus the rows below (line numbers of the bad file,');
  w('header = line 1). No bad row touches a partner\'s valid evidence, so the files under the limit load');
  w('to the same data as the clean set.');
  w();
  w('| file | line | column | reason |');
  w('|---|---:|---|---|');
  for (const b of bad) w(`| ${fileName(b.file)} | ${b.line} | ${b.column} | ${b.reason} |`);
  w();
  w('Expected outcome of `tier-review run --input examples/bad-exports --as-of 2019-11-30` on a fresh');
  w('database (exit code 3):');
  w();
  const perFile = new Map<ExportName, number>();
  for (const b of bad) perFile.set(b.file, (perFile.get(b.file) ?? 0) + 1);
  for (const name of EXPORT_FILES) {
    const n = perFile.get(name) ?? 0;
    const total = counts[name][1];
    if (name === 'legacy_revenue_submissions') {
      w(`- ${fileName(name)}: **file rejected** (unclosed quote on line ${bad.find((b) => b.file === name)?.line}); no legacy credits, so P1022 has 1 launched opportunity and becomes below_tier/at_risk.`);
    } else if (name === 'csat_responses') {
      w(`- ${fileName(name)}: **file rejected**: ${n} of ${total} rows rejected, more than 10 and more than 1%; with no CSAT snapshot every select-or-above partner misses csat_responses.`);
    } else if (n > 0) {
      w(`- ${fileName(name)}: loaded, ${n} of ${total} rows rejected (≤ 10 rows, so under the limit even where it is more than 1%).`);
    } else {
      w(`- ${fileName(name)}: loaded, no rejected rows.`);
    }
  }
  w();
  return `${lines.join('\n')}`;
}

// ---------------------------------------------------------------------------------------------

export interface ExamplesResult {
  files: string[];
  scenarios: number;
  badRows: number;
}

/** Writes exports/, bad-exports/ and README.md under root. */
export function writeExamples(root: string): ExamplesResult {
  const ds = buildCleanDataset();
  const status = checkScenarios(ds);
  const cleanDir = join(root, 'exports');
  const badDir = join(root, 'bad-exports');
  mkdirSync(cleanDir, { recursive: true });
  mkdirSync(badDir, { recursive: true });
  const written: string[] = [];
  const inserts = badInserts(ds.rows);
  const bad: BadRow[] = [];
  const counts = {} as Record<ExportName, [number, number]>;
  for (const name of EXPORT_FILES) {
    const rows = ds.rows[name];
    const cleanPath = join(cleanDir, fileName(name));
    writeFileSync(cleanPath, csvText(HEADERS[name], rows));
    written.push(cleanPath);
    const ins = inserts[name] ?? [];
    const badPath = join(badDir, fileName(name));
    writeFileSync(badPath, ins.length ? assembleBad(name, rows, ins, bad) : csvText(HEADERS[name], rows));
    written.push(badPath);
    counts[name] = [rows.length, rows.length + ins.length];
  }
  const readmePath = join(root, 'README.md');
  writeFileSync(readmePath, `${readme(ds, status, bad, counts)}\n`);
  written.push(readmePath);
  return { files: written, scenarios: ds.scenarios.length, badRows: bad.length };
}

export const DEFAULT_EXAMPLES_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'examples');

const invokedPath = process.argv[1];
if (invokedPath !== undefined && import.meta.url === pathToFileURL(invokedPath).href) {
  try {
    const root = process.argv[2] ?? DEFAULT_EXAMPLES_ROOT;
    const result = writeExamples(root);
    process.stderr.write(`${result.scenarios} scenarios, ${result.badRows} bad rows; wrote ${result.files.length} files under ${root}\n`);
  } catch (err) {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exitCode = 1;
  }
}
