// Evaluating one day D for every partner on the roster: facts and figures from set-based SQL, the
// rules in pure TypeScript, the result stored in the range history. Partners are taken in chunks
// so memory stays bounded whatever the roster's size.
import { sql, type Kysely } from 'kysely';
import type { Schema } from '../db/schema.js';
import { evaluatePartner, premierCriteriaMet } from '../rules/evaluate.js';
import { evaluationPoints, sustainedHistoryRange } from '../rules/points.js';
import type { RuleSet } from '../rules/ruleset.js';
import type { FeePaymentsByYear, IsoDate, PartnerEvaluation, PartnerFacts, PartnerType, Tier } from '../rules/types.js';
import { computeFigures, figuresAt, storePoints, type PointRow } from './figures.js';
import { commitDay, premierHistory, stageDay, type DayRow } from './history.js';
import { toStored } from './stored-form.js';

export interface EvaluateOptions {
  ruleSet: RuleSet;
  horizonDays: number;
  runId: string | null;
  chunkSize?: number;
  /** called with each chunk's evaluations (the run's report and notices read them) */
  onEvaluated?: (evaluations: readonly PartnerEvaluation[]) => void | Promise<void>;
}

type Db = Kysely<Schema>;

export async function loadRoster(db: Db): Promise<PartnerFacts[]> {
  const rows = await db.selectFrom('partners').selectAll().orderBy('partner_id').execute();
  return rows.map((r) => ({
    partnerId: r.partner_id,
    partnerName: r.partner_name,
    partnerType: r.partner_type as PartnerType,
    currentTier: r.current_tier as Tier,
    renewalDate: r.renewal_date,
    allianceLeadEmail: r.alliance_lead_email,
    partnerManagerEmail: r.partner_manager_email,
    businessPlanSignedOn: r.business_plan_signed_on,
    gaProductCount: r.ga_product_count,
    ebrCompletedOn: r.ebr_completed_on,
    tierSince: r.tier_since,
  }));
}

async function hasSnapshot(db: Db, dataset: string): Promise<boolean> {
  return (await db.selectFrom('datasets').select('dataset').where('dataset', '=', dataset).executeTakeFirst()) !== undefined;
}

/** Fee payments made by D, per partner and membership year, for the partners of the points table. */
async function feePayments(db: Db, day: IsoDate): Promise<Map<string, FeePaymentsByYear>> {
  const rows = await sql<{ partner_id: string; year: string; usd: string }>`
    select f.partner_id, f.membership_year_start as year, sum(f.amount_usd) as usd from fee_payments f
    where f.paid_on <= ${day}::date and f.partner_id in (select partner_id from evaluation_points where point = 'asOf')
    group by 1, 2`.execute(db);
  const byPartner = new Map<string, FeePaymentsByYear>();
  for (const r of rows.rows) {
    const years = byPartner.get(r.partner_id) ?? {};
    years[r.year] = Number(r.usd);
    byPartner.set(r.partner_id, years);
  }
  return byPartner;
}

/** Evaluates D for the roster (or the given part of it), without storing it. */
export async function evaluateRoster(
  db: Db, day: IsoDate, options: EvaluateOptions, onChunk: (rows: DayRow[], evaluations: PartnerEvaluation[]) => Promise<void>,
  roster?: readonly PartnerFacts[],
): Promise<number> {
  const { ruleSet } = options;
  roster ??= await loadRoster(db);
  const feesKnown = await hasSnapshot(db, 'fee_payments');
  const sustainedRange = sustainedHistoryRange(day, ruleSet);
  const chunkSize = options.chunkSize ?? 20_000;
  for (let i = 0; i < roster.length; i += chunkSize) {
    const chunk = roster.slice(i, i + chunkSize);
    const points: PointRow[] = chunk.flatMap((facts) => evaluationPoints(facts, day, ruleSet).map((p) => ({ ...p, partnerId: facts.partnerId })));
    await storePoints(db, points);
    const figures = await computeFigures(db, ruleSet);
    const fees = feesKnown ? await feePayments(db, day) : null;
    const history = await premierHistory(db, sustainedRange.from, sustainedRange.to, true);
    const reviewed = new Set(points.filter((p) => p.point === 'review').map((p) => p.partnerId));
    const rows: DayRow[] = [];
    const evaluations: PartnerEvaluation[] = [];
    for (const facts of chunk) {
      const stored = history.get(facts.partnerId) ?? { covered: 0, met: 0 };
      const evaluation = evaluatePartner({
        facts,
        asOf: day,
        onD: figuresAt(figures, facts.partnerId, 'asOf'),
        atReview: reviewed.has(facts.partnerId) ? figuresAt(figures, facts.partnerId, 'review') : null,
        feePayments: fees === null ? null : (fees.get(facts.partnerId) ?? {}),
        sustained: { missingDays: Math.max(0, sustainedRange.days - stored.covered), allStoredDaysMet: stored.met === stored.covered },
        horizonDays: options.horizonDays,
      }, ruleSet);
      rows.push({ partnerId: facts.partnerId, evaluation: toStored(evaluation), premierMet: facts.partnerType === 'consulting' && premierCriteriaMet(evaluation.requirements, ruleSet) });
      evaluations.push(evaluation);
    }
    await onChunk(rows, evaluations);
  }
  return roster.length;
}

/** Evaluates D and stores it, replacing any earlier evaluation of D. */
export async function evaluateAndStoreDay(db: Db, day: IsoDate, options: EvaluateOptions): Promise<number> {
  let first = true;
  const count = await evaluateRoster(db, day, options, async (rows, evaluations) => {
    await stageDay(db, rows, first);
    first = false;
    await options.onEvaluated?.(evaluations);
  });
  if (first) await stageDay(db, [], true);
  await db.transaction().execute((trx) => commitDay(trx, day, options.runId));
  return count;
}
