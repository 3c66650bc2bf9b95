import { describe, expect, it } from 'vitest';
import { evaluatePartner, premierCriteriaMet } from '../../src/rules/evaluate.js';
import { accreditationMet } from '../../src/rules/requirements.js';
import { RULESET_2019 } from '../../src/rules/ruleset-2019.js';
import type { RuleSet } from '../../src/rules/ruleset.js';
import { accreditationShortfall, formatUsd, technicalShortfall } from '../../src/rules/shortfall.js';
import type { EvidenceFigures } from '../../src/rules/types.js';
import {
  consultingAdvanced,
  consultingPremier,
  consultingSelect,
  facts,
  find,
  input,
  noEvidence,
  technologyAdvanced,
  technologySelect,
  withEvidence,
} from './fixtures.js';

const R = RULESET_2019;

function onD(figures: EvidenceFigures, factOverrides: Parameters<typeof facts>[0] = {}, asOf = '2019-11-30') {
  return evaluatePartner(input({ facts: facts(factOverrides), asOf, onD: figures }), R);
}

describe('requirements on D: contract shape (cli.md)', () => {
  it('an advanced consulting partner meeting Advanced exactly: every requirement of every tier, in order, with cli.md names', () => {
    const e = onD(consultingAdvanced(), { businessPlanSignedOn: '2019-03-01' });
    const leaves = '2020-06-01'; // items dated 2019-06-01
    expect(e.qualifiedTier).toBe('advanced');
    expect(e.requirements).toEqual([
      { tier: 'select', id: 'accredited_professionals', met: true, actual: 8, required: 4, detail: { technical: 4, business: 4, both: 0, requiredEach: 2 } },
      { tier: 'select', id: 'foundational_certified', met: true, actual: 4, required: 2 },
      { tier: 'select', id: 'technical_certified', met: true, actual: 6, required: 2 },
      { tier: 'select', id: 'launched_opportunities', met: true, actual: 20, required: 3, detail: { mrrUsd: 10000, requiredMrrUsd: 1500, legacyCredits: 0, leavesWindowOn: leaves } },
      { tier: 'select', id: 'public_references', met: true, actual: 2, required: 1, detail: { leavesWindowOn: leaves } },
      { tier: 'select', id: 'csat_responses', met: true, actual: 20, required: 5, detail: { leavesWindowOn: leaves } },
      { tier: 'advanced', id: 'accredited_professionals', met: true, actual: 8, required: 8, detail: { technical: 4, business: 4, both: 0, requiredEach: 4 } },
      { tier: 'advanced', id: 'foundational_certified', met: true, actual: 4, required: 4 },
      { tier: 'advanced', id: 'technical_certified', met: true, actual: 6, required: 6, detail: { professionalOrSpecialty: 3, requiredProfessionalOrSpecialty: 3 } },
      { tier: 'advanced', id: 'launched_opportunities', met: true, actual: 20, required: 20, detail: { mrrUsd: 10000, requiredMrrUsd: 10000, legacyCredits: 0, leavesWindowOn: leaves } },
      { tier: 'advanced', id: 'business_plan', met: true, actual: 1, required: 1, detail: { leavesWindowOn: '2020-03-01' } },
      { tier: 'advanced', id: 'public_references', met: true, actual: 2, required: 2, detail: { leavesWindowOn: leaves } },
      { tier: 'advanced', id: 'csat_responses', met: true, actual: 20, required: 20, detail: { leavesWindowOn: leaves } },
      { tier: 'premier', id: 'accredited_professionals', met: false, actual: 8, required: 20,
        detail: { technical: 4, business: 4, both: 0, requiredEach: 10, shortfall: 'needs 6 more technical and 6 more business accredited individuals' } },
      { tier: 'premier', id: 'foundational_certified', met: false, actual: 4, required: 10,
        detail: { shortfall: 'needs 6 more foundational (Cloud Practitioner) certified individuals' } },
      { tier: 'premier', id: 'technical_certified', met: false, actual: 6, required: 25,
        detail: { professionalOrSpecialty: 3, requiredProfessionalOrSpecialty: 10, shortfall: 'needs 19 more technical certified individuals, at least 7 of them professional or specialty' } },
      { tier: 'premier', id: 'launched_opportunities', met: false, actual: 20, required: 50,
        detail: { mrrUsd: 10000, requiredMrrUsd: 50000, legacyCredits: 0, leavesWindowOn: leaves, shortfall: 'needs 30 more launched opportunities and 40,000 USD more estimated MRR' } },
      { tier: 'premier', id: 'business_plan', met: true, actual: 1, required: 1, detail: { leavesWindowOn: '2020-03-01' } },
      { tier: 'premier', id: 'program_validations', met: false, actual: 0, required: 3,
        detail: { includesMspOrDevOps: false, shortfall: 'needs 3 more program validations, at least one of them MSP or the DevOps Competency' } },
      { tier: 'premier', id: 'sustained_premier', met: false, actual: 0, required: 1,
        detail: { exempt: false, missingDays: 0, shortfall: 'needs the premier criteria met on every day from 2019-05-31 to 2019-11-30: they are not met on 2019-11-30' } },
      { tier: 'premier', id: 'executive_business_review', met: false, actual: 0, required: 1,
        detail: { exempt: false, shortfall: 'needs a completed Executive Business Review (the last step of the application)' } },
      { tier: 'premier', id: 'public_references', met: false, actual: 2, required: 6,
        detail: { leavesWindowOn: leaves, shortfall: 'needs 4 more publicly referenceable customers' } },
      { tier: 'premier', id: 'csat_responses', met: false, actual: 20, required: 30,
        detail: { leavesWindowOn: leaves, shortfall: 'needs 10 more validated customer satisfaction responses' } },
    ]);
  });

  it('technology partners get their own tables: Select then Advanced, 14 requirements', () => {
    const e = onD(technologySelect(), { partnerType: 'technology', currentTier: 'select', gaProductCount: 1 });
    expect(e.requirements.map((r) => `${r.tier}/${r.id}`)).toEqual([
      'select/technical_certified', 'select/launched_opportunities', 'select/direct_revenue', 'select/product_listing',
      'select/public_references', 'select/csat_responses',
      'advanced/technical_certified', 'advanced/launched_opportunities', 'advanced/direct_revenue', 'advanced/product_listing',
      'advanced/business_plan', 'advanced/technical_baseline_review', 'advanced/public_references', 'advanced/csat_responses',
    ]);
    expect(e.qualifiedTier).toBe('select');
  });
});

