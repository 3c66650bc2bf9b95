// The evaluation part of a run summary: how many partners, per qualified tier and per flag.
import type { Flag, PartnerEvaluation, Tier } from '../rules/types.js';

export interface EvaluationCounts {
  partners: number;
  byCurrentTier: Record<Tier, number>;
  byQualifiedTier: Record<Tier, number>;
  byFlag: Record<Flag, number>;
}

export function emptyCounts(): EvaluationCounts {
  const tiers = () => ({ registered: 0, select: 0, advanced: 0, premier: 0 });
  return {
    partners: 0,
    byCurrentTier: tiers(),
    byQualifiedTier: tiers(),
    byFlag: { at_risk: 0, below_tier: 0, fee_grace: 0, fee_overdue: 0, upgrade_eligible: 0 },
  };
}

export function addToCounts(counts: EvaluationCounts, e: PartnerEvaluation): void {
  counts.partners++;
  counts.byCurrentTier[e.currentTier]++;
  counts.byQualifiedTier[e.qualifiedTier]++;
  for (const flag of e.flags) counts.byFlag[flag]++;
}

export function renderCounts(day: string, counts: EvaluationCounts): string {
  const list = (r: Record<string, number>) => Object.entries(r).map(([k, v]) => `${k} ${v}`).join(', ');
  return [
    `evaluated ${day}: ${counts.partners} partners`,
    `  current tier:   ${list(counts.byCurrentTier)}`,
    `  qualified tier: ${list(counts.byQualifiedTier)}`,
    `  flags:          ${list(counts.byFlag)}`,
  ].join('\n') + '\n';
}
