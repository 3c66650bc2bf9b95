import { describe, expect, it } from 'vitest';
import { atRiskThresholds, feeGraceThresholds, noticeBucket } from '../../src/rules/notices.js';
import { RULESET_2019 } from '../../src/rules/ruleset-2019.js';

describe('notice buckets (rules.md, Notices)', () => {
  it('at_risk thresholds: the horizon, then 60, 30 and 7 where below it', () => {
    expect(atRiskThresholds(90, RULESET_2019)).toEqual([90, 60, 30, 7]);
    expect(atRiskThresholds(45, RULESET_2019)).toEqual([45, 30, 7]);
    expect(atRiskThresholds(60, RULESET_2019)).toEqual([60, 30, 7]);
    expect(atRiskThresholds(120, RULESET_2019)).toEqual([120, 60, 30, 7]);
  });

  it('fee_grace thresholds: 90, 30, 7', () => {
    expect(feeGraceThresholds(RULESET_2019)).toEqual([90, 30, 7]);
  });

  it('the bucket is the smallest threshold ≥ n: found at risk 50 days before R, warned in bucket 60', () => {
    const t = atRiskThresholds(90, RULESET_2019);
    expect(noticeBucket(50, t)).toBe(60);
    expect(noticeBucket(90, t)).toBe(90);
    expect(noticeBucket(61, t)).toBe(90);
    expect(noticeBucket(60, t)).toBe(60);
    expect(noticeBucket(31, t)).toBe(60);
    expect(noticeBucket(30, t)).toBe(30);
    expect(noticeBucket(8, t)).toBe(30);
    expect(noticeBucket(7, t)).toBe(7);
    expect(noticeBucket(0, t)).toBe(7);
    expect(noticeBucket(91, t)).toBeNull();
  });

  it('order of the thresholds does not matter', () => {
    expect(noticeBucket(20, [7, 90, 30])).toBe(30);
    expect(noticeBucket(89, feeGraceThresholds(RULESET_2019))).toBe(90);
    expect(noticeBucket(95, feeGraceThresholds(RULESET_2019))).toBeNull();
  });
});
