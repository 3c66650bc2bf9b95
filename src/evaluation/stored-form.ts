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

// The stored text: a JSON array of the values in a fixed order, not objects. Keys would make it
// about four times larger (written once a night for every partner, kept for every change) and
// slower to write and read. Text stored before holds the objects themselves; it is still read.
const FORMAT = 2;
const FACTS: ReadonlyArray<keyof PartnerFacts> = [
  'partnerId', 'partnerName', 'partnerType', 'currentTier', 'renewalDate', 'allianceLeadEmail', 'partnerManagerEmail',
  'businessPlanSignedOn', 'gaProductCount', 'ebrCompletedOn', 'tierSince',
];

function figuresArray(f: EvidenceFigures): unknown[] {
  const { accreditation: a, technical: t, launched: l, directRevenue: r, publicReferences: p, csat: c, validations: v } = f;
  return [a.technicalOnly, a.businessOnly, a.both, f.foundational, t.total, t.professionalOrSpecialty,
    l.opportunities, l.mrrUsd, l.legacyCredits, l.oldestLaunchedOn, l.oldestLegacySubmittedOn,
    r.usd, r.oldestMonthEnd, p.customers, p.oldestOn, c.responses, c.oldestOn,
    v.premierEligible, v.includesMspOrDevOps, v.technicalBaselineReview];
}

function figuresOf(x: any[]): EvidenceFigures {
  return {
    accreditation: { technicalOnly: x[0], businessOnly: x[1], both: x[2] },
    foundational: x[3],
    technical: { total: x[4], professionalOrSpecialty: x[5] },
    launched: { opportunities: x[6], mrrUsd: x[7], legacyCredits: x[8], oldestLaunchedOn: x[9], oldestLegacySubmittedOn: x[10] },
    directRevenue: { usd: x[11], oldestMonthEnd: x[12] },
    publicReferences: { customers: x[13], oldestOn: x[14] },
    csat: { responses: x[15], oldestOn: x[16] },
    validations: { premierEligible: x[17], includesMspOrDevOps: x[18], technicalBaselineReview: x[19] },
  };
}

/** The text stored for a state (deterministic: equal states, equal text). */
export function encodeState(state: StoredState): string {
  return JSON.stringify([FORMAT, FACTS.map((k) => state.facts[k]), figuresArray(state.onD),
    state.atReview === null ? null : figuresArray(state.atReview), state.feePayments]);
}

/** The state a stored text holds, in either stored form. */
export function decodeState(text: string): StoredState {
  const value = JSON.parse(text);
  if (!Array.isArray(value)) return value as StoredState;
  const [, facts, onD, atReview, feePayments] = value;
  return {
    facts: Object.fromEntries(FACTS.map((k, i) => [k, facts[i]])) as unknown as PartnerFacts,
    onD: figuresOf(onD),
    atReview: atReview === null ? null : figuresOf(atReview),
    feePayments,
  };
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
