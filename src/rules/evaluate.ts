// One partner's evaluation on D: requirements, tiers, the projection to the review date, the fee
// and the flags, shaped as cli.md's JSON partner object. Pure: every date and figure is a parameter.

import { daysBetween, isIsoDate } from './dates.js';
import { feeStatus } from './fee.js';
import { partnerFlags } from './flags.js';
import { partnerReviewDate } from './points.js';
import { criteriaMet, evaluateRequirementsAt, type SustainedHistory } from './requirements.js';
import type { RuleSet } from './ruleset.js';
import { RULESET_2019 } from './ruleset-2019.js';
import { applicantsOnlyIds, highestTierMet } from './tiers.js';
import type {
  EvidenceFigures,
  FeePaymentsByYear,
  IsoDate,
  PartnerEvaluation,
  PartnerFacts,
  RequirementResult,
} from './types.js';

export interface EvaluatePartnerInput {
  facts: PartnerFacts;
  /** D */
  asOf: IsoDate;
  /** evidence at E = D (evaluationPoints' 'asOf' point) */
  onD: EvidenceFigures;
  /** evidence at E = R(D) from items dated ≤ D ('review' point); null when there is no such point */
  atReview: EvidenceFigures | null;
  /** null: no fee_payments snapshot was ever loaded, the fee status is unknown */
  feePayments: FeePaymentsByYear | null;
  /** stored daily premier criteria for the days of (D − 6 months, D), D excluded */
  sustained: SustainedHistory;
  /** the at_risk horizon; default the rule set's (90) */
  horizonDays?: number;
}

/**
 * Every premier requirement but sustained_premier and executive_business_review is met: what the
 * storage layer records for each day so that sustained_premier can look back six months. Pass the
 * rule set the requirements were evaluated with (default: 2019's).
 */
export function premierCriteriaMet(requirements: readonly RequirementResult[], ruleSet: RuleSet = RULESET_2019): boolean {
  return criteriaMet(requirements, ruleSet);
}

export function evaluatePartner(input: EvaluatePartnerInput, ruleSet: RuleSet): PartnerEvaluation {
  const { facts, asOf } = input;
  if (!isIsoDate(asOf)) throw new RangeError(`asOf is not a YYYY-MM-DD date: ${asOf}`);
  const horizonDays = input.horizonDays ?? ruleSet.notices.defaultHorizonDays;

  const requirements = evaluateRequirementsAt({ facts, asOf, e: asOf, figures: input.onD }, input.sustained, ruleSet);
  const qualifiedTier = highestTierMet(requirements, facts.partnerType, ruleSet);

  // The projection to R(D) exists for partners above registered with a renewal date.
  const reviewDate = partnerReviewDate(facts, asOf, ruleSet);
  let projectedRequirements: RequirementResult[] | null = null;
  if (reviewDate !== null) {
    if (input.atReview === null) {
      throw new Error(`partner ${facts.partnerId}: evidence at the review date ${reviewDate} is required (evaluationPoints lists it)`);
    }
    const atR = evaluateRequirementsAt({ facts, asOf, e: reviewDate, figures: input.atReview }, input.sustained, ruleSet);
    // rules.md: in the projection, sustained_premier and executive_business_review keep their D values.
    const carried = applicantsOnlyIds(ruleSet);
    projectedRequirements = atR.map((r) =>
      carried.has(r.id) ? (requirements.find((d) => d.tier === r.tier && d.id === r.id) ?? r) : r,
    );
  }
  const projectedTier = projectedRequirements === null ? null : highestTierMet(projectedRequirements, facts.partnerType, ruleSet);
  const daysToReview = reviewDate === null ? null : daysBetween(asOf, reviewDate);

  const fee = feeStatus(facts, asOf, input.feePayments, ruleSet);
  const flags = partnerFlags(
    {
      partnerType: facts.partnerType,
      currentTier: facts.currentTier,
      qualifiedTier,
      requirements,
      projectedRequirements,
      daysToReview,
      fee,
      horizonDays,
    },
    ruleSet,
  );

  return {
    partnerId: facts.partnerId,
    partnerName: facts.partnerName,
    partnerType: facts.partnerType,
    currentTier: facts.currentTier,
    qualifiedTier,
    projectedTier,
    reviewDate,
    daysToReview,
    flags,
    fee,
    requirements,
    projectedRequirements,
  };
}
