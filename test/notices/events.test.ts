// Which notices an evaluation calls for, and what a partner notice says (rules.md, Notices).
import { describe, expect, it } from 'vitest';
import { noticeEvents } from '../../src/notices/events.js';
import { renderPartnerNotice } from '../../src/notices/render.js';
import { RULESET_2019 } from '../../src/rules/ruleset-2019.js';
import type { PartnerEvaluation, RequirementResult } from '../../src/rules/types.js';

const SETTINGS = { ruleSet: RULESET_2019, horizonDays: 90 };

function evaluation(over: Partial<PartnerEvaluation>): PartnerEvaluation {
  return {
    partnerId: 'P1', partnerName: 'Acme', partnerType: 'consulting', currentTier: 'advanced', qualifiedTier: 'advanced',
    projectedTier: 'select', reviewDate: '2019-12-13', daysToReview: 13, flags: [],
    fee: { status: 'paid', billingDate: '2018-12-13', graceEndsOn: '2019-03-13' }, requirements: [], projectedRequirements: [],
    ...over,
  };
}

describe('notice events', () => {
  it('at_risk: the bucket is the smallest threshold at or above the days left (horizon, 60, 30, 7)', () => {
    const bucket = (days: number, horizonDays = 90) =>
      noticeEvents(evaluation({ flags: ['at_risk'], daysToReview: days }), '2019-11-30', { ...SETTINGS, horizonDays })[0]?.bucket ?? null;
    expect([90, 61, 60, 50, 31, 30, 8, 7, 0].map((d) => bucket(d))).toEqual([90, 90, 60, 60, 60, 30, 30, 7, 7]);
    // a horizon of 45: 45, then 30 and 7
    expect([45, 40, 30, 7].map((d) => bucket(d, 45))).toEqual([45, 45, 30, 7]);
    expect(noticeEvents(evaluation({ flags: ['at_risk'] }), '2019-11-30', SETTINGS)[0]).toEqual({ kind: 'at_risk', partnerId: 'P1', anchor: '2019-12-13', bucket: 30, daysLeft: 13 });
  });

  it('fee_grace counts the days to the end of grace (90, 30, 7); fee_overdue is one event per billing date', () => {
    const grace = evaluation({ flags: ['fee_grace'], fee: { status: 'grace', billingDate: '2019-10-01', graceEndsOn: '2019-12-30' } });
    expect(noticeEvents(grace, '2019-10-01', SETTINGS)).toEqual([{ kind: 'fee_grace', partnerId: 'P1', anchor: '2019-12-30', bucket: 90, daysLeft: 90 }]);
    expect(noticeEvents(grace, '2019-11-30', SETTINGS)[0]).toMatchObject({ bucket: 30, daysLeft: 30 });
    expect(noticeEvents(grace, '2019-12-24', SETTINGS)[0]).toMatchObject({ bucket: 7, daysLeft: 6 });
    const overdue = evaluation({ flags: ['fee_overdue'], fee: { status: 'overdue', billingDate: '2019-08-01', graceEndsOn: '2019-10-30' } });
    expect(noticeEvents(overdue, '2019-11-30', SETTINGS)).toEqual([{ kind: 'fee_overdue', partnerId: 'P1', anchor: '2019-08-01', bucket: null, daysLeft: null }]);
  });

  it('no flag, no notice: below_tier and upgrade_eligible are in the digest only', () => {
    expect(noticeEvents(evaluation({ flags: ['below_tier', 'upgrade_eligible'] }), '2019-11-30', SETTINGS)).toEqual([]);
  });
});

describe('a partner notice', () => {
  const unmet: RequirementResult = { tier: 'advanced', id: 'technical_certified', met: false, actual: 4, required: 6, detail: { professionalOrSpecialty: 2, requiredProfessionalOrSpecialty: 3, shortfall: 'needs 2 more technical certified individuals' } };
  const leaving: RequirementResult = { tier: 'advanced', id: 'csat_responses', met: true, actual: 20, required: 20, detail: { leavesWindowOn: '2019-12-05' } };
  const later: RequirementResult = { tier: 'advanced', id: 'public_references', met: true, actual: 2, required: 2, detail: { leavesWindowOn: '2020-03-01' } };
  const p = evaluation({ flags: ['at_risk'], requirements: [leaving, later], projectedRequirements: [unmet, { ...unmet, tier: 'premier', required: 25 }, { ...leaving, met: false, actual: 18 }] });

  it('names each requirement of its tier unmet at R, with the projected and required figures and the date to meet it by', () => {
    const { subject, text } = renderPartnerNotice(noticeEvents(p, '2019-11-30', SETTINGS)[0]!, p, '2019-11-30');
    expect(subject).toBe('APN tier review: Acme (P1) is at risk of losing the Advanced tier at its review on 2019-12-13');
    expect(text).toContain('13 days from now');
    expect(text).toContain('not met at the review on 2019-12-13 (to be met by then)');
    expect(text).toContain('- AWS Technical Certified Individuals: 4 (2 professional or specialty) at the review, 6 (≥ 3 professional or specialty) required; needs 2 more technical certified individuals.');
    // only the partner's own tier
    expect(text).not.toContain('25');
  });

  it('says what leaves the window before R, and nothing that leaves after it', () => {
    const { text } = renderPartnerNotice(noticeEvents(p, '2019-11-30', SETTINGS)[0]!, p, '2019-11-30');
    expect(text).toMatch(/Leaving the 12-month window before the review:\n- [^\n]*: 20 counted today, 18 at the review; the oldest item counted today stops counting on 2019-12-05\./);
    expect(text).not.toContain('2020-03-01');
  });

  it('fee_overdue says the tier is at risk for downgrade', () => {
    const overdue = evaluation({ flags: ['fee_overdue'], fee: { status: 'overdue', billingDate: '2019-08-01', graceEndsOn: '2019-10-30' } });
    const { subject, text } = renderPartnerNotice(noticeEvents(overdue, '2019-11-30', SETTINGS)[0]!, overdue, '2019-11-30');
    expect(subject).toContain('overdue');
    expect(text).toContain('at risk for downgrade');
    expect(text).toContain('grace period ended on 2019-10-30');
  });
});
