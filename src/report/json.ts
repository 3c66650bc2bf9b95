// `report --format json`: exactly cli.md's contract, { "asOf", "partners" }, 2-space indent.
// Each object is rebuilt field by field in the contract's order, so nothing outside the contract
// (e.g. extra properties a caller's rows happen to carry) reaches the output.

import type { PartnerEvaluation, RequirementResult } from '../rules/types.js';
import type { ReportInput } from './types.js';

export interface JsonReport {
  asOf: string;
  partners: PartnerEvaluation[];
}

function requirementJson(r: RequirementResult): RequirementResult {
  const out: RequirementResult = {
    tier: r.tier,
    id: r.id,
    met: r.met,
    actual: r.actual,
    required: r.required,
  };
  if (r.detail !== undefined) out.detail = r.detail;
  return out;
}

export function partnerJson(p: PartnerEvaluation): PartnerEvaluation {
  return {
    partnerId: p.partnerId,
    partnerName: p.partnerName,
    partnerType: p.partnerType,
    currentTier: p.currentTier,
    qualifiedTier: p.qualifiedTier,
    projectedTier: p.projectedTier,
    reviewDate: p.reviewDate,
    daysToReview: p.daysToReview,
    flags: [...p.flags],
    fee: { status: p.fee.status, billingDate: p.fee.billingDate, graceEndsOn: p.fee.graceEndsOn },
    requirements: p.requirements.map(requirementJson),
    projectedRequirements: p.projectedRequirements === null ? null : p.projectedRequirements.map(requirementJson),
  };
}

/** The contract object (before serialisation). */
export function jsonReport(input: ReportInput): JsonReport {
  return { asOf: input.asOf, partners: input.partners.map(partnerJson) };
}

export function renderJson(input: ReportInput): string {
  return `${JSON.stringify(jsonReport(input), null, 2)}\n`;
}
