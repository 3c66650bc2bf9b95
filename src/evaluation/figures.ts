// Every partner's evidence figures at its evaluation points, set-based: one statement aggregates
// each kind of evidence over all the points at once, grouped by (partner, day) pair (partner_id
// and pid: every grouping and join carries partner_id, so it stays within a partner's shard on a
// distributed database), and joins them into one row per pair, read through a cursor in pid order.
// No query per partner, and memory bounded by the batch size. What counts at a point is documented on EvaluationPoint
// (src/rules/points.ts); the catalogs (credential categories, exempt credits, programs) come from
// the rule set.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../db/connect.js';
import { literal } from '../db/sql-text.js';
import { foldText } from '../rules/catalog.js';
import { rowFile } from '../db/copy-rows.js';
import type { Schema } from '../db/schema.js';
import type { EvaluationPoint } from '../rules/points.js';
import type { RuleSet } from '../rules/ruleset.js';
import type { IsoDate } from '../rules/types.js';
import { toFigureRow, type FigureRecord, type FigureRow } from './figure-rows.js';
import { storedDaysSql, withoutJit } from './history.js';

export interface PointRow extends EvaluationPoint {
  /** the (partner, day) pair the point belongs to: its figures come back in pid order */
  pid: number;
  partnerId: string;
  /** D */
  day: IsoDate;
  /** B(D) on the point of D (fee payments for it are summed), else null */
  billingDate: IsoDate | null;
}

export type { FigureRow } from './figure-rows.js';

const POINT_COLUMNS = ['batch', 'pid', 'partner_id', 'day', 'point', 'e', 'w_start', 'cutoff', 'legacy_active', 'rev_from', 'rev_to', 'billing_date'] as const;

type Points = Iterable<PointRow> | AsyncIterable<PointRow>;

/** Adds the points of `batch` to the table the figures query reads, and analyzes it. */
async function appendPoints(database: Database, tmpDir: string, points: Points, batch: number): Promise<void> {
  const file = rowFile(tmpDir, 'evaluation-points', POINT_COLUMNS);
  try {
    for await (const p of points) {
      await file.write([batch, p.pid, p.partnerId, p.day, p.point, p.e, p.windowStartExclusive, p.cutoff, p.legacyCreditsActive, p.revenueMonthFrom, p.revenueMonthTo, p.billingDate]);
    }
  } catch (error) {
    file.discard();
    throw error;
  }
  await file.copyInto(database, 'evaluation_points');
  await sql`analyze evaluation_points`.execute(database.db);
}


/**
 * SQL folding a name as foldText does (trimmed, inner white space one space, lower case, final
 * sigma as σ). White space is JavaScript's \\s: PostgreSQL's [[:space:]] leaves out the no-break
 * spaces and a few others, listed here.
 */
function folded(column: string): string {
  return `replace(lower(btrim(regexp_replace(${column}, '[[:space:]\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff]+', ' ', 'g'))), 'ς', 'σ')`;
}


/** Both points' figures of one kind, named d_… (on D) and r_… (at the review date). */
const both = (columns: string) => columns.split(',').flatMap((c) => [`d_${c.trim()}`, `r_${c.trim()}`]).join(', ');

/**
 * The widest dates any stored point reads: repeated as constants in the query, they let each table
 * be filtered as it is read (and a partner_id index be used) before it is joined to the points.
 */
export interface PointBounds {
  /** the earliest window start (exclusive) */
  windowStart: IsoDate;
  /** the latest cutoff */
  cutoff: IsoDate;
  /** the earliest evaluation date (held items must not have expired before it) */
  heldOn: IsoDate;
  revenueFrom: IsoDate;
  revenueTo: IsoDate;
  /** the lowest and highest partner id */
  partnerFrom: string;
  partnerTo: string;
}

/**
 * The one statement: a row per (partner, day) pair, in pid order, holding the figures of both its
 * points. Each kind of evidence is joined once to the pair's two points (R ≥ D, so what counts
 * at R is a subset of the rows read for D) and aggregated with FILTER for each point, grouped by
 * pid. `bounds` only repeats, as constants, conditions the points already impose. The stored
 * history is read by partner: it is for points of one day (pass an empty range otherwise).
 */
