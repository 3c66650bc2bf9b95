import { describe, expect, it } from 'vitest';
import {
  isReportFormat,
  render,
  renderCsv,
  renderHtml,
  renderJson,
  renderTable,
  REPORT_FORMATS,
  requirementLabel,
  unmetOfTier,
} from '../../src/report/index.js';
import { fixtureInput } from './fixture.js';

describe('render', () => {
  it('dispatches every format', () => {
    const input = fixtureInput();
    expect(REPORT_FORMATS).toEqual(['table', 'json', 'csv', 'html']);
    expect(render('json', input)).toBe(renderJson(input));
    expect(render('csv', input)).toBe(renderCsv(input));
    expect(render('html', input)).toBe(renderHtml(input));
    expect(render('table', input)).toBe(renderTable(input));
    expect(render('table', input, { table: { color: true } })).toBe(renderTable(input, { color: true }));
    expect(isReportFormat('html')).toBe(true);
    expect(isReportFormat('xml')).toBe(false);
  });

  it('does not modify its input', () => {
    const input = fixtureInput();
    for (const f of REPORT_FORMATS) render(f, input);
    expect(input).toEqual(fixtureInput());
  });
});

describe('labels and shortfalls', () => {
  it('names requirements as the guide does', () => {
    expect(requirementLabel('technical_certified')).toBe('AWS Technical Certified Individuals');
    expect(requirementLabel('accredited_professionals')).toBe('AWS Accredited Professionals');
    expect(requirementLabel('public_references')).toBe('Publicly Referenceable Customers');
    expect(requirementLabel('sustained_premier')).toBe('Sustained Attainment of Premier Tier Criteria');
  });

  it('treats launched opportunities and direct revenue as alternatives for technology partners only', () => {
    const tech = fixtureInput().partners[1]!;
    expect(unmetOfTier('technology', tech.requirements, 'select')).toEqual([]);
    const advanced = unmetOfTier('technology', tech.requirements, 'advanced');
    expect(advanced.map((s) => s.alternatives.map((r) => r.id))).toEqual([
      ['technical_certified'],
      ['direct_revenue', 'launched_opportunities'],
      ['business_plan'],
      ['technical_baseline_review'],
      ['public_references'],
      ['csat_responses'],
    ]);
    expect(unmetOfTier('consulting', tech.requirements, 'select').map((s) => s.alternatives[0]!.id)).toEqual([
      'launched_opportunities',
    ]);
    expect(unmetOfTier('consulting', null, 'select')).toEqual([]);
    expect(unmetOfTier('consulting', tech.requirements, 'registered')).toEqual([]);
  });
});
