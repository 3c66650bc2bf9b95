// What is stored of a partner's evaluation of a day: its inputs, not its output. The facts and the
// evidence figures (on D and at the review date) change only when the partner's data does; the
// evaluation itself also moves with the calendar (days to review, grace turning overdue, the
// sustained period's missing days), so it is recomputed when read: the pure rules take about
// 35 µs a partner. This keeps a partner's status range unsplit until something real changes, and
// a stored day about six times smaller than its JSON report.
import { evaluatePartner, premierCriteriaMet } from '../rules/evaluate.js';
import { evaluateRequirementsAt } from '../rules/requirements.js';
import type { RuleSet } from '../rules/ruleset.js';
import type { EvidenceFigures, FeePaymentsByYear, IsoDate, PartnerEvaluation, PartnerFacts, RequirementResult } from '../rules/types.js';

export interface StoredState {
  facts: PartnerFacts;
  onD: EvidenceFigures;
  atReview: EvidenceFigures | null;
  /** payments for the membership year starting on B(D); null: no fee_payments snapshot loaded */
  feePayments: FeePaymentsByYear | null;
}

/** The stored history of the sustained period (D − 6 months, D), D excluded. */
export interface StoredHistory {
  /** days of the period with a stored evaluation of the partner */
  storedDays: number;
  /** of those, days with the premier criteria met */
  storedDaysMet: number;
}

export interface EvaluationSettings {
  ruleSet: RuleSet;
  horizonDays: number;
}

export function evaluateState(state: StoredState, day: IsoDate, history: StoredHistory, periodDays: number, settings: EvaluationSettings): PartnerEvaluation {
  return evaluatePartner({
    facts: state.facts,
    asOf: day,
    onD: state.onD,
    atReview: state.atReview,
    feePayments: state.feePayments,
    sustained: { missingDays: Math.max(0, periodDays - history.storedDays), allStoredDaysMet: history.storedDaysMet === history.storedDays },
    horizonDays: settings.horizonDays,
  }, settings.ruleSet);
}

/** The stored premier_met of a day: the premier criteria (sustained attainment aside) met on D. */
export function premierMetBy(facts: PartnerFacts, requirementsOnD: readonly RequirementResult[], ruleSet: RuleSet): boolean {
  return facts.partnerType === 'consulting' && premierCriteriaMet(requirementsOnD, ruleSet);
}

/**
 * premier_met of a stored state on D, from the requirements on D alone: the criteria leave out
 * sustained attainment, so neither the history nor the projection is needed (what a backfill
 * stores for its days).
 */
export function premierMetOn(state: StoredState, day: IsoDate, ruleSet: RuleSet): boolean {
  if (state.facts.partnerType !== 'consulting') return false;
  const requirements = evaluateRequirementsAt({ facts: state.facts, asOf: day, e: day, figures: state.onD }, { missingDays: 0, allStoredDaysMet: true }, ruleSet);
  return premierMetBy(state.facts, requirements, ruleSet);
}