export function figuresQuery(ruleSet: RuleSet, history: { from: IsoDate; to: IsoDate }, bounds: PointBounds, batch = 0): string {
  const lo = `${literal(bounds.windowStart)}::date`;
  const hi = `${literal(bounds.cutoff)}::date`;
  const heldOn = `${literal(bounds.heldOn)}::date`;
  // the batch's partners are a range of partner ids (a part of the roster): rows of others are dropped as they are read
  const mine = (alias: string) => `${alias}.partner_id between ${literal(bounds.partnerFrom)} and ${literal(bounds.partnerTo)}`;
  const dated = (column: string) => `${column} > ${lo} and ${column} <= ${hi} and ${mine(column.split('.')[0]!)}`;
  const held = (alias: string, start: string) => `${alias}.${start} <= ${hi} and (${alias}.expires_on is null or ${alias}.expires_on >= ${heldOn}) and ${mine(alias)}`;
  const categoryOf = Object.entries(ruleSet.credentials).map(([code, c]) => `(${literal(code)}, ${literal(c.category)})`).join(', ');
  const technical = ruleSet.technicalCategories.map(literal).join(', ');
  const proOrSpecialty = ruleSet.professionalOrSpecialtyCategories.map(literal).join(', ');
  const exempt = ruleSet.exemptCredits.flatMap((c) => [foldText(c.code), foldText(c.name)]).map(literal).join(', ');
  const pv = ruleSet.programValidations;
  const mspOrDevOps = pv.mspOrDevOps
    .map((m) => (m.designation === null ? `v.program = ${literal(m.program)}` : `(v.program = ${literal(m.program)} and v.designation = ${literal(m.designation.trim().toLowerCase())})`))
    .join(' or ');
  const premierPrograms = `v.program in (${pv.programs.map(literal).join(', ')})`;
  const heldAtR = '(pp.r_e is not null and (c.expires_on is null or c.expires_on >= pp.r_e))';
  const validAtR = '(pp.r_e is not null and (v.expires_on is null or v.expires_on >= pp.r_e))';
  const historyPart = history.from <= history.to
    ? storedDaysSql(history.from, history.to, `${mine('s')} and s.partner_id in (select partner_id from evaluation_points where batch = ${batch} and point = 'asOf')`)
    : `select null::text as partner_id, 0::bigint as stored_days, 0::bigint as stored_met where false`;
  const category = (test: string, atR: boolean) => `bool_or(${test}${atR ? ` and ${heldAtR}` : ''})`;
  const knowledgeFlags = (prefix: 'd' | 'r') => {
    const atR = prefix === 'r';
    return `${category(`k.category = 'accreditation_technical'`, atR)} as ${prefix}_ta,
        ${category(`k.category = 'accreditation_business'`, atR)} as ${prefix}_ba,
        ${category(`k.category = 'foundational'`, atR)} as ${prefix}_f,
        ${category(`k.category in (${technical})`, atR)} as ${prefix}_t,
        ${category(`k.category in (${proOrSpecialty})`, atR)} as ${prefix}_p`;
  };
  const knowledgeCounts = (x: 'd' | 'r') => `count(*) filter (where ${x}_ta and not ${x}_ba) as ${x}_acc_t,
        count(*) filter (where ${x}_ba and not ${x}_ta) as ${x}_acc_b,
        count(*) filter (where ${x}_ta and ${x}_ba) as ${x}_acc_k,
        count(*) filter (where ${x}_f) as ${x}_foundational,
        count(*) filter (where ${x}_t) as ${x}_technical,
        count(*) filter (where ${x}_p) as ${x}_pro`;
  return `
    with
    -- each pair's two points side by side: D (d_…) and the review date (r_…, null without one)
    pp as (
      select d.pid, d.partner_id, d.day, d.cutoff, d.billing_date,
        d.e as d_e, d.w_start as d_w, d.legacy_active as d_legacy, d.rev_from as d_rev_from, d.rev_to as d_rev_to,
        r.e as r_e, r.w_start as r_w, r.legacy_active as r_legacy, r.rev_from as r_rev_from, r.rev_to as r_rev_to
      from evaluation_points d left join evaluation_points r on r.batch = ${batch} and r.partner_id = d.partner_id and r.pid = d.pid and r.point = 'review'
      where d.batch = ${batch} and d.point = 'asOf'),
    -- Knowledge: each individual once per requirement, at their highest level for technical.
    held as (
      select pp.partner_id, pp.pid, c.person_email, ${knowledgeFlags('d')}, ${knowledgeFlags('r')}
      from pp
      join certifications c on c.partner_id = pp.partner_id
      join (values ${categoryOf}) k(code, category) on k.code = c.credential
      where ${held('c', 'issued_on')} and c.issued_on <= pp.cutoff and (c.expires_on is null or c.expires_on >= pp.d_e)
      group by 1, 2, 3),
    knowledge as (select partner_id, pid, ${knowledgeCounts('d')}, ${knowledgeCounts('r')} from held group by 1, 2),
    -- Launched opportunities in the window, each (opportunity, partner) once (the load's key).
    launched as (
      select pp.partner_id, pp.pid,
        count(*) as d_opp_n, coalesce(sum(o.estimated_mrr_usd), 0) as d_opp_mrr, min(o.launched_on) as d_opp_oldest,
        count(*) filter (where o.launched_on > pp.r_w) as r_opp_n,
        coalesce(sum(o.estimated_mrr_usd) filter (where o.launched_on > pp.r_w), 0) as r_opp_mrr,
        min(o.launched_on) filter (where o.launched_on > pp.r_w) as r_opp_oldest
      from pp join opportunities o on o.partner_id = pp.partner_id
      where o.stage = 'launched' and ${dated('o.launched_on')} and o.launched_on > pp.d_w and o.launched_on <= pp.cutoff
      group by 1, 2),
    legacy as (
      select pp.partner_id, pp.pid,
        count(*) filter (where pp.d_legacy) as d_legacy_n, min(l.submitted_on) filter (where pp.d_legacy) as d_legacy_oldest,
        count(*) filter (where pp.r_legacy and l.submitted_on > pp.r_w) as r_legacy_n,
        min(l.submitted_on) filter (where pp.r_legacy and l.submitted_on > pp.r_w) as r_legacy_oldest
      from pp join legacy_revenue_submissions l on l.partner_id = pp.partner_id
      where ${dated('l.submitted_on')} and l.submitted_on > pp.d_w and l.submitted_on <= pp.cutoff
      group by 1, 2),
    -- Direct revenue of the complete months in the window; exempt credits left out.
    revenue as (
      select pp.partner_id, pp.pid,
        coalesce(sum(r.amount_usd), 0) as d_rev_usd, min(r.month) as d_rev_oldest,
        coalesce(sum(r.amount_usd) filter (where r.month between pp.r_rev_from and pp.r_rev_to), 0) as r_rev_usd,
        min(r.month) filter (where r.month between pp.r_rev_from and pp.r_rev_to) as r_rev_oldest
      from pp join domain_revenue r on r.partner_id = pp.partner_id
      where r.month between ${literal(bounds.revenueFrom)}::date and ${literal(bounds.revenueTo)}::date and ${mine('r')} and r.month between pp.d_rev_from and pp.d_rev_to
        and not (r.charge_type = 'credit' and ${folded('r.credit_type')} in (${exempt}))
      group by 1, 2),
    -- Distinct referenceable customers; a customer stops counting when its latest reference leaves.
    -- Each name is folded once per reference, before the references are joined to the points.
    ref_items as (
      select o.partner_id, ${folded('o.customer_name')} as customer, o.public_reference_on as on_date
        from opportunities o
        where o.stage = 'launched' and o.public_reference and ${dated('o.public_reference_on')}
      union all
      select r.partner_id, ${folded('r.customer_name')}, r.approved_on
        from public_references r where r.source = 'manual' and ${dated('r.approved_on')}
      union all
      select r.partner_id, ${folded('r.customer_name')}, r.submitted_on
        from public_references r where r.source = 'legacy' and ${dated('r.submitted_on')}),
    customers as (
      select pp.partner_id, pp.pid, i.customer, max(i.on_date) as d_latest, max(i.on_date) filter (where i.on_date > pp.r_w) as r_latest
      from pp join ref_items i on i.partner_id = pp.partner_id
      where i.on_date > pp.d_w and i.on_date <= pp.cutoff
      group by 1, 2, 3),
    references_ as (
      select partner_id, pid, count(*) as d_ref_n, min(d_latest) as d_ref_oldest, count(r_latest) as r_ref_n, min(r_latest) as r_ref_oldest
      from customers group by 1, 2),
    csat as (
      select pp.partner_id, pp.pid, count(*) as d_csat_n, min(c.submitted_on) as d_csat_oldest,
        count(*) filter (where c.submitted_on > pp.r_w) as r_csat_n, min(c.submitted_on) filter (where c.submitted_on > pp.r_w) as r_csat_oldest
      from pp join csat_responses c on c.partner_id = pp.partner_id
      where c.email_confirmed and c.aws_customer_verified and ${dated('c.submitted_on')} and c.submitted_on > pp.d_w and c.submitted_on <= pp.cutoff
      group by 1, 2),
    -- Active validations: each distinct (program, designation) once.
    validations as (
      select pp.partner_id, pp.pid,
        count(distinct (v.program, coalesce(v.designation, ''))) filter (where ${premierPrograms}) as d_val_n,
        coalesce(bool_or(${mspOrDevOps}), false) as d_val_msp_or_devops,
        coalesce(bool_or(v.program = ${literal(pv.technicalBaselineReview)}), false) as d_val_tbr,
        count(distinct (v.program, coalesce(v.designation, ''))) filter (where ${premierPrograms} and ${validAtR}) as r_val_n,
        coalesce(bool_or((${mspOrDevOps}) and ${validAtR}), false) as r_val_msp_or_devops,
        coalesce(bool_or(v.program = ${literal(pv.technicalBaselineReview)} and ${validAtR}), false) as r_val_tbr
      from pp join program_validations v on v.partner_id = pp.partner_id
      where ${held('v', 'validated_on')} and v.validated_on <= pp.cutoff and (v.expires_on is null or v.expires_on >= pp.d_e)
      group by 1, 2),
    -- Fee payments made by D for the membership year starting on B(D).
    fees as (
      select pp.partner_id, pp.pid, sum(f.amount_usd) as fee_paid
      from pp join fee_payments f on f.partner_id = pp.partner_id and f.membership_year_start = pp.billing_date
      where f.paid_on <= ${hi} and ${mine('f')} and f.paid_on <= pp.cutoff
      group by 1, 2),
    history as (${historyPart})
    select pp.partner_id, pp.day, pp.r_e is not null as has_review,
      ${both('acc_t, acc_b, acc_k, foundational, technical, pro')},
      ${both('opp_n, opp_mrr, opp_oldest, legacy_n, legacy_oldest, rev_usd, rev_oldest, ref_n, ref_oldest, csat_n, csat_oldest')},
      ${both('val_n, val_msp_or_devops, val_tbr')},
      fee.fee_paid, h.stored_days, h.stored_met
    from pp
    left join knowledge k on k.partner_id = pp.partner_id and k.pid = pp.pid
    left join launched o on o.partner_id = pp.partner_id and o.pid = pp.pid
    left join legacy l on l.partner_id = pp.partner_id and l.pid = pp.pid
    left join revenue r on r.partner_id = pp.partner_id and r.pid = pp.pid
    left join references_ f on f.partner_id = pp.partner_id and f.pid = pp.pid
    left join csat c on c.partner_id = pp.partner_id and c.pid = pp.pid
    left join validations v on v.partner_id = pp.partner_id and v.pid = pp.pid
    left join fees fee on fee.partner_id = pp.partner_id and fee.pid = pp.pid
    left join history h on h.partner_id = pp.partner_id
    order by pp.pid`;
}

