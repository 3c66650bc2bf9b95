// The stored text of a partner's evaluation inputs: compact, deterministic, and read back whole,
// in the stored form of today and in the one written before (the objects themselves).
import { describe, expect, it } from 'vitest';
import { decodeState, encodeState, type StoredState } from '../../src/evaluation/stored-form.js';
import { consultingPremier, facts, noEvidence, technologySelect, withEvidence } from '../rules/fixtures.js';

const states: StoredState[] = [
  {
    facts: facts({ partnerId: 'P1', partnerName: 'Zoë "Z", Inc.', partnerManagerEmail: null, renewalDate: '2020-02-29', tierSince: null }),
    onD: withEvidence(consultingPremier(), { launched: { oldestLaunchedOn: '2019-01-31', mrrUsd: 1704.9 } }),
    atReview: noEvidence(),
    feePayments: { '2019-10-01': 2500 },
  },
  { facts: facts({ partnerType: 'technology', currentTier: 'select' }), onD: technologySelect(), atReview: null, feePayments: null },
  { facts: facts(), onD: noEvidence(), atReview: null, feePayments: {} },
];

describe('stored state text', () => {
  it('reads back every state it writes', () => {
    for (const state of states) expect(decodeState(encodeState(state))).toEqual(state);
  });

  it('is deterministic and a fraction of the objects written as JSON', () => {
    for (const state of states) {
      expect(encodeState(structuredClone(state))).toBe(encodeState(state));
      expect(encodeState(state).length).toBeLessThan(JSON.stringify(state).length / 2.5);
    }
  });

  it('reads the earlier stored form, the objects themselves', () => {
    for (const state of states) expect(decodeState(JSON.stringify(state))).toEqual(state);
  });
});
