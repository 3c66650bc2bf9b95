import { describe, expect, it } from 'vitest';
import { credentialInfo, isExemptCredit } from '../../src/rules/catalog.js';
import { RULESET_2019, type RequirementRule } from '../../src/rules/ruleset-2019.js';

const R = RULESET_2019;

function rule(type: 'consulting' | 'technology', tier: string, id: string): RequirementRule {
  const found = R.partnerTypes[type].tiers.find((t) => t.tier === tier)?.requirements.find((r) => r.id === id);
  if (found === undefined) throw new Error(`${type}/${tier}/${id} missing`);
  return found;
}

function ids(type: 'consulting' | 'technology', tier: string): string[] {
  return R.partnerTypes[type].tiers.find((t) => t.tier === tier)?.requirements.map((r) => r.id) ?? [];
}

describe('2019 rule set reads like the guide tables', () => {
  it('technology partner table (Select, Advanced)', () => {
    expect(R.partnerTypes.technology.tiers.map((t) => t.tier)).toEqual(['select', 'advanced']);
    expect(rule('technology', 'select', 'technical_certified')).toMatchObject({ individuals: 1, professionalOrSpecialty: null });
    expect(rule('technology', 'advanced', 'technical_certified')).toMatchObject({ individuals: 4, professionalOrSpecialty: 2 });
    expect(rule('technology', 'select', 'launched_opportunities')).toMatchObject({ opportunities: 3, mrrUsd: 1500 });
    expect(rule('technology', 'advanced', 'launched_opportunities')).toMatchObject({ opportunities: 20, mrrUsd: 10000 });
    expect(rule('technology', 'select', 'direct_revenue')).toMatchObject({ usd: 15000 });
    expect(rule('technology', 'advanced', 'direct_revenue')).toMatchObject({ usd: 350000 });
    expect(rule('technology', 'select', 'public_references')).toMatchObject({ customers: 1 });
    expect(rule('technology', 'advanced', 'public_references')).toMatchObject({ customers: 2 });
    expect(rule('technology', 'select', 'csat_responses')).toMatchObject({ responses: 5 });
    expect(rule('technology', 'advanced', 'csat_responses')).toMatchObject({ responses: 20 });
    // product listing at both tiers (rules.md Decision); business plan and TBR at Advanced only
    expect(ids('technology', 'select')).toEqual([
      'technical_certified', 'launched_opportunities', 'direct_revenue', 'product_listing', 'public_references', 'csat_responses',
    ]);
    expect(ids('technology', 'advanced')).toEqual([
      'technical_certified', 'launched_opportunities', 'direct_revenue', 'product_listing', 'business_plan',
      'technical_baseline_review', 'public_references', 'csat_responses',
    ]);
    expect(R.partnerTypes.technology.alternatives).toEqual([['launched_opportunities', 'direct_revenue']]);
  });

  it('consulting partner table (Select, Advanced, Premier)', () => {
    expect(rule('consulting', 'select', 'accredited_professionals')).toMatchObject({ total: 4, requiredEach: 2 });
    expect(rule('consulting', 'advanced', 'accredited_professionals')).toMatchObject({ total: 8, requiredEach: 4 });
    expect(rule('consulting', 'premier', 'accredited_professionals')).toMatchObject({ total: 20, requiredEach: 10 });
    expect(rule('consulting', 'select', 'foundational_certified')).toMatchObject({ individuals: 2 });
    expect(rule('consulting', 'advanced', 'foundational_certified')).toMatchObject({ individuals: 4 });
    expect(rule('consulting', 'premier', 'foundational_certified')).toMatchObject({ individuals: 10 });
    expect(rule('consulting', 'select', 'technical_certified')).toMatchObject({ individuals: 2, professionalOrSpecialty: null });
    expect(rule('consulting', 'advanced', 'technical_certified')).toMatchObject({ individuals: 6, professionalOrSpecialty: 3 });
    expect(rule('consulting', 'premier', 'technical_certified')).toMatchObject({ individuals: 25, professionalOrSpecialty: 10 });
    expect(rule('consulting', 'select', 'launched_opportunities')).toMatchObject({ opportunities: 3, mrrUsd: 1500 });
    expect(rule('consulting', 'advanced', 'launched_opportunities')).toMatchObject({ opportunities: 20, mrrUsd: 10000 });
    expect(rule('consulting', 'premier', 'launched_opportunities')).toMatchObject({ opportunities: 50, mrrUsd: 50000 });
    expect(rule('consulting', 'premier', 'program_validations')).toMatchObject({ validations: 3, mustIncludeMspOrDevOps: true });
    expect(rule('consulting', 'premier', 'public_references')).toMatchObject({ customers: 6 });
    expect(rule('consulting', 'premier', 'csat_responses')).toMatchObject({ responses: 30 });
    expect(ids('consulting', 'premier')).toEqual([
      'accredited_professionals', 'foundational_certified', 'technical_certified', 'launched_opportunities', 'business_plan',
      'program_validations', 'sustained_premier', 'executive_business_review', 'public_references', 'csat_responses',
    ]);
    // FAQ 47: sustained attainment and EBR are for applicants only
    expect(rule('consulting', 'premier', 'sustained_premier').applicantsOnly).toBe(true);
    expect(rule('consulting', 'premier', 'executive_business_review').applicantsOnly).toBe(true);
  });

  it('program constants: window, six months, fee 2,500 with 90 days grace, FAQ 25 and FAQ 4 dates, notices', () => {
    expect(R.windowMonths).toBe(12);
    expect(R.sustained).toEqual({ months: 6, criteriaTier: 'premier' });
    expect(R.fee).toEqual({ amountUsd: 2500, graceDays: 90 });
    expect(R.legacyRevenueCredits.lastEvaluationDate).toBe('2020-03-31');
    expect(R.reviewTransitions).toEqual([{ anniversaryFrom: '2019-04-01', anniversaryTo: '2019-12-13', reviewOn: '2019-12-13' }]);
    expect(R.notices).toEqual({ defaultHorizonDays: 90, atRiskDays: [60, 30, 7], feeGraceDays: [90, 30, 7] });
  });
});