describe('accredited professionals (step 2; rules.md Decision on individuals with both)', () => {
  const adv = (t: number, b: number, k: number) =>
    find(onD(withEvidence(consultingAdvanced(), { accreditation: { technicalOnly: t, businessOnly: b, both: k } }), {
      businessPlanSignedOn: '2019-03-01',
    }).requirements, 'advanced', 'accredited_professionals');

  it('an individual with both fills the short minimum: 4 technical, 3 business, 1 both meets 8 (4 & 4)', () => {
    expect(adv(4, 3, 1)).toMatchObject({ met: true, actual: 8, detail: { technical: 4, business: 3, both: 1, requiredEach: 4 } });
  });

  it('individuals with both can cover both minimums between them: 2, 2 and 4 both meets 8 (4 & 4)', () => {
    expect(adv(2, 2, 4)).toMatchObject({ met: true, actual: 8 });
  });

  it('the total counts each individual once: 2, 2 and 2 both is 6 of 8', () => {
    expect(adv(2, 2, 2)).toMatchObject({ met: false, actual: 6, required: 8 });
  });

  it('the minimum per kind: 6 technical and 2 business is 8 individuals but unmet', () => {
    expect(adv(6, 2, 0)).toMatchObject({ met: false, actual: 8, detail: { shortfall: 'needs 2 more business accredited individuals' } });
  });

  it('a "both" individual fills one minimum, not both (accreditationMet)', () => {
    expect(accreditationMet({ technicalOnly: 0, businessOnly: 0, both: 2 }, 2, 2)).toBe(false);
    expect(accreditationMet({ technicalOnly: 0, businessOnly: 0, both: 4 }, 4, 2)).toBe(true);
    expect(accreditationMet({ technicalOnly: 3, businessOnly: 0, both: 1 }, 4, 2)).toBe(false);
    expect(accreditationMet({ technicalOnly: 2, businessOnly: 1, both: 1 }, 4, 2)).toBe(true);
  });

  it('shortfall sentences allocate the "both" individuals to the minimum furthest from being met', () => {
    expect(adv(3, 1, 1).detail?.shortfall).toBe(
      'needs 1 more technical and 2 more business accredited individuals (counting the 1 individual with both accreditations as business)',
    );
    expect(adv(3, 3, 1).detail?.shortfall).toBe(
      'needs 1 more business accredited individual (counting the 1 individual with both accreditations as technical)',
    );
    expect(adv(2, 2, 3).detail?.shortfall).toBe(
      'needs 1 more business accredited individual (counting the 3 individuals with both accreditations as 2 technical and 1 business)',
    );
    expect(adv(1, 6, 1).detail?.shortfall).toBe('needs 2 more technical accredited individuals');
    expect(adv(3, 4, 0).detail?.shortfall).toBe('needs 1 more technical accredited individual');
  });

  it('a total beyond the two minimums asks for individuals of either kind', () => {
    expect(accreditationShortfall({ technicalOnly: 2, businessOnly: 2, both: 0 }, 6, 2)).toBe('2 more accredited individuals of either kind');
    expect(accreditationShortfall({ technicalOnly: 2, businessOnly: 1, both: 0 }, 6, 2)).toBe(
      '1 more business accredited individual and 2 more accredited individuals of either kind',
    );
  });
});

