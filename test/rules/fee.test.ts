import { describe, expect, it } from 'vitest';
import { evaluatePartner } from '../../src/rules/evaluate.js';
import { feeStatus } from '../../src/rules/fee.js';
import { RULESET_2019 } from '../../src/rules/ruleset-2019.js';
import type { FeePaymentsByYear } from '../../src/rules/types.js';
import { facts, input } from './fixtures.js';

const R = RULESET_2019;
const select = facts({ currentTier: 'select', renewalDate: '2019-10-01' });

function fee(asOf: string, payments: FeePaymentsByYear | null, f = select) {
  return feeStatus(f, asOf, payments, R);
}

describe('annual program fee (step 1, FAQ 6; rules.md fee.status)', () => {
  it('paid: payments for B(D) add up to 2,500 (cli.md example: billed 2019-10-01, grace ends 2019-12-30)', () => {
    expect(fee('2019-11-30', { '2019-10-01': 2_500 })).toEqual({ status: 'paid', billingDate: '2019-10-01', graceEndsOn: '2019-12-30' });
    expect(fee('2019-11-30', { '2019-10-01': 3_000 }).status).toBe('paid');
    // a float residue of summing installments is still 2,500
    expect(fee('2019-11-30', { '2019-10-01': 2_499.9999999999995 }).status).toBe('paid');
  });

  it('a payment short by a cent (or less), or for the previous membership year, does not pay B(D)', () => {
    expect(fee('2019-11-30', { '2019-10-01': 2_499.99 }).status).toBe('grace');
    // compared exactly, not rounded to cents: half a cent short is short
    expect(fee('2019-11-30', { '2019-10-01': 2_499.995 }).status).toBe('grace');
    expect(fee('2019-11-30', { '2018-10-01': 2_500 }).status).toBe('grace');
  });

  it('step 1: 90 days of grace: B is day 0, day 90 is still grace, day 91 is overdue', () => {
    expect(fee('2019-10-01', {})).toEqual({ status: 'grace', billingDate: '2019-10-01', graceEndsOn: '2019-12-30' });
    expect(fee('2019-12-30', {}).status).toBe('grace');
    expect(fee('2019-12-31', {})).toEqual({ status: 'overdue', billingDate: '2019-10-01', graceEndsOn: '2019-12-30' });
  });

  it('the day before the anniversary belongs to the previous membership year', () => {
    expect(fee('2019-09-30', { '2018-10-01': 2_500 })).toEqual({ status: 'paid', billingDate: '2018-10-01', graceEndsOn: '2018-12-30' });
  });

  it('not_due when the partner reached its tier after B(D): its first bill is the next anniversary', () => {
    expect(fee('2019-11-30', {}, { ...select, tierSince: '2019-10-02' })).toEqual({ status: 'not_due', billingDate: '2019-10-01', graceEndsOn: '2019-12-30' });
    // reaching the tier on B itself is being at the tier on B: billed
    expect(fee('2019-11-30', {}, { ...select, tierSince: '2019-10-01' }).status).toBe('grace');
    // not_due does not depend on a fee_payments snapshot
    expect(fee('2019-11-30', null, { ...select, tierSince: '2019-11-01' }).status).toBe('not_due');
  });

  it('unknown while no fee_payments snapshot has been loaded', () => {
    expect(fee('2019-11-30', null)).toEqual({ status: 'unknown', billingDate: '2019-10-01', graceEndsOn: '2019-12-30' });
  });

  it('not_applicable for registered partners', () => {
    expect(fee('2019-11-30', { '2019-10-01': 2_500 }, { ...select, currentTier: 'registered' }))
      .toEqual({ status: 'not_applicable', billingDate: null, graceEndsOn: null });
  });

  it('Decision: a tiered partner without a renewal date (bad data) has an unknown fee and no dates', () => {
    expect(fee('2019-11-30', {}, { ...select, renewalDate: null })).toEqual({ status: 'unknown', billingDate: null, graceEndsOn: null });
  });

  it('FAQ 6: the 2019 review transition does not move billing (anniversary 06-01 reviewed 2019-12-13, billed 2019-06-01)', () => {
    const f = { ...select, renewalDate: '2019-06-01' };
    expect(fee('2019-11-30', {}, f)).toEqual({ status: 'overdue', billingDate: '2019-06-01', graceEndsOn: '2019-08-30' });
    expect(fee('2019-08-30', {}, f).status).toBe('grace');
    expect(fee('2019-11-30', { '2019-06-01': 2_500 }, f).status).toBe('paid');
  });

  it('29 February renewal: billed 2019-02-28, grace to 2019-05-29 (day 90), overdue 2019-05-30', () => {
    const f = { ...select, renewalDate: '2016-02-29' };
    expect(fee('2019-05-29', {}, f)).toEqual({ status: 'grace', billingDate: '2019-02-28', graceEndsOn: '2019-05-29' });
    expect(fee('2019-05-30', {}, f).status).toBe('overdue');
    expect(fee('2019-05-30', { '2019-02-28': 2_500 }, f).status).toBe('paid');
    expect(fee('2020-02-29', {}, f)).toEqual({ status: 'grace', billingDate: '2020-02-29', graceEndsOn: '2020-05-29' });
  });

  it('Decision: a renewal date in the future still bills on its past anniversaries', () => {
    expect(fee('2019-11-30', { '2019-05-01': 2_500 }, { ...select, renewalDate: '2020-05-01' }).status).toBe('paid');
  });

  it('is part of the evaluation, not a tier requirement', () => {
    const e = evaluatePartner(input({ feePayments: {}, asOf: '2019-12-31', facts: facts({ businessPlanSignedOn: '2019-03-01' }) }), R);
    expect(e.fee.status).toBe('overdue');
    expect(e.qualifiedTier).toBe('advanced');
  });
});