describe('credential catalog (exports.md, FAQ 13, 17, 18)', () => {
  it('maps every code to its category, case-insensitively', () => {
    expect(credentialInfo('TECH_ACCREDITATION', R)?.category).toBe('accreditation_technical');
    expect(credentialInfo('business_accreditation', R)?.category).toBe('accreditation_business');
    expect(credentialInfo(' clf ', R)?.category).toBe('foundational');
    for (const code of ['SAA', 'DVA', 'SOA']) expect(credentialInfo(code, R)?.category).toBe('associate');
    for (const code of ['SAP', 'dop']) expect(credentialInfo(code, R)?.category).toBe('professional');
    for (const code of ['ANS', 'BDS', 'DAS', 'SCS', 'MLS', 'AXS', 'DBS', 'pas']) expect(credentialInfo(code, R)?.category).toBe('specialty');
    expect(Object.keys(R.credentials)).toHaveLength(16);
  });

  it('unknown codes are not credentials', () => {
    expect(credentialInfo('XYZ', R)).toBeUndefined();
    expect(credentialInfo('toString', R)).toBeUndefined();
  });
});

describe('FAQ 40: promotional credits that do not reduce direct revenue', () => {
  it('matches the six exempt types by code or by the guide name, case-insensitively', () => {
    for (const t of [
      'MAP', 'map', 'MAP Credit', 'map credit',
      'SPP_DISCOUNT', 'spp_discount', 'Reseller/SPP Discount', 'reseller/spp discount',
      'EAP', 'EAP Credit', 'PMP', 'pmp credit', 'LSE', 'LSE Credit',
      'RETHINK', 'ReThink Discount', 'rethink discount', '  ReThink   Discount ',
    ]) {
      expect(isExemptCredit(t, R), t).toBe(true);
    }
  });

  it('every other credit type reduces direct revenue', () => {
    for (const t of ['Promotional Credit', 'MAP Discount', 'SPP', 'Reseller', 'ReThink Credit', 'MAP-Credit', 'Credit', '']) {
      expect(isExemptCredit(t, R), t).toBe(false);
    }
    expect(isExemptCredit(null, R)).toBe(false);
  });
});