describe('technical certified individuals (step 4, FAQ 18, FAQ 20)', () => {
  const adv = (total: number, pos: number) =>
    find(onD(withEvidence(consultingAdvanced(), { technical: { total, professionalOrSpecialty: pos } })).requirements, 'advanced', 'technical_certified');

  it('Advanced needs 6 with at least 3 professional or specialty (cli.md example: 4 with 2)', () => {
    expect(adv(4, 2)).toEqual({
      tier: 'advanced', id: 'technical_certified', met: false, actual: 4, required: 6,
      detail: { professionalOrSpecialty: 2, requiredProfessionalOrSpecialty: 3, shortfall: 'needs 2 more technical certified individuals, at least 1 of them professional or specialty' },
    });
    expect(adv(6, 2).detail?.shortfall).toBe('needs 1 more professional or specialty certified individual');
    expect(adv(5, 1).detail?.shortfall).toBe('needs 2 more professional or specialty certified individuals');
    expect(adv(7, 2).met).toBe(false);
    expect(adv(6, 3).met).toBe(true);
  });

  it('Select accepts any level: 2 associates meet it, and no professional-or-specialty detail is given', () => {
    const r = find(onD(consultingSelect(), { currentTier: 'select' }).requirements, 'select', 'technical_certified');
    expect(r).toEqual({ tier: 'select', id: 'technical_certified', met: true, actual: 2, required: 2 });
    expect(technicalShortfall(1, 0, 2, null)).toBe('1 more technical certified individual');
  });
});

