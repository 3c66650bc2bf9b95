// Three hand-built partners for the renderer tests: a consulting partner at Advanced that is below
// tier and at risk, a technology partner at Select meeting Experience through direct revenue, and
// a registered consulting partner.

import type { PartnerEvaluation, RequirementResult } from '../../src/rules/types.js';
import type { ReportInput } from '../../src/report/types.js';

function req(
  tier: RequirementResult['tier'],
  id: RequirementResult['id'],
  met: boolean,
  actual: number,
  required: number,
  detail?: Record<string, unknown>,
): RequirementResult {
  return detail === undefined ? { tier, id, met, actual, required } : { tier, id, met, actual, required, detail };
}

/** Name with a comma, double quotes, a newline, an ampersand and non-ASCII text. */
export const TRICKY_NAME = 'Müller, "Cloud" & Partner\nGmbH';
export const SCRIPT_NAME = "Tiny <script>alert('x')</script> Labs";

const consultingAdvanced: PartnerEvaluation = {
  partnerId: 'P100',
  partnerName: TRICKY_NAME,
  partnerType: 'consulting',
  currentTier: 'advanced',
  qualifiedTier: 'select',
  projectedTier: 'select',
  reviewDate: '2019-12-13',
  daysToReview: 13,
  flags: ['at_risk', 'below_tier'],
  fee: { status: 'paid', billingDate: '2019-10-01', graceEndsOn: '2019-12-30' },
  requirements: [
    req('select', 'accredited_professionals', true, 9, 4, { technical: 3, business: 3, both: 3, requiredEach: 2 }),
    req('select', 'foundational_certified', true, 5, 2),
    req('select', 'technical_certified', true, 4, 2),
    req('select', 'launched_opportunities', true, 22, 3, {
      mrrUsd: 12_000, requiredMrrUsd: 1_500, legacyCredits: 2, leavesWindowOn: '2019-12-05',
    }),
    req('select', 'public_references', true, 2, 1, { leavesWindowOn: '2019-12-10' }),
    req('select', 'csat_responses', true, 21, 5, { leavesWindowOn: '2020-02-01' }),
    req('advanced', 'accredited_professionals', true, 9, 8, { technical: 3, business: 3, both: 3, requiredEach: 4 }),
    req('advanced', 'foundational_certified', true, 5, 4),
    req('advanced', 'technical_certified', false, 4, 6, {
      professionalOrSpecialty: 2,
      requiredProfessionalOrSpecialty: 3,
      shortfall: 'needs 2 more certified individuals, 1 more of them professional or specialty',
    }),
    req('advanced', 'launched_opportunities', true, 22, 20, {
      mrrUsd: 12_000, requiredMrrUsd: 10_000, legacyCredits: 2, leavesWindowOn: '2019-12-05',
    }),
    req('advanced', 'business_plan', true, 1, 1, { leavesWindowOn: '2020-03-15' }),
    req('advanced', 'public_references', true, 2, 2, { leavesWindowOn: '2019-12-10' }),
    req('advanced', 'csat_responses', true, 21, 20, { leavesWindowOn: '2020-02-01' }),
    req('premier', 'accredited_professionals', false, 9, 20, {
      technical: 3, business: 3, both: 3, requiredEach: 10, shortfall: 'needs 11 more accredited professionals',
    }),
    req('premier', 'foundational_certified', false, 5, 10, { shortfall: 'needs 5 more foundational certified individuals' }),
    req('premier', 'technical_certified', false, 4, 25, {
      professionalOrSpecialty: 2, requiredProfessionalOrSpecialty: 10, shortfall: 'needs 21 more certified individuals',
    }),
    req('premier', 'launched_opportunities', false, 22, 50, {
      mrrUsd: 12_000, requiredMrrUsd: 50_000, legacyCredits: 2, shortfall: 'needs 28 more launched opportunities',
    }),
    req('premier', 'business_plan', true, 1, 1, { leavesWindowOn: '2020-03-15' }),
    req('premier', 'program_validations', false, 1, 3, {
      includesMspOrDevOps: false, shortfall: 'needs 2 more program validations, one of them MSP or DevOps',
    }),
    req('premier', 'sustained_premier', false, 0, 1, { missingDays: 0, exempt: false }),
    req('premier', 'executive_business_review', false, 0, 1, { exempt: false }),
    req('premier', 'public_references', false, 2, 6, { shortfall: 'needs 4 more public references' }),
    req('premier', 'csat_responses', false, 21, 30, { shortfall: 'needs 9 more CSAT responses' }),
  ],
  projectedRequirements: [
    req('select', 'accredited_professionals', true, 9, 4, { technical: 3, business: 3, both: 3, requiredEach: 2 }),
    req('select', 'foundational_certified', true, 5, 2),
    req('select', 'technical_certified', true, 4, 2),
    req('select', 'launched_opportunities', true, 19, 3, { mrrUsd: 11_000, requiredMrrUsd: 1_500, legacyCredits: 0 }),
    req('select', 'public_references', true, 1, 1, { leavesWindowOn: '2020-01-20' }),
    req('select', 'csat_responses', true, 21, 5),
    req('advanced', 'accredited_professionals', true, 9, 8, { technical: 3, business: 3, both: 3, requiredEach: 4 }),
    req('advanced', 'foundational_certified', true, 5, 4),
    req('advanced', 'technical_certified', false, 4, 6, {
      professionalOrSpecialty: 2,
      requiredProfessionalOrSpecialty: 3,
      shortfall: 'needs 2 more certified individuals, 1 more of them professional or specialty',
    }),
    req('advanced', 'launched_opportunities', false, 19, 20, {
      mrrUsd: 11_000, requiredMrrUsd: 10_000, legacyCredits: 0, leavesWindowOn: '2019-12-20',
      shortfall: 'needs 1 more launched opportunity',
    }),
    req('advanced', 'business_plan', true, 1, 1),
    req('advanced', 'public_references', false, 1, 2, {
      leavesWindowOn: '2020-01-20', shortfall: 'needs 1 more public reference',
    }),
    req('advanced', 'csat_responses', true, 21, 20),
    req('premier', 'accredited_professionals', false, 9, 20, { technical: 3, business: 3, both: 3, requiredEach: 10 }),
    req('premier', 'foundational_certified', false, 5, 10),
    req('premier', 'technical_certified', false, 4, 25, { professionalOrSpecialty: 2, requiredProfessionalOrSpecialty: 10 }),
    req('premier', 'launched_opportunities', false, 19, 50, { mrrUsd: 11_000, requiredMrrUsd: 50_000, legacyCredits: 0 }),
    req('premier', 'business_plan', true, 1, 1),
    req('premier', 'program_validations', false, 1, 3, { includesMspOrDevOps: false }),
    req('premier', 'sustained_premier', false, 0, 1, { missingDays: 0, exempt: false }),
    req('premier', 'executive_business_review', false, 0, 1, { exempt: false }),
    req('premier', 'public_references', false, 1, 6),
    req('premier', 'csat_responses', false, 21, 30),
  ],
};

