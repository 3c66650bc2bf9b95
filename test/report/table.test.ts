import { describe, expect, it } from 'vitest';
import { renderTable } from '../../src/report/table.js';
import { fixtureInput } from './fixture.js';

describe('renderTable', () => {
  const text = renderTable(fixtureInput());
  const lines = text.split('\n');

  it('starts with the as-of date, the counts per flag and snapshot ages', () => {
    expect(lines[0]).toBe('APN tier review — as of 2019-11-30 — 3 partners');
    expect(lines[1]).toBe('Flags: at_risk 1 · below_tier 1 · fee_grace 0 · fee_overdue 0 · upgrade_eligible 0');
    expect(lines[2]).toBe('Snapshot age: partners 0d · certifications 3d · fee_payments never loaded');
  });

  it('has one row per partner with tiers, review, fee and flags', () => {
    const row = (id: string) => lines.find((l) => l.startsWith(`${id} `)) ?? '';
    expect(row('P100')).toMatch(/^P100 +Müller, "Cloud" & Partner GmbH +consulting +advanced +select +select +2019-12-13 \(13d\) +paid +at_risk$/);
    // The second flag of P100 continues on the next line, in the flags column.
    const next = lines[lines.indexOf(row('P100')) + 1]!;
    expect(next.trim()).toBe('below_tier');
    expect(next.indexOf('below_tier')).toBe(row('P100').indexOf('at_risk'));
    expect(row('P200')).toMatch(/^P200 +Zeta Data Systems +technology +select +select +select +2020-04-02 \(124d\) +paid$/);
    expect(row('P300')).toMatch(/^P300 +Tiny <script>alert\('x'\)<\/scri… +consulting +registered +registered +— +— +n\/a$/);
  });

  it('stays within 120 columns, without ANSI codes unless asked', () => {
    for (const l of lines) expect(Array.from(l).length).toBeLessThanOrEqual(120);
    expect(text).not.toContain('\x1b[');
    const colored = renderTable(fixtureInput(), { color: true });
    expect(colored).toContain('\x1b[31mat_risk\x1b[39m');
    expect(colored.replace(/\x1b\[[0-9;]*m/g, '')).toBe(text);
  });

  it('lists unmet requirements of the current tier, now and at review', () => {
    const start = lines.indexOf('Needs attention (current tier requirements, program fee)');
    expect(start).toBeGreaterThan(0);
    const details = lines.slice(start).join('\n');
    expect(details).toContain('  P100  Müller, "Cloud" & Partner GmbH — advanced, review 2019-12-13 (13 days)');
    expect(details).toContain(
      '    unmet on 2019-11-30:\n      technical_certified: 4/6 (2/3 professional or specialty) — needs 2 more certified individuals,',
    );
    expect(details).toContain('    unmet at review 2019-12-13:');
    expect(details).toContain(
      '      public_references: 1/2 — needs 1 more public reference (leaves window on 2020-01-20)',
    );
    expect(details).toContain('(leaves window on 2019-12-20)');
    // P200 meets Experience through direct revenue; P300 is registered: neither is listed.
    expect(details).not.toContain('P200');
    expect(details).not.toContain('P300');
  });

  it('shows program fee trouble and strips control characters from names', () => {
    const input = fixtureInput();
    const p = input.partners[1]!;
    p.fee = { status: 'overdue', billingDate: '2019-04-02', graceEndsOn: '2019-07-01' };
    p.flags = ['fee_overdue'];
    p.partnerName = 'Zeta\x1b[2J Data';
    const out = renderTable(input);
    expect(out).toContain('fee_overdue 1');
    expect(out).toMatch(/^P200 +Zeta \[2J Data .* overdue +fee_overdue$/m);
    expect(out).toContain('    program fee overdue (at risk for downgrade) — billed 2019-04-02, grace ends 2019-07-01');
    expect(out).not.toContain('\x1b');
  });

  it('truncates long names to keep the width', () => {
    const input = fixtureInput();
    input.partners[1]!.partnerName = 'A Very Long Partner Name That Goes On And On Incorporated Worldwide Holdings';
    const out = renderTable(input);
    for (const l of out.split('\n')) expect(Array.from(l).length).toBeLessThanOrEqual(120);
    expect(out).toMatch(/^P200 +A Very Long Partner Name.*… +technology/m);
  });

  it('says so when no partner matches', () => {
    const out = renderTable({ ...fixtureInput(), partners: [] });
    expect(out).toContain('APN tier review — as of 2019-11-30 — 0 partners');
    expect(out).toContain('No partners to report.');
  });
});