describe('launched opportunities (step 5, FAQ 25, FAQ 27)', () => {
  const sel = (launched: Partial<EvidenceFigures['launched']>, asOf = '2019-11-30') =>
    find(onD(withEvidence(consultingSelect(), { launched }), { currentTier: 'select' }, asOf).requirements, 'select', 'launched_opportunities');

  it('FAQ 27: the MRR is an aggregate total; 1 cent short is unmet', () => {
    expect(sel({ opportunities: 3, mrrUsd: 1_500 }).met).toBe(true);
    expect(sel({ opportunities: 3, mrrUsd: 1_499.99 })).toMatchObject({ met: false, detail: { mrrUsd: 1499.99, shortfall: 'needs 0.01 USD more estimated MRR' } });
    expect(sel({ opportunities: 2, mrrUsd: 300 }).detail?.shortfall).toBe('needs 1 more launched opportunity and 1,200 USD more estimated MRR');
    expect(sel({ opportunities: 2, mrrUsd: 5_000 }).detail?.shortfall).toBe('needs 1 more launched opportunity');
  });

  it('money is compared exactly, not rounded to cents first: a fraction of a cent short is unmet, and asks for a cent', () => {
    expect(sel({ opportunities: 3, mrrUsd: 1_499.996 })).toMatchObject({ met: false, detail: { mrrUsd: 1499.996, shortfall: 'needs 0.01 USD more estimated MRR' } });
    expect(sel({ opportunities: 3, mrrUsd: 1_500.000001 }).met).toBe(true);
    // a float residue of summing (far below a cent) is not a shortfall
    expect(sel({ opportunities: 3, mrrUsd: 1_499.9999999999998 }).met).toBe(true);
  });

  it('FAQ 25: legacy credits add to the count (not the MRR) through 2020-03-31', () => {
    const figures = { opportunities: 1, mrrUsd: 1_500, legacyCredits: 2, oldestLaunchedOn: '2019-12-15', oldestLegacySubmittedOn: '2019-06-01' };
    expect(sel(figures, '2020-03-31')).toEqual({
      tier: 'select', id: 'launched_opportunities', met: true, actual: 3, required: 3,
      // the legacy credits stop on 2020-04-01, before the 2019-06-01 one's year is over
      detail: { mrrUsd: 1500, requiredMrrUsd: 1500, legacyCredits: 2, leavesWindowOn: '2020-04-01' },
    });
  });

  it('FAQ 25: from 2020-04-01 legacy credits no longer count, even if passed in', () => {
    const figures = { opportunities: 1, mrrUsd: 1_500, legacyCredits: 2, oldestLaunchedOn: '2019-12-15', oldestLegacySubmittedOn: '2019-06-01' };
    expect(sel(figures, '2020-04-01')).toMatchObject({
      met: false, actual: 1, detail: { legacyCredits: 0, leavesWindowOn: '2020-12-15', shortfall: 'needs 2 more launched opportunities' },
    });
  });

  it('a legacy credit leaves with its own year when that is before 2020-04-01', () => {
    const figures = { opportunities: 0, mrrUsd: 0, legacyCredits: 1, oldestLaunchedOn: null, oldestLegacySubmittedOn: '2019-01-20' };
    expect(sel(figures, '2019-11-30').detail?.leavesWindowOn).toBe('2020-01-20');
  });

  it('leavesWindowOn of a 29 February item is 1 March of the next year', () => {
    expect(sel({ opportunities: 3, mrrUsd: 1_500, oldestLaunchedOn: '2020-02-29' }, '2020-06-01').detail?.leavesWindowOn).toBe('2021-03-01');
  });
});

