import { describe, expect, it } from 'vitest';
import { escapeHtml, renderHtml } from '../../src/report/html.js';
import { fixtureInput } from './fixture.js';

function count(haystack: string, needle: string | RegExp): number {
  return needle instanceof RegExp ? (haystack.match(needle) ?? []).length : haystack.split(needle).length - 1;
}

describe('escapeHtml', () => {
  it('escapes the five special characters and leaves non-ASCII alone', () => {
    expect(escapeHtml(`<a href="x">Tom's & Jerry's — Müller</a>`)).toBe(
      '&lt;a href=&quot;x&quot;&gt;Tom&#39;s &amp; Jerry&#39;s — Müller&lt;/a&gt;',
    );
  });
});

describe('renderHtml', () => {
  const html = renderHtml(fixtureInput());

  it('is one self-contained document without scripts or external assets', () => {
    expect(html.startsWith('<!DOCTYPE html>\n<html lang="en">')).toBe(true);
    expect(html.trimEnd().endsWith('</html>')).toBe(true);
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).toContain('<style>');
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<link\b|<img\b|src=|@import|url\(/i);
    expect(html).toContain('@media print');
  });

  it('escapes partner names', () => {
    expect(html).toContain('Tiny &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; Labs');
    expect(html).toContain('Müller, &quot;Cloud&quot; &amp; Partner\nGmbH');
    expect(html).not.toContain('Partner\nGmbH"');
  });

  it('has one scorecard per partner, each with its anchor and linked from the index', () => {
    expect(count(html, /<section class="scorecard"/g)).toBe(3);
    for (const id of ['P100', 'P200', 'P300']) {
      expect(count(html, `<section class="scorecard" id="partner-${id}">`)).toBe(1);
      expect(html).toContain(`<a href="#partner-${id}">${id}</a>`);
    }
  });

  it('summarises flags, tiers and dataset snapshots', () => {
    expect(html).toMatch(/flag-at_risk"[^>]*>at_risk<\/span><\/td><td>At risk at review<\/td><td class="num">1<\/td><td><a href="#partner-P100">/);
    expect(html).toMatch(/flag-upgrade_eligible"[^>]*>upgrade_eligible<\/span><\/td><td>[^<]*<\/td><td class="num">0</);
    // current Advanced, qualified Select: the Select column of the Advanced row holds 1.
    expect(html).toContain(
      '<tr><th scope="row">Advanced</th><td class="num muted">0</td><td class="num below">1</td>',
    );
    expect(html).toContain('<tr class="totals"><th scope="row">Total</th><td class="num total">1</td><td class="num total">2</td>');
    expect(html).toContain('<td>fee_payments</td><td><span class="muted">—</span></td><td><span class="muted">—</span></td><td class="num"><span class="warn">never loaded</span></td>');
    expect(html).toContain('<td>certifications</td><td>2019-11-27T02:00:07.000Z</td><td><code>certifications.csv</code></td><td class="num">3 days</td>');
  });

  function scorecard(id: string): string {
    const start = html.indexOf(`<section class="scorecard" id="partner-${id}">`);
    return html.slice(start, html.indexOf('</section>', start));
  }

  it('shows every requirement with labels, figures, met marks, shortfall and window dates', () => {
    const card = scorecard('P100');
    expect(count(card, /<tr class="(ok|unmet)">/g)).toBe(46); // 23 on D + 23 projected
    expect(card).toContain(
      '<tr class="unmet"><td>AWS Technical Certified Individuals<br><code>technical_certified</code></td>' +
        '<td class="num">4<br><small>2 professional or specialty</small></td>' +
        '<td class="num">6<br><small>≥ 3 professional or specialty</small></td>' +
        '<td class="met met-no" title="not met">✗</td>' +
        '<td>needs 2 more certified individuals, 1 more of them professional or specialty</td><td></td></tr>',
    );
    expect(card).toContain('Projected at the review date 2019-12-13');
    expect(card).toMatch(/<code>public_references<\/code><\/td><td class="num">1<\/td><td class="num">2<\/td><td class="met met-no"[^>]*>✗<\/td><td>needs 1 more public reference<\/td><td>2020-01-20<\/td>/);
    expect(card).toContain('<tbody class="tier tier-advanced current">');
    expect(card).toContain('<span class="badge flag-at_risk"');
    expect(card).toContain('<div class="fee fee-paid">');
    expect(card).toContain('<dt>Billing date</dt><dd>2019-10-01</dd>');
    expect(card).toContain('<dt>Grace ends on</dt><dd>2019-12-30</dd>');
  });

  it('formats money and marks a met Experience alternative for technology partners', () => {
    const card = scorecard('P200');
    expect(card).toContain('<td class="num">$20,000</td><td class="num">$15,000</td><td class="met met-yes" title="met">✓</td>');
    expect(card).toContain('<td class="num">$20,000</td><td class="num">$350,000</td><td class="met met-no"');
    expect(card).toMatch(/<code>launched_opportunities<\/code><\/td><td class="num">1<br><small>MRR \$500<\/small><\/td><td class="num">3<br><small>MRR \$1,500<\/small><\/td><td class="met met-alt"[^>]*>✗ <small>alternative met<\/small>/);
  });

  it('says a registered partner has no projection and no fee', () => {
    const card = scorecard('P300');
    expect(card).toContain('No review date: Registered partners have no compliance review and no projection.');
    expect(card).toContain('<div class="fee fee-not_applicable">');
    expect(count(card, '<table class="reqs">')).toBe(1);
  });
});
