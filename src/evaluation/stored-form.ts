// What is stored of a partner's evaluation of a day: its inputs, not its output. The facts and the
// evidence figures (on D and at the review date) change only when the partner's data does; the
// evaluation itself also moves with the calendar (days to review, grace turning overdue, the
// sustained period's missing days), so it is recomputed when read: the pure rules take about
// 35 µs a partner. This keeps a partner's status range unsplit until something real changes, and
// a stored day about six times smaller than its JSON report.
import { evaluatePartner } from '../rules/evaluate.js';
import type { RuleSet } from '../rules/ruleset.js';
import type { EvidenceFigures, FeePaymentsByYear, IsoDate, PartnerEvaluation, PartnerFacts } from '../rules/types.js';

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
