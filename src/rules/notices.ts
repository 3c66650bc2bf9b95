// Notice buckets (rules.md, Notices): which reminder a number of days left falls in.

import type { RuleSet } from './ruleset.js';

/**
 * The smallest threshold ≥ daysLeft, or null when daysLeft is above every threshold (too early for
 * a notice). A notice goes out for a bucket unless one was sent in that bucket or a smaller one.
 */
export function noticeBucket(daysLeft: number, thresholds: readonly number[]): number | null {
  let bucket: number | null = null;
  for (const t of thresholds) if (t >= daysLeft && (bucket === null || t < bucket)) bucket = t;
  return bucket;
}

/** at_risk thresholds: the horizon, then the rule set's 60, 30, 7 where below it; descending. */
export function atRiskThresholds(horizonDays: number, ruleSet: RuleSet): number[] {
  return [horizonDays, ...ruleSet.notices.atRiskDays.filter((t) => t < horizonDays)].sort((a, b) => b - a);
}

/** fee_grace thresholds: 90 (grace starts), 30, 7; descending. */
export function feeGraceThresholds(ruleSet: RuleSet): number[] {
  return [...ruleSet.notices.feeGraceDays].sort((a, b) => b - a);
}