describe('technology Experience: launched opportunities OR direct revenue (FAQ 39)', () => {
  const tech = (figures: EvidenceFigures) =>
    onD(figures, { partnerType: 'technology', currentTier: 'select', gaProductCount: 1, businessPlanSignedOn: '2019-03-01' });

  it('direct revenue alone meets Experience: launched is reported met by the alternative, with its own figures', () => {
    const e = tech(withEvidence(technologySelect(), {
      launched: { opportunities: 0, mrrUsd: 0, oldestLaunchedOn: null },
      directRevenue: { usd: 20_000, oldestMonthEnd: '2018-12-31' },
    }));
    expect(find(e.requirements, 'select', 'launched_opportunities')).toEqual({
      tier: 'select', id: 'launched_opportunities', met: true, actual: 0, required: 3,
      detail: { mrrUsd: 0, requiredMrrUsd: 1500, legacyCredits: 0, alternativeTo: ['direct_revenue'], metByAlternative: true },
    });
    expect(find(e.requirements, 'select', 'direct_revenue')).toEqual({
      tier: 'select', id: 'direct_revenue', met: true, actual: 20000, required: 15000,
      detail: { leavesWindowOn: '2019-12-31', alternativeTo: ['launched_opportunities'], metByAlternative: false },
    });
    expect(e.qualifiedTier).toBe('select');
  });

  it('launched opportunities alone meet Experience', () => {
    const e = tech(technologySelect());
    expect(find(e.requirements, 'select', 'direct_revenue')).toMatchObject({ met: true, actual: 0, detail: { metByAlternative: true } });
    expect(e.qualifiedTier).toBe('select');
  });

  it('neither: both unmet, each shortfall offers the other', () => {
    const e = tech(withEvidence(technologySelect(), {
      launched: { opportunities: 1, mrrUsd: 200 },
      directRevenue: { usd: 5_000, oldestMonthEnd: '2018-12-31' },
    }));
    expect(find(e.requirements, 'select', 'launched_opportunities').detail?.shortfall).toBe(
      'needs 2 more launched opportunities and 1,300 USD more estimated MRR, or instead 10,000 USD more direct revenue',
    );
    expect(find(e.requirements, 'select', 'direct_revenue')).toMatchObject({
      met: false,
      detail: { metByAlternative: false, shortfall: 'needs 10,000 USD more direct revenue, or instead 2 more launched opportunities and 1,300 USD more estimated MRR' },
    });
    expect(e.qualifiedTier).toBe('registered');
  });

  it('direct revenue a fraction of a cent under 15,000 USD does not meet Select', () => {
    const e = tech(withEvidence(technologySelect(), {
      launched: { opportunities: 0, mrrUsd: 0, oldestLaunchedOn: null },
      directRevenue: { usd: 14_999.995, oldestMonthEnd: '2018-12-31' },
    }));
    expect(find(e.requirements, 'select', 'direct_revenue')).toMatchObject({ met: false, actual: 14999.995 });
    expect(find(e.requirements, 'select', 'direct_revenue').detail?.shortfall).toMatch(/^needs 0\.01 USD more direct revenue/);
    expect(e.qualifiedTier).toBe('registered');
  });

  it('alternatives hold per tier: Select met by launched, Advanced met by 350,000 USD direct revenue', () => {
    const e = tech(withEvidence(technologyAdvanced(), { launched: { opportunities: 3, mrrUsd: 1_500, oldestLaunchedOn: '2019-06-01' } }));
    expect(find(e.requirements, 'advanced', 'launched_opportunities')).toMatchObject({ met: true, actual: 3, required: 20, detail: { metByAlternative: true } });
    expect(e.qualifiedTier).toBe('advanced');
    const short = tech(withEvidence(technologyAdvanced(), { directRevenue: { usd: 349_999.5 } }));
    expect(find(short.requirements, 'advanced', 'direct_revenue')).toMatchObject({ met: false, actual: 349999.5 });
    expect(short.qualifiedTier).toBe('select'); // 349,999.50 still meets Select's 15,000
  });

  it('product listing (step 7; table marks Select too) and the Technical Baseline Review (Advanced)', () => {
    const none = onD(technologyAdvanced(), { partnerType: 'technology', currentTier: 'advanced', gaProductCount: 0, businessPlanSignedOn: '2019-03-01' });
    expect(find(none.requirements, 'select', 'product_listing')).toEqual({
      tier: 'select', id: 'product_listing', met: false, actual: 0, required: 1,
      detail: { gaProducts: 0, shortfall: 'needs a product listed as Generally Available on AWS' },
    });
    expect(none.qualifiedTier).toBe('registered');
    const three = onD(technologyAdvanced(), { partnerType: 'technology', currentTier: 'advanced', gaProductCount: 3, businessPlanSignedOn: '2019-03-01' });
    expect(find(three.requirements, 'advanced', 'product_listing')).toEqual({
      tier: 'advanced', id: 'product_listing', met: true, actual: 1, required: 1, detail: { gaProducts: 3 },
    });
    expect(three.qualifiedTier).toBe('advanced');
    const noTbr = onD(withEvidence(technologyAdvanced(), { validations: { technicalBaselineReview: false } }),
      { partnerType: 'technology', currentTier: 'advanced', gaProductCount: 3, businessPlanSignedOn: '2019-03-01' });
    expect(find(noTbr.requirements, 'advanced', 'technical_baseline_review')).toEqual({
      tier: 'advanced', id: 'technical_baseline_review', met: false, actual: 0, required: 1,
      detail: { shortfall: 'needs an active APN Technical Baseline Review' },
    });
    expect(noTbr.qualifiedTier).toBe('select');
  });
});

describe('business plan (step 8): signed within W and not after D', () => {
  const plan = (signed: string | null) =>
    find(onD(consultingAdvanced(), { businessPlanSignedOn: signed }).requirements, 'advanced', 'business_plan');

  it('signed 2018-12-01 counts on 2019-11-30, until 2019-12-01; signed 2018-11-30 does not', () => {
    expect(plan('2018-12-01')).toEqual({ tier: 'advanced', id: 'business_plan', met: true, actual: 1, required: 1, detail: { leavesWindowOn: '2019-12-01' } });
    expect(plan('2018-11-30')).toEqual({
      tier: 'advanced', id: 'business_plan', met: false, actual: 0, required: 1,
      detail: { shortfall: 'needs a partner business plan signed after 2018-11-30' },
    });
  });

  it('a plan signed after D does not count on D', () => {
    expect(plan('2019-12-01').met).toBe(false);
    expect(plan(null).met).toBe(false);
  });
});

