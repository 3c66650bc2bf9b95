import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { CSV_COLUMNS, csvField, renderCsv } from '../../src/report/csv.js';
import { fixtureInput, SCRIPT_NAME, TRICKY_NAME } from './fixture.js';

function rows(text: string): Record<string, string>[] {
  return parse(text, { columns: true, bom: true }) as Record<string, string>[];
}

describe('csvField', () => {
  it('quotes only when needed and doubles quotes', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('line1\nline2')).toBe('"line1\nline2"');
    expect(csvField('cr\r')).toBe('"cr\r"');
    expect(csvField(null)).toBe('');
    expect(csvField(undefined)).toBe('');
    expect(csvField(13)).toBe('13');
  });
});

describe('renderCsv', () => {
  it('has a header row and one CRLF-terminated row per partner', () => {
    const text = renderCsv(fixtureInput());
    expect(text.split('\r\n')[0]).toBe(CSV_COLUMNS.join(','));
    expect(text.endsWith('\r\n')).toBe(true);
    const parsed = rows(text);
    expect(parsed.map((r) => r.partner_id)).toEqual(['P100', 'P200', 'P300']);
  });

  it('round-trips a name with a comma, quotes and a newline', () => {
    const text = renderCsv(fixtureInput());
    expect(text).toContain('"Müller, ""Cloud"" & Partner\nGmbH"');
    const parsed = rows(text);
    expect(parsed[0]!.partner_name).toBe(TRICKY_NAME);
    expect(parsed[2]!.partner_name).toBe(SCRIPT_NAME);
  });

  it('summarises tiers, fee, flags and unmet requirements of the current tier', () => {
    const [p100, p200, p300] = rows(renderCsv(fixtureInput()));
    expect(p100).toEqual({
      as_of: '2019-11-30',
      partner_id: 'P100',
      partner_name: TRICKY_NAME,
      partner_type: 'consulting',
      current_tier: 'advanced',
      qualified_tier: 'select',
      projected_tier: 'select',
      review_date: '2019-12-13',
      days_to_review: '13',
      fee_status: 'paid',
      billing_date: '2019-10-01',
      grace_ends_on: '2019-12-30',
      flags: 'at_risk;below_tier',
      unmet_requirements: 'technical_certified 4/6 (2/3 professional or specialty)',
      unmet_projected:
        'technical_certified 4/6 (2/3 professional or specialty);' +
        'launched_opportunities 19/20 (MRR 11000 USD/10000 USD);public_references 1/2',
    });
    // Technology partner meeting Experience through direct revenue: launched_opportunities is not a shortfall.
    expect(p200!.unmet_requirements).toBe('');
    expect(p200!.unmet_projected).toBe('');
    expect(p200!.flags).toBe('');
    // Registered: nulls are empty fields, nothing is unmet for a tier it does not hold.
    expect(p300).toMatchObject({
      current_tier: 'registered', projected_tier: '', review_date: '', days_to_review: '',
      fee_status: 'not_applicable', billing_date: '', grace_ends_on: '', unmet_requirements: '', unmet_projected: '',
    });
  });

  it('lists both Experience alternatives as one item when neither is met', () => {
    const input = fixtureInput();
    const p = input.partners[1]!;
    for (const r of p.requirements) if (r.tier === 'select' && r.id === 'direct_revenue') { r.met = false; r.actual = 9000; }
    const [, p200] = rows(renderCsv(input));
    expect(p200!.unmet_requirements).toBe(
      // The guide's order: Direct Revenue, or Launched Opportunities.
      'direct_revenue 9000 USD/15000 USD or launched_opportunities 1/3 (MRR 500 USD/1500 USD)',
    );
  });

  it("guards names a spreadsheet would run as a formula, unless told not to", () => {
    const input = fixtureInput();
    input.partners[1]!.partnerName = '=HYPERLINK("http://x","y")';
    expect(rows(renderCsv(input))[1]!.partner_name).toBe('\'=HYPERLINK("http://x","y")');
    expect(rows(renderCsv(input, { formulaGuard: false }))[1]!.partner_name).toBe('=HYPERLINK("http://x","y")');
  });

  it('can start with a UTF-8 BOM', () => {
    const text = renderCsv(fixtureInput(), { bom: true });
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(rows(text)[0]!.partner_name).toBe(TRICKY_NAME);
  });
});
