// The counts a report's head shows (partners, per flag, current tier by qualified tier), added up
// partner by partner so a streamed report need not keep its partners.
import type { Flag, PartnerEvaluation, Tier } from '../rules/types.js';
import { FLAG_ORDER } from './labels.js';

export interface ReportCounts {
  partners: number;
  flags: Record<Flag, number>;
  /** Keyed `current qualified`, `current *` and `* qualified`. */
  tiers: Map<string, number>;
}

export function emptyReportCounts(): ReportCounts {
  return { partners: 0, flags: Object.fromEntries(FLAG_ORDER.map((f) => [f, 0])) as Record<Flag, number>, tiers: new Map() };
}

function bump(tiers: Map<string, number>, key: string): void {
  tiers.set(key, (tiers.get(key) ?? 0) + 1);
}

export function addToReportCounts(counts: ReportCounts, p: PartnerEvaluation): void {
  counts.partners++;
  for (const f of new Set(p.flags)) counts.flags[f] = (counts.flags[f] ?? 0) + 1;
  bump(counts.tiers, `${p.currentTier} ${p.qualifiedTier}`);
  bump(counts.tiers, `${p.currentTier} *`);
  bump(counts.tiers, `* ${p.qualifiedTier}`);
}

export function reportCounts(partners: readonly PartnerEvaluation[]): ReportCounts {
  const counts = emptyReportCounts();
  for (const p of partners) addToReportCounts(counts, p);
  return counts;
}

/** Partners whose current tier is `current` and qualified tier `qualified` (null: any). */
export function tierCount(counts: ReportCounts, current: Tier | null, qualified: Tier | null): number {
  if (current === null && qualified === null) return counts.partners;
  return counts.tiers.get(`${current ?? '*'} ${qualified ?? '*'}`) ?? 0;
}