describe('program validations (step 9): 3, including MSP or the DevOps Competency', () => {
  const pv = (premierEligible: number, includesMspOrDevOps: boolean) =>
    find(onD(withEvidence(consultingPremier(), { validations: { premierEligible, includesMspOrDevOps } })).requirements, 'premier', 'program_validations');

  it('met with 3 including MSP or DevOps; unmet without', () => {
    expect(pv(3, true)).toEqual({ tier: 'premier', id: 'program_validations', met: true, actual: 3, required: 3, detail: { includesMspOrDevOps: true } });
    expect(pv(3, false).detail).toEqual({ includesMspOrDevOps: false, shortfall: 'needs an MSP or DevOps Competency validation' });
    expect(pv(4, false).met).toBe(false);
    expect(pv(2, true).detail?.shortfall).toBe('needs 1 more program validation (MSP, Competency or Well-Architected)');
    expect(pv(2, false).detail?.shortfall).toBe('needs 1 more program validation, at least one of them MSP or the DevOps Competency');
  });
});

describe('sustained attainment (step 11) and EBR (step 10), FAQ 47', () => {
  const applicant = (sustained: { missingDays: number; allStoredDaysMet: boolean }, figures = consultingPremier(), ebr: string | null = null) =>
    evaluatePartner(input({
      facts: facts({ currentTier: 'advanced', businessPlanSignedOn: '2019-03-01', ebrCompletedOn: ebr }),
      onD: figures, sustained,
    }), R);

  it('met when every stored day of the six months and D itself meet the premier criteria', () => {
    const e = applicant({ missingDays: 0, allStoredDaysMet: true });
    expect(find(e.requirements, 'premier', 'sustained_premier')).toEqual({
      tier: 'premier', id: 'sustained_premier', met: true, actual: 1, required: 1, detail: { exempt: false, missingDays: 0 },
    });
  });

  it('missing days make it unmet and are reported (a backfill fills them)', () => {
    const e = applicant({ missingDays: 3, allStoredDaysMet: true });
    expect(find(e.requirements, 'premier', 'sustained_premier')).toEqual({
      tier: 'premier', id: 'sustained_premier', met: false, actual: 0, required: 1,
      detail: {
        exempt: false, missingDays: 3,
        shortfall: 'needs the premier criteria met on every day from 2019-05-31 to 2019-11-30: 3 days have no stored evaluation (a backfill fills them)',
      },
    });
  });

  it('a stored day without the criteria makes it unmet', () => {
    const e = applicant({ missingDays: 0, allStoredDaysMet: false });
    expect(find(e.requirements, 'premier', 'sustained_premier')).toMatchObject({
      met: false, detail: { shortfall: 'needs the premier criteria met on every day from 2019-05-31 to 2019-11-30: they were not met on every stored day' },
    });
  });

  it('D itself must meet the criteria: 29 CSAT responses on D breaks a perfect history', () => {
    const e = applicant({ missingDays: 0, allStoredDaysMet: true }, withEvidence(consultingPremier(), { csat: { responses: 29 } }));
    expect(find(e.requirements, 'premier', 'sustained_premier').met).toBe(false);
  });

  it('six months before 2019-08-31 is 2019-02-28: the period starts 2019-03-01', () => {
    const e = evaluatePartner(input({
      asOf: '2019-08-31',
      facts: facts({ currentTier: 'advanced', businessPlanSignedOn: '2019-03-01' }),
      onD: consultingPremier(),
      sustained: { missingDays: 1, allStoredDaysMet: true },
    }), R);
    expect(find(e.requirements, 'premier', 'sustained_premier').detail?.shortfall).toBe(
      'needs the premier criteria met on every day from 2019-03-01 to 2019-08-31: 1 day has no stored evaluation (a backfill fills them)',
    );
  });

  it('EBR: met when completed on or before D', () => {
    expect(find(applicant({ missingDays: 0, allStoredDaysMet: true }, consultingPremier(), '2019-10-01').requirements, 'premier', 'executive_business_review'))
      .toEqual({ tier: 'premier', id: 'executive_business_review', met: true, actual: 1, required: 1, detail: { exempt: false } });
    expect(find(applicant({ missingDays: 0, allStoredDaysMet: true }, consultingPremier(), '2019-12-01').requirements, 'premier', 'executive_business_review').met)
      .toBe(false);
  });

  it('an applicant meeting everything including the EBR qualifies for Premier', () => {
    expect(applicant({ missingDays: 0, allStoredDaysMet: true }, consultingPremier(), '2019-10-01').qualifiedTier).toBe('premier');
  });

  it('FAQ 47: existing Premier partners are exempt from both, whatever the history', () => {
    const e = evaluatePartner(input({
      facts: facts({ currentTier: 'premier', businessPlanSignedOn: '2019-03-01' }),
      onD: consultingPremier(),
      sustained: { missingDays: 183, allStoredDaysMet: false },
    }), R);
    expect(find(e.requirements, 'premier', 'sustained_premier')).toEqual({
      tier: 'premier', id: 'sustained_premier', met: true, actual: 1, required: 1, detail: { exempt: true },
    });
    expect(find(e.requirements, 'premier', 'executive_business_review')).toEqual({
      tier: 'premier', id: 'executive_business_review', met: true, actual: 1, required: 1, detail: { exempt: true },
    });
    expect(e.qualifiedTier).toBe('premier');
  });
});

