// Tier order and "does a set of results meet a tier", driven by the rule set.

import type { PartnerTypeRules, ProgramTier, RequirementRule, RuleSet } from './ruleset.js';
import type { PartnerType, RequirementId, RequirementResult, Tier } from './types.js';

/** registered is 0; program tiers follow the rule set's ascending order. */
export function tierRank(tier: Tier, ruleSet: RuleSet): number {
  return tier === 'registered' ? 0 : ruleSet.tiers.indexOf(tier) + 1;
}

export function typeRules(partnerType: PartnerType, ruleSet: RuleSet): PartnerTypeRules {
  return ruleSet.partnerTypes[partnerType];
}

/** A tier is met when the partner's type has it and every one of its requirements is met. */
export function tierMet(results: readonly RequirementResult[], tier: ProgramTier): boolean {
  const ofTier = results.filter((r) => r.tier === tier);
  return ofTier.length > 0 && ofTier.every((r) => r.met);
}

/** The highest tier whose requirements are all met, else registered (rules.md, qualifiedTier). */
export function highestTierMet(
  results: readonly RequirementResult[],
  partnerType: PartnerType,
  ruleSet: RuleSet,
): Tier {
  const tiers = typeRules(partnerType, ruleSet).tiers.map((t) => t.tier);
  for (let i = tiers.length - 1; i >= 0; i -= 1) {
    const tier = tiers[i]!;
    if (tierMet(results, tier)) return tier;
  }
  return 'registered';
}

/** Does the result set meet `tier` (registered is always met; a tier the type lacks never is)? */
export function meetsTier(results: readonly RequirementResult[], tier: Tier): boolean {
  return tier === 'registered' ? true : tierMet(results, tier);
}

function idsWhere(ruleSet: RuleSet, pick: (rule: RequirementRule) => boolean): ReadonlySet<RequirementId> {
  const ids = new Set<RequirementId>();
  for (const typeRule of Object.values(ruleSet.partnerTypes)) {
    for (const tierRules of typeRule.tiers) {
      for (const rule of tierRules.requirements) if (pick(rule)) ids.add(rule.id);
    }
  }
  return ids;
}

// Derived once per rule set (rule sets are treated as immutable values).
const APPLICANTS_ONLY = new WeakMap<RuleSet, ReadonlySet<RequirementId>>();
const APPLICATION_STEPS = new WeakMap<RuleSet, ReadonlySet<RequirementId>>();

/** Ids of the applicants-only requirements (sustained_premier, executive_business_review). */
export function applicantsOnlyIds(ruleSet: RuleSet): ReadonlySet<RequirementId> {
  let ids = APPLICANTS_ONLY.get(ruleSet);
  if (ids === undefined) {
    ids = idsWhere(ruleSet, (r) => r.applicantsOnly === true);
    APPLICANTS_ONLY.set(ruleSet, ids);
  }
  return ids;
}

/** Ids that are a tier's final application step (executive_business_review). */
export function applicationStepIds(ruleSet: RuleSet): ReadonlySet<RequirementId> {
  let ids = APPLICATION_STEPS.get(ruleSet);
  if (ids === undefined) {
    ids = idsWhere(ruleSet, (r) => r.applicationStep === true);
    APPLICATION_STEPS.set(ruleSet, ids);
  }
  return ids;
}
