import { describe, expect, it } from 'vitest';
import { evaluatePartner } from '../../src/rules/evaluate.js';
import { RULESET_2019 } from '../../src/rules/ruleset-2019.js';
import {
  consultingAdvanced,
  consultingPremier,
  consultingSelect,
  facts,
  find,
  input,
  withEvidence,
} from './fixtures.js';

const R = RULESET_2019;
const PAID_2019 = { '2019-10-01': 2_500 };

describe('tier status and projection (rules.md, Tier status)', () => {
  it('cli.md example dates: reviewed 2019-12-13 (FAQ 4), 13 days, billed 2019-10-01 (FAQ 6)', () => {
    const e = evaluatePartner(input({ facts: facts({ businessPlanSignedOn: '2019-03-01' }), feePayments: PAID_2019 }), R);
    expect(e).toMatchObject({
      partnerId: 'P1', partnerName: 'Partner One', partnerType: 'consulting', currentTier: 'advanced',
      qualifiedTier: 'advanced', projectedTier: 'advanced', reviewDate: '2019-12-13', daysToReview: 13, flags: [],
      fee: { status: 'paid', billingDate: '2019-10-01', graceEndsOn: '2019-12-30' },
    });
    expect(e.projectedRequirements).toHaveLength(23);
  });

  it('projection differs from D: a business plan signed 2018-12-01 counts on 2019-11-30 but not at 2019-12-13', () => {
    const e = evaluatePartner(input({ facts: facts({ businessPlanSignedOn: '2018-12-01' }), feePayments: PAID_2019 }), R);
    expect(e.qualifiedTier).toBe('advanced');
    expect(e.projectedTier).toBe('select');
    expect(find(e.requirements, 'advanced', 'business_plan')).toMatchObject({ met: true, detail: { leavesWindowOn: '2019-12-01' } });
    expect(find(e.projectedRequirements, 'advanced', 'business_plan')).toEqual({
      tier: 'advanced', id: 'business_plan', met: false, actual: 0, required: 1,
      detail: { shortfall: 'needs a partner business plan signed after 2018-12-13' },
    });
    expect(e.flags).toEqual(['at_risk']);
  });

  it('projection uses the figures at R: 2 CSAT responses leaving the window before R make it unmet', () => {
    const atReview = withEvidence(consultingAdvanced(), { csat: { responses: 18, oldestOn: '2019-01-05' } });
    const e = evaluatePartner(input({ facts: facts({ businessPlanSignedOn: '2019-03-01' }), atReview, feePayments: PAID_2019 }), R);
    expect(find(e.projectedRequirements, 'advanced', 'csat_responses')).toEqual({
      tier: 'advanced', id: 'csat_responses', met: false, actual: 18, required: 20,
      detail: { leavesWindowOn: '2020-01-05', shortfall: 'needs 2 more validated customer satisfaction responses' },
    });
    expect(e).toMatchObject({ qualifiedTier: 'advanced', projectedTier: 'select', flags: ['at_risk'] });
  });

  it('a business plan signed after D counts neither on D nor at R', () => {
    const e = evaluatePartner(input({ facts: facts({ businessPlanSignedOn: '2019-12-05' }), feePayments: PAID_2019 }), R);
    expect(find(e.requirements, 'advanced', 'business_plan').met).toBe(false);
    expect(find(e.projectedRequirements, 'advanced', 'business_plan').met).toBe(false);
  });

  it('FAQ 25: legacy credits end with 2020-03-31, so a review on 2020-05-15 loses them', () => {
    const figures = withEvidence(consultingSelect(), {
      launched: { opportunities: 1, mrrUsd: 1_500, legacyCredits: 2, oldestLaunchedOn: '2019-10-01', oldestLegacySubmittedOn: '2019-06-01' },
    });
    const e = evaluatePartner(input({
      asOf: '2020-03-01', facts: facts({ currentTier: 'select', renewalDate: '2018-05-15' }), onD: figures,
      feePayments: { '2019-05-15': 2_500 },
    }), R);
    expect(e).toMatchObject({ qualifiedTier: 'select', projectedTier: 'registered', reviewDate: '2020-05-15', daysToReview: 75 });
    expect(find(e.projectedRequirements, 'select', 'launched_opportunities')).toMatchObject({ met: false, actual: 1, detail: { legacyCredits: 0 } });
    expect(e.flags).toEqual(['at_risk']);
  });

  it('sustained_premier and executive_business_review keep their D values in the projection', () => {
    const atReview = withEvidence(consultingPremier(), { csat: { responses: 25 } }); // criteria fail at R
    const e = evaluatePartner(input({
      facts: facts({ businessPlanSignedOn: '2019-03-01', ebrCompletedOn: '2019-10-15' }),
      onD: consultingPremier(), atReview, feePayments: PAID_2019,
    }), R);
    expect(find(e.requirements, 'premier', 'sustained_premier').met).toBe(true);
    expect(find(e.projectedRequirements, 'premier', 'sustained_premier')).toEqual(find(e.requirements, 'premier', 'sustained_premier'));
    expect(find(e.projectedRequirements, 'premier', 'executive_business_review')).toEqual({
      tier: 'premier', id: 'executive_business_review', met: true, actual: 1, required: 1, detail: { exempt: false },
    });
    expect(e).toMatchObject({ qualifiedTier: 'premier', projectedTier: 'advanced', flags: ['upgrade_eligible'] });
  });

  it('registered partners: no review, no projection, fee not applicable; qualifiedTier still computed', () => {
    const e = evaluatePartner(input({ facts: facts({ currentTier: 'registered' }), onD: consultingSelect(), atReview: null }), R);
    expect(e).toMatchObject({
      currentTier: 'registered', qualifiedTier: 'select', projectedTier: null, reviewDate: null, daysToReview: null,
      projectedRequirements: null, fee: { status: 'not_applicable', billingDate: null, graceEndsOn: null },
      flags: ['upgrade_eligible'],
    });
  });

  it('a tiered partner without a renewal date has no review date or projection (bad data, no crash)', () => {
    const e = evaluatePartner(input({ facts: facts({ renewalDate: null, businessPlanSignedOn: '2019-03-01' }), atReview: null }), R);
    expect(e).toMatchObject({ reviewDate: null, daysToReview: null, projectedTier: null, projectedRequirements: null, fee: { status: 'unknown' }, flags: [] });
  });

  it('a registered partner meeting nothing carries no flag (below_tier and at_risk need a tier)', () => {
    const e = evaluatePartner(input({ facts: facts({ currentTier: 'registered' }), onD: withEvidence(consultingSelect(), { csat: { responses: 4 } }), atReview: null }), R);
    expect(e).toMatchObject({ qualifiedTier: 'registered', flags: [] });
  });

  it('rejects an asOf that is not a calendar date', () => {
    expect(() => evaluatePartner(input({ asOf: '2019-02-29' }), R)).toThrow(RangeError);
  });

  it('evidence at the review date is required when there is a review point', () => {
    expect(() => evaluatePartner(input({ atReview: null }), R)).toThrow(/review date 2019-12-13/);
  });

  it('29 February anniversary: reviewed 2021-02-28 in a non-leap year', () => {
    const e = evaluatePartner(input({ asOf: '2021-01-15', facts: facts({ renewalDate: '2016-02-29', businessPlanSignedOn: '2020-03-01' }) }), R);
    expect(e).toMatchObject({ reviewDate: '2021-02-28', daysToReview: 44, fee: { billingDate: '2020-02-29', graceEndsOn: '2020-05-29' } });
  });
});