/**
 * The widest dates of the stored points (null when there are none), how many partners they are
 * for, and how many partners of the roster lie in their range of partner ids.
 */
async function pointBounds(trx: Transaction<Schema>, batch: number): Promise<{ bounds: PointBounds; partners: number; roster: number } | null> {
  const { rows } = await sql<{ w: IsoDate | null; cutoff: IsoDate; e: IsoDate; rev_from: IsoDate; rev_to: IsoDate; lo: string; hi: string; partners: string; roster: string }>`
    with b as (
      select min(w_start) as w, max(cutoff) as cutoff, min(e) as e, min(rev_from) as rev_from, max(rev_to) as rev_to,
        min(partner_id) as lo, max(partner_id) as hi, count(distinct partner_id) as partners
      from evaluation_points where batch = ${batch})
    select b.*, (select count(*) from partners p where p.partner_id between b.lo and b.hi) as roster from b`.execute(trx);
  const r = rows[0];
  if (r === undefined || r.w === null) return null;
  return {
    bounds: { windowStart: r.w, cutoff: r.cutoff, heldOn: r.e, revenueFrom: r.rev_from, revenueTo: r.rev_to, partnerFrom: r.lo, partnerTo: r.hi },
    partners: Number(r.partners), roster: Number(r.roster),
  };
}

