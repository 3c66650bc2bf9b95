import { describe, expect, it } from 'vitest';
import { renderJson } from '../../src/report/json.js';
import { fixtureInput, SCRIPT_NAME } from './fixture.js';

describe('renderJson', () => {
  it('prints exactly { asOf, partners } with 2-space indent and a trailing newline', () => {
    const input = fixtureInput();
    const text = renderJson(input);
    const expected = { asOf: '2019-11-30', partners: fixtureInput().partners };
    expect(JSON.parse(text)).toEqual(expected);
    expect(text).toBe(`${JSON.stringify(expected, null, 2)}\n`);
    expect(Object.keys(JSON.parse(text))).toEqual(['asOf', 'partners']);
    expect(text.startsWith('{\n  "asOf": "2019-11-30",\n  "partners": [\n    {\n      "partnerId": "P100",')).toBe(true);
  });

  it('gives registered partners the null fields of the contract', () => {
    const parsed = JSON.parse(renderJson(fixtureInput())) as { partners: unknown[] };
    expect(parsed.partners[2]).toEqual({
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
        { tier: 'select', id: 'accredited_professionals', met: false, actual: 1, required: 4,
          detail: { technical: 1, business: 0, both: 0, requiredEach: 2 } },
        { tier: 'select', id: 'foundational_certified', met: true, actual: 2, required: 2 },
        { tier: 'select', id: 'technical_certified', met: false, actual: 0, required: 2,
          detail: { shortfall: 'needs 2 more certified individuals' } },
        { tier: 'select', id: 'launched_opportunities', met: false, actual: 0, required: 3,
          detail: { mrrUsd: 0, requiredMrrUsd: 1500, legacyCredits: 0 } },
        { tier: 'select', id: 'public_references', met: false, actual: 0, required: 1 },
        { tier: 'select', id: 'csat_responses', met: false, actual: 0, required: 5 },
      ],
      projectedRequirements: null,
    });
  });

  it('keeps the contract key order and drops properties outside the contract', () => {
    const input = fixtureInput();
    const p = input.partners[0]!;
    Object.assign(p, { evaluatedAt: '2019-11-30T02:00:00Z', allianceLeadEmail: 'x@example.com' });
    Object.assign(p.requirements[0]!, { internal: 1 });
    Object.assign(input, { generatedAt: 'ignored' });
    const parsed = JSON.parse(renderJson(input)) as { partners: Record<string, unknown>[] };
    const first = parsed.partners[0]!;
    expect(Object.keys(first)).toEqual([
      'partnerId', 'partnerName', 'partnerType', 'currentTier', 'qualifiedTier', 'projectedTier',
      'reviewDate', 'daysToReview', 'flags', 'fee', 'requirements', 'projectedRequirements',
    ]);
    expect(Object.keys((first.requirements as object[])[0]!)).toEqual(['tier', 'id', 'met', 'actual', 'required', 'detail']);
    expect(renderJson(input)).not.toContain('allianceLeadEmail');
    expect(renderJson(input)).not.toContain('internal');
    expect(renderJson(input)).not.toContain('generatedAt');
  });

  it('renders an empty selection as an empty partners array', () => {
    expect(renderJson({ ...fixtureInput(), partners: [] })).toBe('{\n  "asOf": "2019-11-30",\n  "partners": []\n}\n');
  });
});
