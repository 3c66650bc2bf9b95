// What of an evaluation is stored, and how a stored one is completed when read. Parts that change
// every day without any change in the partner's evidence are left out of storage, so that a
// partner's status range only splits when something real changes:
// - daysToReview (R − D);
// - for a non-exempt sustained_premier: the missing-day count and the shortfall sentence, which
//   name the six-month period ending on D. They are derived again from the stored history.
import { addDays, sixMonthsBefore } from '../rules/dates.js';
import type { RuleSet } from '../rules/ruleset.js';
import { sustainedShortfall } from '../rules/shortfall.js';
import { daysBetween } from '../rules/dates.js';
import type { IsoDate, PartnerEvaluation, RequirementResult } from '../rules/types.js';

export type StoredEvaluation = Omit<PartnerEvaluation, 'daysToReview'>;

/** The stored history of the sustained period (D − 6 months, D), D excluded, and D's own criteria. */
export interface SustainedFacts {
  missingDays: number;
  allStoredDaysMet: boolean;
  criteriaMetOnD: boolean;
}

const isDerivedSustained = (r: RequirementResult) => r.id === 'sustained_premier' && r.detail?.exempt === false;

function stripRequirement(r: RequirementResult): RequirementResult {
  if (!isDerivedSustained(r)) return r;
  const { missingDays: _m, shortfall: _s, ...detail } = r.detail!;
  return { ...r, detail };
}

export function toStored(evaluation: PartnerEvaluation): StoredEvaluation {
  const { daysToReview: _derived, ...kept } = evaluation;
  return {
    ...kept,
    requirements: kept.requirements.map(stripRequirement),
    projectedRequirements: kept.projectedRequirements?.map(stripRequirement) ?? null,
  };
}

export function fromStored(stored: StoredEvaluation, day: IsoDate, sustained: SustainedFacts, ruleSet: RuleSet): PartnerEvaluation {
  const complete = (r: RequirementResult): RequirementResult => {
    if (!isDerivedSustained(r)) return r;
    const detail: Record<string, unknown> = { ...r.detail, missingDays: sustained.missingDays };
    if (!r.met) {
      const why = sustainedShortfall({
        criteriaTier: ruleSet.sustained.criteriaTier,
        from: addDays(sixMonthsBefore(day, ruleSet.sustained.months), 1),
        to: day,
        missingDays: sustained.missingDays,
        allStoredDaysMet: sustained.allStoredDaysMet,
        criteriaMetOnD: sustained.criteriaMetOnD,
      });
      detail.shortfall = `needs ${why}`;
    }
    return { ...r, detail };
  };
  const { partnerId, partnerName, partnerType, currentTier, qualifiedTier, projectedTier, reviewDate, ...rest } = stored;
  return {
    partnerId, partnerName, partnerType, currentTier, qualifiedTier, projectedTier, reviewDate,
    daysToReview: reviewDate === null ? null : daysBetween(day, reviewDate),
    ...rest,
    requirements: rest.requirements.map(complete),
    projectedRequirements: rest.projectedRequirements?.map(complete) ?? null,
  };
}
