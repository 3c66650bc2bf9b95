// Evaluating one day D for every partner on the roster: evaluation points from the rules, figures
// from one set-based query read through a cursor, the rules in pure TypeScript, the inputs stored
// in the range history. Memory is bounded by the cursor's batch, not by the roster's size.
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/connect.js';
import { rowFile } from '../db/copy-rows.js';
import type { Schema } from '../db/schema.js';
import { snapshotOf } from '../exports/snapshots.js';
import { evaluationPoints, partnerBillingDate, sustainedHistoryRange } from '../rules/points.js';
import type { RuleSet } from '../rules/ruleset.js';
import type { IsoDate, PartnerEvaluation, PartnerFacts, PartnerType, Tier } from '../rules/types.js';
import { awaitedLater, figuresInBatches, type FigureRow, type PointBatch, type PointRow } from './figures.js';
import { commitDay } from './history.js';
import type { NoticeQueue } from '../notices/outbox.js';
import { encodeState, evaluateState, premierMetBy, type EvaluationSettings, type StoredState } from './stored-form.js';

export interface EvaluateOptions extends EvaluationSettings {
  runId: string | null;
  /** where temporary files of the evaluation are written */
  tmpDir: string;
  /** called with each partner's evaluation (the run's summary reads them) */
  onEvaluated?: (evaluation: PartnerEvaluation) => void;
  /** the notices of D, queued with its evaluation (the nightly run only) */
  notices?: NoticeQueue;
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


/** The points of a (partner, day) pair, numbered `pid`. */
export function pairPoints(facts: PartnerFacts, day: IsoDate, pid: number, ruleSet: RuleSet): PointRow[] {
  return evaluationPoints(facts, day, ruleSet).map((p) => ({
    ...p, pid, partnerId: facts.partnerId, day, billingDate: p.point === 'asOf' ? partnerBillingDate(facts, day) : null,
  }));
}

/**
 * Partners per figures query: the roster is read in parts so that the job evaluates one part
 * while the server computes the next (figuresInBatches). The first parts are small, so that the job
 * starts early, and so are the last, so that little is left to evaluate once the server is done.
 */
const PARTNERS_PER_QUERY = 25_000;
const FIRST_PARTS = [5_000];
const LAST_PARTS = [10_000, 5_000];

/** The sizes of the parts `total` partners are read in. */
export function rosterParts(total: number): number[] {
  const sum = (sizes: readonly number[]) => sizes.reduce((a, b) => a + b, 0);
  const middle = Math.max(0, total - sum(FIRST_PARTS) - sum(LAST_PARTS));
  const count = Math.ceil(middle / PARTNERS_PER_QUERY);
  const middleParts = Array.from({ length: count }, (_, i) => Math.floor(middle / count) + (i < middle % count ? 1 : 0));
  const parts: number[] = [];
  let left = total;
  for (const size of [...FIRST_PARTS, ...middleParts, ...LAST_PARTS]) {
    if (left <= 0) break;
    parts.push(Math.min(size, left));
    left -= size;
  }
  return parts;
}

function* pointsOf(roster: readonly PartnerFacts[], firstPid: number, day: IsoDate, options: EvaluateOptions): Generator<PointRow> {
  let pid = firstPid;
  for (const facts of roster) yield* pairPoints(facts, day, pid++, options.ruleSet);
}

/** What is stored of a partner's evaluation of the figures row's day. */
export function storedStateOf(facts: PartnerFacts, row: FigureRow, feesKnown: boolean): StoredState {
  return {
    facts,
    onD: row.onD,
    atReview: row.atReview,
    feePayments: !feesKnown ? null : row.feePaidUsd > 0 ? { [partnerBillingDate(facts, row.day)!]: row.feePaidUsd } : {},
  };
}

/** Whether a fee_payments snapshot was ever loaded (else the fee status is unknown). */
export async function feesKnown(db: Db): Promise<boolean> {
  return (await snapshotOf(db, 'fee_payments')) !== null;
}

/**
 * Evaluates D for the roster, handing each partner to `sink` in partner order, with the number of
 * the part of the roster it was read in. `sink` must not wait on the database (the figures cursor
 * holds the connection).
 */
export async function evaluateRoster(
  database: Database, day: IsoDate, options: EvaluateOptions, sink: (partner: EvaluatedPartner, part: number) => Promise<void>,
): Promise<number> {
  const { db } = database;
  const { ruleSet } = options;
  const roster = await loadRoster(db);
  const byId = new Map(roster.map((facts) => [facts.partnerId, facts]));
  const fees = await feesKnown(db);
  const period = sustainedHistoryRange(day, ruleSet);
  const batches: PointBatch[] = [];
  let start = 0;
  for (const size of rosterParts(roster.length)) {
    batches.push({ points: pointsOf(roster.slice(start, start + size), start + 1, day, options), history: period });
    start += size;
  }
  await figuresInBatches(database, ruleSet, options.tmpDir, batches, async (rows, part) => {
    for (const row of rows) {
      const facts = byId.get(row.partnerId)!;
      const state = storedStateOf(facts, row, fees);
      const evaluation = evaluateState(state, day, row, period.days, options);
      const premierMet = premierMetBy(facts, evaluation.requirements, ruleSet);
      options.onEvaluated?.(evaluation);
      await sink({ state, evaluation, premierMet }, part);
    }
  });
  return roster.length;
}

export const DAY_COLUMNS = ['partner_id', 'state', 'premier_met'] as const;

/**
 * Evaluates the roster on D into evaluation_day, ready for commitDay. On a server, each part of the
 * roster is copied in while the next is evaluated, so that little is left to copy at the end.
 */
export async function stageEvaluation(database: Database, day: IsoDate, options: EvaluateOptions): Promise<number> {
  await sql`truncate evaluation_day`.execute(database.db);
  const copies: Array<Promise<number>> = [];
  let file = rowFile(options.tmpDir, 'evaluation-day', DAY_COLUMNS);
  let filePart = 0;
  // a copy failing while the next part is evaluated is reported where the copies are awaited
  const copyFile = () => copies.push(awaitedLater(file.copyInto(database, 'evaluation_day')));
  let count: number;
  try {
    count = await evaluateRoster(database, day, options, async (p, part) => {
      if (part !== filePart && database.kind === 'postgres') {
        copyFile();
        file = rowFile(options.tmpDir, 'evaluation-day', DAY_COLUMNS);
        filePart = part;
      }
      await file.write([p.state.facts.partnerId, encodeState(p.state), p.premierMet]);
      await options.notices?.add(p.state.facts, p.evaluation);
    });
  } catch (error) {
    file.discard();
    options.notices?.discard();
    await Promise.allSettled(copies);
    throw error;
  }
  copyFile();
  // every copy ends before a failure is reported: one still running would write into the next
  // evaluation's staging table
  const failed = (await Promise.allSettled(copies)).find((r) => r.status === 'rejected');
  if (failed) {
    options.notices?.discard();
    throw failed.reason;
  }
  await options.notices?.stage(database);
  return count;
}

/** Evaluates D and stores it, replacing any earlier evaluation of D, with its notices when asked. */
export async function evaluateAndStoreDay(database: Database, day: IsoDate, options: EvaluateOptions): Promise<number> {
  const count = await stageEvaluation(database, day, options);
  await database.writeTransaction(async (trx) => {
    await commitDay(trx, day, options.runId);
    await options.notices?.queue(trx, options.runId);
  });
  return count;
}