describe('premierCriteriaMet (recorded daily for sustained attainment)', () => {
  it('every premier requirement but sustained_premier and the EBR', () => {
    const e = onD(consultingPremier(), { businessPlanSignedOn: '2019-03-01' });
    expect(find(e.requirements, 'premier', 'sustained_premier').met).toBe(true);
    expect(find(e.requirements, 'premier', 'executive_business_review').met).toBe(false);
    expect(premierCriteriaMet(e.requirements)).toBe(true);
  });

  it('false when one criterion is unmet (no business plan), and for technology partners', () => {
    expect(premierCriteriaMet(onD(consultingPremier()).requirements)).toBe(false);
    expect(premierCriteriaMet(onD(technologyAdvanced(), { partnerType: 'technology' }).requirements, R)).toBe(false);
  });
});

describe('the rule set is data: a later program year is a new rule set', () => {
  it('raising Select CSAT to 7 in a copied rule set changes the verdict, with no code change', () => {
    const consulting = RULESET_2019.partnerTypes.consulting;
    const ruleSet2020: RuleSet = {
      ...RULESET_2019,
      programYear: 2020,
      partnerTypes: {
        ...RULESET_2019.partnerTypes,
        consulting: {
          ...consulting,
          tiers: consulting.tiers.map((t) => t.tier !== 'select' ? t : {
            ...t,
            requirements: t.requirements.map((r) => (r.id === 'csat_responses' ? { ...r, responses: 7 } : r)),
          }),
        },
      },
    };
    const e = evaluatePartner(input({ facts: facts({ currentTier: 'select' }), onD: consultingSelect() }), ruleSet2020);
    expect(find(e.requirements, 'select', 'csat_responses')).toMatchObject({ met: false, actual: 5, required: 7 });
    expect(e.qualifiedTier).toBe('registered');
    expect(evaluatePartner(input({ facts: facts({ currentTier: 'select' }), onD: consultingSelect() }), R).qualifiedTier).toBe('select');
  });
});

describe('formatting', () => {
  it('USD with thousands separators and cents only when needed', () => {
    expect(formatUsd(1200)).toBe('1,200');
    expect(formatUsd(40000)).toBe('40,000');
    expect(formatUsd(1234567.5)).toBe('1,234,567.50');
    expect(formatUsd(0.01)).toBe('0.01');
    expect(formatUsd(-12.5)).toBe('-12.50');
  });

  it('no evidence at all: every requirement unmet with a shortfall, qualified registered', () => {
    const e = onD(noEvidence(), { currentTier: 'registered' });
    expect(e.qualifiedTier).toBe('registered');
    for (const r of e.requirements.filter((x) => !x.met)) expect(typeof r.detail?.shortfall).toBe('string');
    expect(e.requirements.filter((x) => x.met).map((x) => x.id)).toEqual([]);
  });
});
