// Test builders. Figures are hand-written from the guide's tables (not read from the rule set), so
// a wrong threshold in the data shows up as a failing test.

import type { EvaluatePartnerInput } from '../../src/rules/evaluate.js';
import type { EvidenceFigures, PartnerFacts, RequirementResult } from '../../src/rules/types.js';

export function facts(overrides: Partial<PartnerFacts> = {}): PartnerFacts {
  return {
    partnerId: 'P1',
    partnerName: 'Partner One',
    partnerType: 'consulting',
    currentTier: 'advanced',
    renewalDate: '2019-10-01',
    allianceLeadEmail: 'lead@p1.example',
    partnerManagerEmail: null,
    businessPlanSignedOn: null,
    gaProductCount: 0,
    ebrCompletedOn: null,
    tierSince: null,
    ...overrides,
  };
}

export function noEvidence(): EvidenceFigures {
  return {
    accreditation: { technicalOnly: 0, businessOnly: 0, both: 0 },
    foundational: 0,
    technical: { total: 0, professionalOrSpecialty: 0 },
    launched: { opportunities: 0, mrrUsd: 0, legacyCredits: 0, oldestLaunchedOn: null, oldestLegacySubmittedOn: null },
    directRevenue: { usd: 0, oldestMonthEnd: null },
    publicReferences: { customers: 0, oldestOn: null },
    csat: { responses: 0, oldestOn: null },
    validations: { premierEligible: 0, includesMspOrDevOps: false, technicalBaselineReview: false },
  };
}

type Patch = {
  [K in keyof EvidenceFigures]?: EvidenceFigures[K] extends object ? Partial<EvidenceFigures[K]> : EvidenceFigures[K];
};

export function withEvidence(base: EvidenceFigures, patch: Patch): EvidenceFigures {
  const out = structuredClone(base) as unknown as Record<string, unknown>;
  for (const [key, value] of Object.entries(patch)) {
    const current = out[key];
    out[key] = typeof value === 'object' && value !== null && typeof current === 'object' && current !== null
      ? { ...(current as object), ...(value as object) }
      : value;
  }
  return out as unknown as EvidenceFigures;
}

const DATED = { oldestLaunchedOn: '2019-06-01', oldestLegacySubmittedOn: null };

/** Consulting Select exactly: 4 accredited (2 & 2), 2 foundational, 2 technical, 3 launched / 1,500 MRR, 1 reference, 5 CSAT. */
export function consultingSelect(): EvidenceFigures {
  return withEvidence(noEvidence(), {
    accreditation: { technicalOnly: 2, businessOnly: 2, both: 0 },
    foundational: 2,
    technical: { total: 2, professionalOrSpecialty: 0 },
    launched: { opportunities: 3, mrrUsd: 1_500, legacyCredits: 0, ...DATED },
    publicReferences: { customers: 1, oldestOn: '2019-06-01' },
    csat: { responses: 5, oldestOn: '2019-06-01' },
  });
}

/** Consulting Advanced exactly (business plan comes from the facts). */
export function consultingAdvanced(): EvidenceFigures {
  return withEvidence(noEvidence(), {
    accreditation: { technicalOnly: 4, businessOnly: 4, both: 0 },
    foundational: 4,
    technical: { total: 6, professionalOrSpecialty: 3 },
    launched: { opportunities: 20, mrrUsd: 10_000, legacyCredits: 0, ...DATED },
    publicReferences: { customers: 2, oldestOn: '2019-06-01' },
    csat: { responses: 20, oldestOn: '2019-06-01' },
  });
}

/** Consulting Premier criteria exactly: 20 (10 & 10), 10, 25 (10), 50 / 50,000, 3 validations incl. MSP, 6, 30. */
export function consultingPremier(): EvidenceFigures {
  return withEvidence(noEvidence(), {
    accreditation: { technicalOnly: 10, businessOnly: 10, both: 0 },
    foundational: 10,
    technical: { total: 25, professionalOrSpecialty: 10 },
    launched: { opportunities: 50, mrrUsd: 50_000, legacyCredits: 0, ...DATED },
    validations: { premierEligible: 3, includesMspOrDevOps: true, technicalBaselineReview: false },
    publicReferences: { customers: 6, oldestOn: '2019-06-01' },
    csat: { responses: 30, oldestOn: '2019-06-01' },
  });
}

/** Technology Select exactly, with launched opportunities (3 / 1,500) and no direct revenue. */
export function technologySelect(): EvidenceFigures {
  return withEvidence(noEvidence(), {
    technical: { total: 1, professionalOrSpecialty: 0 },
    launched: { opportunities: 3, mrrUsd: 1_500, legacyCredits: 0, ...DATED },
    publicReferences: { customers: 1, oldestOn: '2019-06-01' },
    csat: { responses: 5, oldestOn: '2019-06-01' },
  });
}

/** Technology Advanced exactly, with direct revenue (350,000) and no launched opportunities. */
export function technologyAdvanced(): EvidenceFigures {
  return withEvidence(noEvidence(), {
    technical: { total: 4, professionalOrSpecialty: 2 },
    directRevenue: { usd: 350_000, oldestMonthEnd: '2018-12-31' },
    validations: { premierEligible: 0, includesMspOrDevOps: false, technicalBaselineReview: true },
    publicReferences: { customers: 2, oldestOn: '2019-06-01' },
    csat: { responses: 20, oldestOn: '2019-06-01' },
  });
}

export function input(overrides: Partial<EvaluatePartnerInput> = {}): EvaluatePartnerInput {
  const onD = overrides.onD ?? consultingAdvanced();
  return {
    facts: facts(),
    asOf: '2019-11-30',
    onD,
    atReview: onD,
    feePayments: {},
    sustained: { missingDays: 0, allStoredDaysMet: true },
    ...overrides,
  };
}

export function find(results: readonly RequirementResult[] | null, tier: string, id: string): RequirementResult {
  const found = results?.find((r) => r.tier === tier && r.id === id);
  if (found === undefined) throw new Error(`no ${tier}/${id} result`);
  return found;
}