function technologyRequirements(): RequirementResult[] {
  return [
    req('select', 'technical_certified', true, 2, 1, { professionalOrSpecialty: 1 }),
    req('select', 'launched_opportunities', false, 1, 3, {
      mrrUsd: 500, requiredMrrUsd: 1_500, legacyCredits: 0, shortfall: 'needs 2 more launched opportunities',
    }),
    req('select', 'direct_revenue', true, 20_000, 15_000, { leavesWindowOn: '2019-12-31' }),
    req('select', 'product_listing', true, 1, 1),
    req('select', 'public_references', true, 1, 1, { leavesWindowOn: '2020-06-01' }),
    req('select', 'csat_responses', true, 6, 5, { leavesWindowOn: '2020-04-15' }),
    req('advanced', 'technical_certified', false, 2, 4, {
      professionalOrSpecialty: 1, requiredProfessionalOrSpecialty: 2, shortfall: 'needs 2 more certified individuals',
    }),
    req('advanced', 'launched_opportunities', false, 1, 20, { mrrUsd: 500, requiredMrrUsd: 10_000, legacyCredits: 0 }),
    req('advanced', 'direct_revenue', false, 20_000, 350_000, { shortfall: 'needs 330,000 USD more direct revenue' }),
    req('advanced', 'product_listing', true, 1, 1),
    req('advanced', 'business_plan', false, 0, 1, { shortfall: 'needs a business plan signed within the last 12 months' }),
    req('advanced', 'technical_baseline_review', false, 0, 1, { shortfall: 'needs an active Technical Baseline Review' }),
    req('advanced', 'public_references', false, 1, 2),
    req('advanced', 'csat_responses', false, 6, 20),
  ];
}

const technologySelect: PartnerEvaluation = {
  partnerId: 'P200',
  partnerName: 'Zeta Data Systems',
  partnerType: 'technology',
  currentTier: 'select',
  qualifiedTier: 'select',
  projectedTier: 'select',
  reviewDate: '2020-04-02',
  daysToReview: 124,
  flags: [],
  fee: { status: 'paid', billingDate: '2019-04-02', graceEndsOn: '2019-07-01' },
  requirements: technologyRequirements(),
  projectedRequirements: technologyRequirements(),
};

const registered: PartnerEvaluation = {
  partnerId: 'P300',
  partnerName: SCRIPT_NAME,
  partnerType: 'consulting',
  currentTier: 'registered',
  qualifiedTier: 'registered',
  projectedTier: null,
  reviewDate: null,
  daysToReview: null,
  flags: [],
  fee: { status: 'not_applicable', billingDate: null, graceEndsOn: null },
  requirements: [
    req('select', 'accredited_professionals', false, 1, 4, { technical: 1, business: 0, both: 0, requiredEach: 2 }),
    req('select', 'foundational_certified', true, 2, 2),
    req('select', 'technical_certified', false, 0, 2, { shortfall: 'needs 2 more certified individuals' }),
    req('select', 'launched_opportunities', false, 0, 3, { mrrUsd: 0, requiredMrrUsd: 1_500, legacyCredits: 0 }),
    req('select', 'public_references', false, 0, 1),
    req('select', 'csat_responses', false, 0, 5),
  ],
  projectedRequirements: null,
};

export function fixtureInput(): ReportInput {
  // Fresh copies on every call, so a renderer that mutated its input would be caught by the
  // equality checks rather than hidden by shared state.
  return structuredClone({
    asOf: '2019-11-30',
    partners: [consultingAdvanced, technologySelect, registered],
    datasets: [
      { dataset: 'partners', loadedAt: '2019-11-30T02:00:05.000Z', sourceFile: 'partners.csv', snapshotAgeDays: 0 },
      { dataset: 'certifications', loadedAt: '2019-11-27T02:00:07.000Z', sourceFile: 'certifications.csv', snapshotAgeDays: 3 },
      { dataset: 'fee_payments', loadedAt: null, sourceFile: null, snapshotAgeDays: null },
    ],
    generatedAt: '2019-11-30T02:05:00.000Z',
  });
}
