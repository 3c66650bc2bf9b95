import { describe, expect, it } from 'vitest';
import { evaluationPoints, sustainedHistoryRange } from '../../src/rules/points.js';
import { RULESET_2019 } from '../../src/rules/ruleset-2019.js';
import { facts } from './fixtures.js';

const R = RULESET_2019;

describe('evaluationPoints', () => {
  it('D and the projection to R(D) (FAQ 4 transition: 2019-12-13), both cut off at D', () => {
    expect(evaluationPoints(facts({ renewalDate: '2019-10-01' }), '2019-11-30', R)).toEqual([
      {
        point: 'asOf', e: '2019-11-30', windowStartExclusive: '2018-11-30', cutoff: '2019-11-30',
        legacyCreditsActive: true, revenueMonthFrom: '2018-12-01', revenueMonthTo: '2019-11-01',
      },
      {
        point: 'review', e: '2019-12-13', windowStartExclusive: '2018-12-13', cutoff: '2019-11-30',
        legacyCreditsActive: true, revenueMonthFrom: '2018-12-01', revenueMonthTo: '2019-11-01',
      },
    ]);
  });

  it('FAQ 37: only complete months count; on 2019-11-29 November 2019 is not complete, November 2018 ends in W', () => {
    const [p] = evaluationPoints(facts(), '2019-11-29', R);
    expect(p).toMatchObject({ windowStartExclusive: '2018-11-29', revenueMonthFrom: '2018-11-01', revenueMonthTo: '2019-10-01' });
  });

  it('29 February: on 2020-02-29 the months are March 2019 to February 2020', () => {
    const [p] = evaluationPoints(facts(), '2020-02-29', R);
    expect(p).toMatchObject({ windowStartExclusive: '2019-02-28', revenueMonthFrom: '2019-03-01', revenueMonthTo: '2020-02-01' });
    const [q] = evaluationPoints(facts(), '2020-02-28', R);
    expect(q).toMatchObject({ windowStartExclusive: '2019-02-28', revenueMonthFrom: '2019-03-01', revenueMonthTo: '2020-01-01' });
  });

  it('FAQ 25: legacy credits are active while E ≤ 2020-03-31, per point', () => {
    expect(evaluationPoints(facts(), '2020-03-31', R)[0]?.legacyCreditsActive).toBe(true);
    expect(evaluationPoints(facts(), '2020-04-01', R)[0]?.legacyCreditsActive).toBe(false);
    const [d, r] = evaluationPoints(facts({ renewalDate: '2018-05-15' }), '2020-03-01', R);
    expect(d).toMatchObject({ e: '2020-03-01', legacyCreditsActive: true });
    expect(r).toMatchObject({ e: '2020-05-15', legacyCreditsActive: false });
  });

  it('an empty revenue range (from > to) when R is more than a year after D', () => {
    // anniversary 05-01 is in the transition range; D after the 2018 anniversary → R = 2019-12-13
    const [, r] = evaluationPoints(facts({ renewalDate: '2019-05-01' }), '2018-06-01', R);
    expect(r).toMatchObject({
      e: '2019-12-13', windowStartExclusive: '2018-12-13', cutoff: '2018-06-01',
      revenueMonthFrom: '2018-12-01', revenueMonthTo: '2018-05-01',
    });
  });

  it('no projection for registered partners or without a renewal date', () => {
    expect(evaluationPoints(facts({ currentTier: 'registered' }), '2019-11-30', R).map((p) => p.point)).toEqual(['asOf']);
    expect(evaluationPoints(facts({ renewalDate: null }), '2019-11-30', R).map((p) => p.point)).toEqual(['asOf']);
  });
});

describe('sustainedHistoryRange: the stored days of (D − 6 months, D)', () => {
  it('2019-08-31: from 2019-03-01 (after 2019-02-28) to 2019-08-30, 183 days', () => {
    expect(sustainedHistoryRange('2019-08-31', R)).toEqual({ from: '2019-03-01', to: '2019-08-30', days: 183 });
  });

  it('29 February: 2020-08-31 → after 2020-02-29; 2020-08-29 → after 2020-02-29', () => {
    expect(sustainedHistoryRange('2020-08-31', R)).toEqual({ from: '2020-03-01', to: '2020-08-30', days: 183 });
    expect(sustainedHistoryRange('2020-08-29', R)).toEqual({ from: '2020-03-01', to: '2020-08-28', days: 181 });
  });
});