/**
 * For a few partners scattered over the roster (a backfill's day) each partner's evidence is best
 * looked up through the partner_id indexes, which the default random_page_cost (made for disks)
 * prices above scanning whole tables; the tables are read often enough to stay cached. For a run
 * of the roster (a part of one day's evaluation, however small), reading its blocks and hashing
 * is cheaper, and nested loops are left out: the planner guesses 200 rows for each aggregate it
 * joins (it has no statistics for them), and for a part of 5,000 partners it joined them in
 * nested loops, each rescanning thousands of rows 5,000 times (three times slower).
 */
async function planFor(trx: Transaction<Schema>, partners: number, rosterInRange: number): Promise<void> {
  await withoutJit(trx);
  if (partners * 10 <= rosterInRange) await sql`set local random_page_cost = 1.1`.execute(trx);
  else await sql`set local enable_nestloop = off`.execute(trx);
}

/**
 * Reads the figures of the stored points of `batch` in pid order, `pageSize` rows at a time,
 * through a cursor held in one transaction. The query runs before `ready` is awaited, so it may
 * overlap the handling of an earlier batch. `onRows` must not query the database (on PGlite the
 * transaction holds the only connection).
 */
async function readFigures(
  db: Kysely<Schema>, ruleSet: RuleSet, history: { from: IsoDate; to: IsoDate }, batch: number,
  ready: Promise<unknown>, onRows: (rows: FigureRow[]) => Promise<void>, pageSize = 5_000,
): Promise<void> {
  await db.transaction().execute(async (trx: Transaction<Schema>) => {
    const points = await pointBounds(trx, batch);
    if (points === null) {
      await ready;
      return;
    }
    await planFor(trx, points.partners, points.roster);
    await sql.raw(`declare figures_cursor no scroll cursor for ${figuresQuery(ruleSet, history, points.bounds, batch)}`).execute(trx);
    // one row computes the whole result; a batch waiting for `ready` holds no more than that
    let page = await sql.raw<FigureRecord>(`fetch forward 1 from figures_cursor`).execute(trx);
    await ready;
    while (page.rows.length > 0) {
      await onRows(page.rows.map(toFigureRow));
      page = await sql.raw<FigureRecord>(`fetch forward ${pageSize} from figures_cursor`).execute(trx);
    }
    await sql.raw('close figures_cursor').execute(trx);
  });
}

