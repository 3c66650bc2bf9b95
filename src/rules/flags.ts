// A partner's flags on D (rules.md, Flags), in the table's order.

import type { RuleSet } from './ruleset.js';
import { applicationStepIds, meetsTier, tierRank, typeRules } from './tiers.js';
import type { FeeResult, Flag, PartnerType, RequirementResult, Tier } from './types.js';

export interface FlagInput {
  partnerType: PartnerType;
  currentTier: Tier;
  qualifiedTier: Tier;
  requirements: readonly RequirementResult[];
  projectedRequirements: readonly RequirementResult[] | null;
  daysToReview: number | null;
  fee: FeeResult;
  horizonDays: number;
}

/**
 * Eligible to apply for a tier above the current one: every requirement of that tier is met but
 * its final application step (the EBR). For an advanced consulting partner that is the premier
 * criteria plus sustained_premier; for any other tier it is the same as qualifying for it.
 */
function canApplyAbove(input: FlagInput, ruleSet: RuleSet): boolean {
  const steps = applicationStepIds(ruleSet);
  const currentRank = tierRank(input.currentTier, ruleSet);
  return typeRules(input.partnerType, ruleSet).tiers.some((t) => {
    if (tierRank(t.tier, ruleSet) <= currentRank) return false;
    const ofTier = input.requirements.filter((r) => r.tier === t.tier && !steps.has(r.id));
    return ofTier.length > 0 && ofTier.every((r) => r.met);
  });
}

export function partnerFlags(input: FlagInput, ruleSet: RuleSet): Flag[] {
  const flags: Flag[] = [];
  const ranked = input.currentTier !== 'registered';
  if (
    ranked &&
    input.projectedRequirements !== null &&
    input.daysToReview !== null &&
    !meetsTier(input.projectedRequirements, input.currentTier) &&
    input.daysToReview <= input.horizonDays
  ) {
    flags.push('at_risk');
  }
  if (ranked && !meetsTier(input.requirements, input.currentTier)) flags.push('below_tier');
  if (input.fee.status === 'grace') flags.push('fee_grace');
  if (input.fee.status === 'overdue') flags.push('fee_overdue');
  if (tierRank(input.qualifiedTier, ruleSet) > tierRank(input.currentTier, ruleSet) || canApplyAbove(input, ruleSet)) {
    flags.push('upgrade_eligible');
  }
  return flags;
}
