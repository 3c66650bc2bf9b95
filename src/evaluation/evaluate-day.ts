// Evaluating one day D for every partner on the roster: evaluation points from the rules, figures
// from one set-based query read through a cursor, the rules in pure TypeScript, the inputs stored
// in the range history. Memory is bounded by the cursor's batch, not by the roster's size.
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/connect.js';
import { rowFile } from '../db/copy-rows.js';
import type { Schema } from '../db/schema.js';
import { snapshotOf } from '../exports/snapshots.js';
import { premierCriteriaMet } from '../rules/evaluate.js';
import { evaluationPoints, partnerBillingDate, sustainedHistoryRange } from '../rules/points.js';
import type { IsoDate, PartnerEvaluation, PartnerFacts, PartnerType, Tier } from '../rules/types.js';
import { storePoints, streamFigures, type PointRow } from './figures.js';
import { commitDay } from './history.js';
import { evaluateState, type EvaluationSettings, type StoredState } from './stored-form.js';

export interface EvaluateOptions extends EvaluationSettings {
  runId: string | null;
  /** where temporary files of the evaluation are written */
  tmpDir: string;
  /** called with each partner's evaluation (the run's summary and notices read them) */
  onEvaluated?: (evaluation: PartnerEvaluation) => void;
}

export interface EvaluatedPartner {
  state: StoredState;
  evaluation: PartnerEvaluation;
  premierMet: boolean;
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


function* pointsOf(roster: readonly PartnerFacts[], day: IsoDate, options: EvaluateOptions): Generator<PointRow> {
  for (const facts of roster) {
    for (const p of evaluationPoints(facts, day, options.ruleSet)) {
      yield { ...p, partnerId: facts.partnerId, billingDate: p.point === 'asOf' ? partnerBillingDate(facts, day) : null };
    }
  }
}

/**
 * Evaluates D for the roster (or the given part of it), handing each partner to `sink` in partner
 * order. `sink` must not query the database (the figures cursor holds the connection).
 */
export async function evaluateRoster(
  database: Database, day: IsoDate, options: EvaluateOptions, sink: (partner: EvaluatedPartner) => Promise<void>,
  roster?: readonly PartnerFacts[],
): Promise<number> {
  const { db } = database;
  const { ruleSet } = options;
  roster ??= await loadRoster(db);
  const byId = new Map(roster.map((facts) => [facts.partnerId, facts]));
  const feesKnown = (await snapshotOf(db, 'fee_payments')) !== null;
  const period = sustainedHistoryRange(day, ruleSet);
  await storePoints(database, options.tmpDir, pointsOf(roster, day, options));

  await streamFigures(db, ruleSet, period, async (batch) => {
    for (const row of batch) {
      const facts = byId.get(row.partnerId)!;
      const state: StoredState = {
        facts,
        onD: row.onD,
        atReview: row.atReview,
        feePayments: !feesKnown ? null : row.feePaidUsd > 0 ? { [partnerBillingDate(facts, day)!]: row.feePaidUsd } : {},
      };
      const evaluation = evaluateState(state, day, row, period.days, options);
      const premierMet = facts.partnerType === 'consulting' && premierCriteriaMet(evaluation.requirements, ruleSet);
      options.onEvaluated?.(evaluation);
      await sink({ state, evaluation, premierMet });
    }
  });
  return roster.length;
}

export const DAY_COLUMNS = ['partner_id', 'state', 'premier_met'] as const;

/** Evaluates the roster (or part of it) on D into evaluation_day, ready for commitDay. */
export async function stageEvaluation(database: Database, day: IsoDate, options: EvaluateOptions, roster?: readonly PartnerFacts[]): Promise<number> {
  await sql`truncate evaluation_day`.execute(database.db);
  const file = rowFile(options.tmpDir, 'evaluation-day', DAY_COLUMNS);
  let count: number;
  try {
    count = await evaluateRoster(database, day, options, (p) => file.write([p.state.facts.partnerId, p.state, p.premierMet]), roster);
  } catch (error) {
    file.discard();
    throw error;
  }
  await file.copyInto(database, 'evaluation_day');
  return count;
}

/** Evaluates D and stores it, replacing any earlier evaluation of D. */
export async function evaluateAndStoreDay(database: Database, day: IsoDate, options: EvaluateOptions): Promise<number> {
  const count = await stageEvaluation(database, day, options);
  await database.db.transaction().execute((trx) => commitDay(trx, day, options.runId));
  return count;
}
