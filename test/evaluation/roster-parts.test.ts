// The parts the roster is evaluated in: every partner in exactly one part, small parts first and last.
import { describe, expect, it } from 'vitest';
import { rosterParts } from '../../src/evaluation/evaluate-day.js';

const sum = (parts: number[]) => parts.reduce((a, b) => a + b, 0);

describe('rosterParts', () => {
  it('covers the roster exactly, with no empty part', () => {
    for (const total of [0, 1, 999, 5_000, 5_001, 14_999, 20_000, 20_001, 100_000, 1_234_567]) {
      const parts = rosterParts(total);
      expect(sum(parts), String(total)).toBe(total);
      expect(parts.every((p) => p > 0), String(total)).toBe(true);
    }
  });

  it('reads the APN roster in small first and last parts around parts of at most 25,000', () => {
    expect(rosterParts(100_000)).toEqual([5_000, 20_000, 20_000, 20_000, 20_000, 10_000, 5_000]);
    const large = rosterParts(1_000_000);
    expect(large.slice(1, -2).every((p) => p <= 25_000)).toBe(true);
    expect([large[0], ...large.slice(-2)]).toEqual([5_000, 10_000, 5_000]);
  });

  it('a small roster is one part', () => {
    expect(rosterParts(1_000)).toEqual([1_000]);
  });
});
