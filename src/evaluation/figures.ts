// Every partner's evidence figures at its evaluation points, set-based: one statement per kind of
// evidence over all the points at once, grouped by (partner_id, point). No query per partner.
// What counts at a point is documented on EvaluationPoint (src/rules/points.ts); the catalogs
// (credential categories, exempt credits, programs) come from the rule set.
import { sql, type Kysely } from 'kysely';
import type { Schema } from '../db/schema.js';
import type { EvaluationPoint } from '../rules/points.js';
import type { RuleSet } from '../rules/ruleset.js';
import type { EvidenceFigures } from '../rules/types.js';
import { addDays, addMonthsClamped } from '../rules/dates.js';

export interface PointRow extends EvaluationPoint {
  partnerId: string;
}

type Db = Kysely<Schema>;

function lit(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

function fold(text: string): string {
  return text.trim().replace(/\s+/g, ' ').toLowerCase();
}

/** Loads the points into the (session-independent, unlogged) table the figure queries read. */
export async function storePoints(db: Db, points: readonly PointRow[]): Promise<void> {
  await sql`truncate evaluation_points`.execute(db);
  const batch = 20_000;
  for (let i = 0; i < points.length; i += batch) {
    const slice = points.slice(i, i + batch);
    await sql`insert into evaluation_points (partner_id, point, e, w_start, cutoff, legacy_active, rev_from, rev_to)
      select * from unnest(${slice.map((p) => p.partnerId)}::text[], ${slice.map((p) => p.point)}::text[],
        ${slice.map((p) => p.e)}::date[], ${slice.map((p) => p.windowStartExclusive)}::date[], ${slice.map((p) => p.cutoff)}::date[],
        ${slice.map((p) => p.legacyCreditsActive)}::boolean[], ${slice.map((p) => p.revenueMonthFrom)}::date[], ${slice.map((p) => p.revenueMonthTo)}::date[])`
      .execute(db);
  }
  await sql`analyze evaluation_points`.execute(db);
}

function emptyFigures(): EvidenceFigures {
  return {
    accreditation: { technicalOnly: 0, businessOnly: 0, both: 0 },
    foundational: 0,
    technical: { total: 0, professionalOrSpecialty: 0 },
    launched: { opportunities: 0, mrrUsd: 0, legacyCredits: 0, oldestLaunchedOn: null, oldestLegacySubmittedOn: null },
    directRevenue: { usd: 0, oldestMonthEnd: null },
    publicReferences: { customers: 0, oldestOn: null },
    csat: { responses: 0, oldestOn: null },
    validations: { premierEligible: 0, includesMspOrDevOps: false, technicalBaselineReview: false },
  };
}

const key = (partnerId: string, point: string) => `${point}\u0000${partnerId}`;

/** The figures at every stored point, keyed by `point NUL partnerId`. */
export async function computeFigures(db: Db, ruleSet: RuleSet): Promise<Map<string, EvidenceFigures>> {
  const figures = new Map<string, EvidenceFigures>();
  const at = (r: { partner_id: string; point: string }) => {
    const k = key(r.partner_id, r.point);
    let f = figures.get(k);
    if (!f) figures.set(k, (f = emptyFigures()));
    return f;
  };
  const categoryOf = Object.entries(ruleSet.credentials).map(([code, c]) => `(${lit(code)}, ${lit(c.category)})`).join(', ');
  const technical = ruleSet.technicalCategories.map(lit).join(', ');
  const proOrSpecialty = ruleSet.professionalOrSpecialtyCategories.map(lit).join(', ');

  // Knowledge: each individual once per requirement, at their highest level for technical.
  const knowledge = await sql.raw<{ partner_id: string; point: string; t: string; b: string; k: string; f: string; tech: string; pro: string }>(`
    with held as (
      select p.partner_id, p.point, c.person_email,
        bool_or(k.category = 'accreditation_technical') as tech_acc,
        bool_or(k.category = 'accreditation_business') as bus_acc,
        bool_or(k.category = 'foundational') as foundational,
        bool_or(k.category in (${technical})) as technical,
        bool_or(k.category in (${proOrSpecialty})) as pro
      from evaluation_points p
      join certifications c on c.partner_id = p.partner_id
      join (values ${categoryOf}) k(code, category) on k.code = c.credential
      where c.issued_on <= p.cutoff and (c.expires_on is null or c.expires_on >= p.e)
      group by 1, 2, 3)
    select partner_id, point,
      count(*) filter (where tech_acc and not bus_acc) as t,
      count(*) filter (where bus_acc and not tech_acc) as b,
      count(*) filter (where tech_acc and bus_acc) as k,
      count(*) filter (where foundational) as f,
      count(*) filter (where technical) as tech,
      count(*) filter (where pro) as pro
    from held group by 1, 2`).execute(db);
  for (const r of knowledge.rows) {
    const f = at(r);
    f.accreditation = { technicalOnly: Number(r.t), businessOnly: Number(r.b), both: Number(r.k) };
    f.foundational = Number(r.f);
    f.technical = { total: Number(r.tech), professionalOrSpecialty: Number(r.pro) };
  }

  // Launched opportunities in the window, each (opportunity, partner) once (the load's key).
  const launched = await sql.raw<{ partner_id: string; point: string; n: string; mrr: string; oldest: string | null }>(`
    select p.partner_id, p.point, count(*) as n, coalesce(sum(o.estimated_mrr_usd), 0) as mrr, min(o.launched_on) as oldest
    from evaluation_points p join opportunities o on o.partner_id = p.partner_id
    where o.stage = 'launched' and o.launched_on > p.w_start and o.launched_on <= p.cutoff
    group by 1, 2`).execute(db);
  for (const r of launched.rows) {
    const f = at(r);
    f.launched = { ...f.launched, opportunities: Number(r.n), mrrUsd: Number(r.mrr), oldestLaunchedOn: r.oldest };
  }
  const legacy = await sql.raw<{ partner_id: string; point: string; n: string; oldest: string | null }>(`
    select p.partner_id, p.point, count(*) as n, min(l.submitted_on) as oldest
    from evaluation_points p join legacy_revenue_submissions l on l.partner_id = p.partner_id
    where p.legacy_active and l.submitted_on > p.w_start and l.submitted_on <= p.cutoff
    group by 1, 2`).execute(db);
  for (const r of legacy.rows) {
    const f = at(r);
    f.launched = { ...f.launched, legacyCredits: Number(r.n), oldestLegacySubmittedOn: r.oldest };
  }

  // Direct revenue of the complete months in the window; exempt credits left out.
  const exempt = ruleSet.exemptCredits.flatMap((c) => [fold(c.code), fold(c.name)]).map(lit).join(', ');
  const revenue = await sql.raw<{ partner_id: string; point: string; usd: string; oldest: string | null }>(`
    select p.partner_id, p.point, coalesce(sum(r.amount_usd), 0) as usd, min(r.month) as oldest
    from evaluation_points p join domain_revenue r on r.partner_id = p.partner_id
    where r.month between p.rev_from and p.rev_to
      and not (r.charge_type = 'credit' and lower(regexp_replace(btrim(r.credit_type), '\\s+', ' ', 'g')) in (${exempt}))
    group by 1, 2`).execute(db);
  for (const r of revenue.rows) {
    at(r).directRevenue = { usd: Number(r.usd), oldestMonthEnd: r.oldest === null ? null : addDays(addMonthsClamped(r.oldest, 1), -1) };
  }

  // Distinct referenceable customers; a customer stops counting when its latest reference leaves.
  const references = await sql.raw<{ partner_id: string; point: string; n: string; oldest: string | null }>(`
    with refs as (
      select o.partner_id, o.customer_name as name, o.public_reference_on as on_date from opportunities o
        where o.stage = 'launched' and o.public_reference and o.public_reference_on is not null
      union all
      select r.partner_id, r.customer_name, r.approved_on from public_references r where r.source = 'manual' and r.approved_on is not null
      union all
      select r.partner_id, r.customer_name, r.submitted_on from public_references r where r.source = 'legacy'),
    customers as (
      select p.partner_id, p.point, lower(regexp_replace(btrim(refs.name), '\\s+', ' ', 'g')) as customer, max(refs.on_date) as latest
      from evaluation_points p join refs on refs.partner_id = p.partner_id
      where refs.on_date > p.w_start and refs.on_date <= p.cutoff
      group by 1, 2, 3)
    select partner_id, point, count(*) as n, min(latest) as oldest from customers group by 1, 2`).execute(db);
  for (const r of references.rows) at(r).publicReferences = { customers: Number(r.n), oldestOn: r.oldest };

  const csat = await sql.raw<{ partner_id: string; point: string; n: string; oldest: string | null }>(`
    select p.partner_id, p.point, count(*) as n, min(c.submitted_on) as oldest
    from evaluation_points p join csat_responses c on c.partner_id = p.partner_id
    where c.email_confirmed and c.aws_customer_verified and c.submitted_on > p.w_start and c.submitted_on <= p.cutoff
    group by 1, 2`).execute(db);
  for (const r of csat.rows) at(r).csat = { responses: Number(r.n), oldestOn: r.oldest };

  // Active validations: each distinct (program, designation) once.
  const pv = ruleSet.programValidations;
  const mspOrDevOps = pv.mspOrDevOps
    .map((m) => (m.designation === null ? `v.program = ${lit(m.program)}` : `(v.program = ${lit(m.program)} and v.designation = ${lit(fold(m.designation))})`))
    .join(' or ');
  const validations = await sql.raw<{ partner_id: string; point: string; n: string; msp_or_devops: boolean; tbr: boolean }>(`
    select p.partner_id, p.point,
      count(distinct (v.program, coalesce(v.designation, ''))) filter (where v.program in (${pv.programs.map(lit).join(', ')})) as n,
      coalesce(bool_or(${mspOrDevOps}), false) as msp_or_devops,
      coalesce(bool_or(v.program = ${lit(pv.technicalBaselineReview)}), false) as tbr
    from evaluation_points p join program_validations v on v.partner_id = p.partner_id
    where v.validated_on <= p.cutoff and (v.expires_on is null or v.expires_on >= p.e)
    group by 1, 2`).execute(db);
  for (const r of validations.rows) {
    at(r).validations = { premierEligible: Number(r.n), includesMspOrDevOps: r.msp_or_devops, technicalBaselineReview: r.tbr };
  }
  return figures;
}

export function figuresAt(figures: Map<string, EvidenceFigures>, partnerId: string, point: 'asOf' | 'review'): EvidenceFigures {
  return figures.get(key(partnerId, point)) ?? emptyFigures();
}