export interface PointBatch {
  /** the points of the batch's pairs, pids unique across batches */
  points: Points;
  /** the stored history the query reads (an empty range: none) */
  history: { from: IsoDate; to: IsoDate };
}

/**
 * `promise`, whose failure is reported where it is awaited: a step may fail while the caller
 * awaits another one (below: one batch while the loop awaits another), which would otherwise be
 * an unhandled rejection (fatal to the process).
 */
export function awaitedLater<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => {});
  return promise;
}

/**
 * The figures of several batches of points, handed to `onRows` batch after batch, each in pid
 * order. On a server, the next `ahead` batches are stored and their queries computed while the
 * rows of a batch are handled, so the job's own work and the server's overlap on two cores (2
 * when the server's part is the larger); on PGlite (one connection) the steps simply run one
 * after the other. Uses up to ahead + 2 connections.
 */
export async function figuresInBatches(
  database: Database, ruleSet: RuleSet, tmpDir: string, batches: readonly PointBatch[],
  onRows: (rows: FigureRow[], batch: number) => Promise<void>, ahead = 1,
): Promise<void> {
  await sql`truncate evaluation_points`.execute(database.db);
  // PGlite has one connection: the next batch waits for the whole of the previous one
  const depth = database.kind === 'pglite' ? 0 : ahead;
  const runs: Array<Promise<void>> = [];
  let stored = batches.length > 0 ? awaitedLater(appendPoints(database, tmpDir, batches[0]!.points, 0)) : Promise.resolve();
  try {
    for (let k = 0; k < batches.length; k++) {
      await stored;
      runs.push(awaitedLater(readFigures(database.db, ruleSet, batches[k]!.history, k, runs[k - 1] ?? Promise.resolve(), (rows) => onRows(rows, k))));
      // earlier batches are handled while this one's query runs; then the next one is stored
      if (k >= depth) await runs[k - depth];
      stored = k + 1 < batches.length ? awaitedLater(appendPoints(database, tmpDir, batches[k + 1]!.points, k + 1)) : Promise.resolve();
    }
    await runs.at(-1);
  } finally {
    // a failed batch fails the ones after it (they wait for it): none is left running
    await Promise.allSettled([...runs, stored]);
  }
}