describe('flags (rules.md, Flags)', () => {
  it('at_risk: the projection misses current_tier and R − D ≤ horizon (13 days; horizon 13 yes, 12 no)', () => {
    const base = { facts: facts({ businessPlanSignedOn: '2018-12-01' }), feePayments: PAID_2019 };
    expect(evaluatePartner(input({ ...base, horizonDays: 13 }), R).flags).toEqual(['at_risk']);
    expect(evaluatePartner(input({ ...base, horizonDays: 12 }), R).flags).toEqual([]);
  });

  it('at_risk: default horizon 90 days: 90 days before R yes, 91 no', () => {
    const f = facts({ renewalDate: '2020-03-01', businessPlanSignedOn: '2019-06-01' });
    const atReview = consultingSelect();
    const at90 = evaluatePartner(input({ asOf: '2019-12-02', facts: f, atReview, feePayments: { '2019-03-01': 2_500 } }), R);
    expect(at90).toMatchObject({ reviewDate: '2020-03-01', daysToReview: 90, projectedTier: 'select', flags: ['at_risk'] });
    const at91 = evaluatePartner(input({ asOf: '2019-12-01', facts: f, atReview, feePayments: { '2019-03-01': 2_500 } }), R);
    expect(at91).toMatchObject({ daysToReview: 91, projectedTier: 'select', flags: [] });
  });

  it('below_tier alone when the review is far: advanced partner meeting only Select, 286 days before R', () => {
    const e = evaluatePartner(input({
      asOf: '2019-12-20', facts: facts({ renewalDate: '2020-10-01', businessPlanSignedOn: '2019-03-01' }),
      onD: consultingSelect(), feePayments: PAID_2019,
    }), R);
    expect(e).toMatchObject({ qualifiedTier: 'select', reviewDate: '2020-10-01', daysToReview: 286, flags: ['below_tier'] });
  });

  it('several flags in the table order: at_risk, below_tier, fee_grace', () => {
    const e = evaluatePartner(input({ facts: facts({ businessPlanSignedOn: '2019-03-01' }), onD: consultingSelect(), feePayments: {} }), R);
    expect(e.fee.status).toBe('grace');
    expect(e.flags).toEqual(['at_risk', 'below_tier', 'fee_grace']);
  });

  it('fee_overdue (at risk for downgrade, step 1) with at_risk and below_tier', () => {
    const e = evaluatePartner(input({
      facts: facts({ renewalDate: '2019-06-01', businessPlanSignedOn: '2019-03-01' }), onD: consultingSelect(), feePayments: {},
    }), R);
    expect(e).toMatchObject({ reviewDate: '2019-12-13', fee: { status: 'overdue', billingDate: '2019-06-01' } });
    expect(e.flags).toEqual(['at_risk', 'below_tier', 'fee_overdue']);
  });

  it('no fee flag when the fee is unknown or not due', () => {
    const base = { facts: facts({ businessPlanSignedOn: '2019-03-01' }) };
    expect(evaluatePartner(input({ ...base, feePayments: null }), R).flags).toEqual([]);
    expect(evaluatePartner(input({ facts: facts({ businessPlanSignedOn: '2019-03-01', tierSince: '2019-11-01' }), feePayments: {} }), R).flags).toEqual([]);
  });

  it('upgrade_eligible: qualified above current_tier', () => {
    const e = evaluatePartner(input({
      facts: facts({ currentTier: 'select', businessPlanSignedOn: '2019-03-01' }), onD: consultingAdvanced(), feePayments: PAID_2019,
    }), R);
    expect(e).toMatchObject({ qualifiedTier: 'advanced', flags: ['upgrade_eligible'] });
  });

  it('upgrade_eligible: an advanced consulting partner with the premier criteria and sustained_premier met, EBR not yet', () => {
    const e = evaluatePartner(input({
      facts: facts({ businessPlanSignedOn: '2019-03-01' }), onD: consultingPremier(), feePayments: PAID_2019,
    }), R);
    expect(find(e.requirements, 'premier', 'executive_business_review').met).toBe(false);
    expect(e).toMatchObject({ qualifiedTier: 'advanced', flags: ['upgrade_eligible'] });
  });

  it('not upgrade_eligible while sustained_premier misses days', () => {
    const e = evaluatePartner(input({
      facts: facts({ businessPlanSignedOn: '2019-03-01' }), onD: consultingPremier(), feePayments: PAID_2019,
      sustained: { missingDays: 1, allStoredDaysMet: true },
    }), R);
    expect(e).toMatchObject({ qualifiedTier: 'advanced', flags: [] });
  });

  it('premier partners meeting Premier carry no flag', () => {
    const e = evaluatePartner(input({
      facts: facts({ currentTier: 'premier', businessPlanSignedOn: '2019-03-01' }), onD: consultingPremier(), feePayments: PAID_2019,
    }), R);
    expect(e).toMatchObject({ qualifiedTier: 'premier', projectedTier: 'premier', flags: [] });
  });

  it('a premier partner losing the criteria is below_tier (the exemption covers only sustained and EBR)', () => {
    const e = evaluatePartner(input({
      facts: facts({ currentTier: 'premier', businessPlanSignedOn: '2019-03-01' }), onD: consultingAdvanced(), feePayments: PAID_2019,
    }), R);
    expect(e).toMatchObject({ qualifiedTier: 'advanced', flags: ['at_risk', 'below_tier'] });
  });
});
