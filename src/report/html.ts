// `report --format html`: one self-contained, printable page (inline CSS, no scripts, no external
// assets). Every piece of data goes through escapeHtml.

import type { Flag, PartnerEvaluation, RequirementResult, Tier } from '../rules/types.js';
import { reportCounts, tierCount, type ReportCounts } from './counts.js';
import {
  coveredByAlternative,
  FEE_STATUS_LABELS,
  FLAG_LABELS,
  FLAG_ORDER,
  formatActual,
  formatRequired,
  isExempt,
  leavesWindowOnOf,
  PARTNER_TYPE_LABELS,
  requirementLabel,
  shortfallOf,
  sortRequirements,
  subFigures,
  TIER_LABELS,
  TIER_ORDER,
} from './labels.js';
import type { ReportInput } from './types.js';

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escape text for HTML element content and quoted attribute values. */
export function escapeHtml(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  return String(value).replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

const h = escapeHtml;

/** The element id of a partner's scorecard: `partner-<partnerId>` (white space as `_`). */
export function partnerAnchor(partnerId: string): string {
  return `partner-${partnerId.replace(/\s/g, '_')}`;
}

function partnerLink(p: PartnerEvaluation): string {
  return `<a href="#${h(encodeURIComponent(partnerAnchor(p.partnerId)))}">${h(p.partnerId)}</a>`;
}

function flagBadge(f: Flag): string {
  return `<span class="badge flag-${h(f)}" title="${h(FLAG_LABELS[f] ?? f)}">${h(f)}</span>`;
}

function flagBadges(flags: readonly Flag[]): string {
  return flags.length === 0 ? '<span class="muted">none</span>' : flags.map(flagBadge).join(' ');
}

function tierName(t: Tier | null): string {
  return t === null ? '<span class="muted">—</span>' : h(TIER_LABELS[t] ?? t);
}

function days(n: number): string {
  return `${n} day${n === 1 ? '' : 's'}`;
}

function reviewText(p: PartnerEvaluation): string {
  if (p.reviewDate === null) return '<span class="muted">—</span>';
  return p.daysToReview === null ? h(p.reviewDate) : `${h(p.reviewDate)} <small>(in ${h(days(p.daysToReview))})</small>`;
}

// ---- summary ------------------------------------------------------------------------------------

/**
 * A list in the head with one item per partner (the partners of a flag, the partner index): a
 * streamed report fills it from a spool, the whole-input renderer from its partners.
 */
export type HtmlHeadList = { kind: 'flag'; flag: Flag } | { kind: 'index' };
export type HtmlHeadPart = string | HtmlHeadList;

/** Between two items of a head list. */
export function htmlListSeparator(list: HtmlHeadList): string {
  return list.kind === 'flag' ? ', ' : '\n';
}

/** A partner's item in a head list, or null when it is not in that list. */
export function htmlListItem(list: HtmlHeadList, p: PartnerEvaluation): string | null {
  if (list.kind === 'flag') return p.flags.includes(list.flag) ? partnerLink(p) : null;
  return `<tr><td>${partnerLink(p)}</td><td>${h(p.partnerName)}</td><td>${h(PARTNER_TYPE_LABELS[p.partnerType] ?? p.partnerType)}</td><td>${tierName(
    p.currentTier,
  )}</td><td>${tierName(p.qualifiedTier)}</td><td>${tierName(p.projectedTier)}</td><td>${reviewText(p)}</td><td>${h(
    p.fee.status,
  )}</td><td>${flagBadges(p.flags)}</td></tr>`;
}

/** Every list of the head, in order. */
export const HTML_HEAD_LISTS: readonly HtmlHeadList[] = [
  ...FLAG_ORDER.map((flag) => ({ kind: 'flag', flag }) as const),
  { kind: 'index' },
];

function flagSummary(counts: ReportCounts): HtmlHeadPart[] {
  const parts: HtmlHeadPart[] = [`<table class="summary-flags">
<caption>Partners per flag</caption>
<thead><tr><th>Flag</th><th>Meaning</th><th class="num">Partners</th><th>Which</th></tr></thead>
<tbody>
`];
  FLAG_ORDER.forEach((f, i) => {
    parts.push(`${i === 0 ? '' : '\n'}<tr><td>${flagBadge(f)}</td><td>${h(FLAG_LABELS[f])}</td><td class="num">${counts.flags[f]}</td><td>`);
    parts.push(counts.flags[f] === 0 ? '<span class="muted">—</span>' : { kind: 'flag', flag: f });
    parts.push('</td></tr>');
  });
  parts.push(`
</tbody>
</table>`);
  return parts;
}

function tierSummary(asOf: string, counts: ReportCounts): string {
  const count = (cur: Tier | null, qual: Tier | null) => tierCount(counts, cur, qual);
  const head = TIER_ORDER.map((t) => `<th class="num">${h(TIER_LABELS[t])}</th>`).join('');
  const body = TIER_ORDER.map((cur) => {
    const cells = TIER_ORDER.map((q) => {
      const n = count(cur, q);
      const cls = n === 0 ? 'num muted' : q === cur ? 'num' : TIER_ORDER.indexOf(q) < TIER_ORDER.indexOf(cur) ? 'num below' : 'num above';
      return `<td class="${cls}">${n}</td>`;
    }).join('');
    return `<tr><th scope="row">${h(TIER_LABELS[cur])}</th>${cells}<td class="num total">${count(cur, null)}</td></tr>`;
  });
  const totals = TIER_ORDER.map((q) => `<td class="num total">${count(null, q)}</td>`).join('');
  return `<table class="summary-tiers">
<caption>Current tier (rows) by qualified tier on ${h(asOf)} (columns)</caption>
<thead><tr><th>Current \\ Qualified</th>${head}<th class="num">Total</th></tr></thead>
<tbody>
${body.join('\n')}
<tr class="totals"><th scope="row">Total</th>${totals}<td class="num total">${counts.partners}</td></tr>
</tbody>
</table>`;
}

function datasetTable(input: Pick<ReportInput, 'datasets'>): string {
  if (input.datasets.length === 0) return '<p class="muted">No dataset information.</p>';
  const rows = input.datasets.map((d) => {
    const age =
      d.snapshotAgeDays === null ? '<span class="warn">never loaded</span>' : h(days(d.snapshotAgeDays));
    return `<tr><td>${h(d.dataset)}</td><td>${d.loadedAt === null ? '<span class="muted">—</span>' : h(d.loadedAt)}</td><td>${
      d.sourceFile === null ? '<span class="muted">—</span>' : `<code>${h(d.sourceFile)}</code>`
    }</td><td class="num">${age}</td></tr>`;
  });
  return `<table class="datasets">
<thead><tr><th>Dataset</th><th>Loaded at</th><th>Source file</th><th class="num">Snapshot age</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table>`;
}

function partnerIndex(counts: ReportCounts): HtmlHeadPart[] {
  if (counts.partners === 0) return ['<p>No partners to report.</p>'];
  return [`<table class="index">
<thead><tr><th>ID</th><th>Partner</th><th>Type</th><th>Current</th><th>Qualified</th><th>Projected</th><th>Review</th><th>Fee</th><th>Flags</th></tr></thead>
<tbody>
`, { kind: 'index' }, `
</tbody>
</table>`];
}

// ---- scorecards ---------------------------------------------------------------------------------

function metCell(p: PartnerEvaluation, all: readonly RequirementResult[], r: RequirementResult): string {
  if (r.met) {
    return isExempt(r)
      ? '<td class="met met-yes" title="met (exempt)">✓ <small>exempt</small></td>'
      : '<td class="met met-yes" title="met">✓</td>';
  }
  if (coveredByAlternative(p.partnerType, all, r)) {
    return '<td class="met met-alt" title="not met, the alternative is met">✗ <small>alternative met</small></td>';
  }
  return '<td class="met met-no" title="not met">✗</td>';
}

function figureCell(main: string, sub: string | undefined): string {
  return `<td class="num">${h(main)}${sub ? `<br><small>${h(sub)}</small>` : ''}</td>`;
}

function requirementsTable(p: PartnerEvaluation, reqs: readonly RequirementResult[], caption: string): string {
  const sorted = sortRequirements(reqs);
  const tiers = TIER_ORDER.filter((t) => sorted.some((r) => r.tier === t));
  const groups = tiers.map((t) => {
    const ofTier = sorted.filter((r) => r.tier === t);
    const current = t === p.currentTier;
    const notes: string[] = [];
    if (current) notes.push('current tier');
    if (p.partnerType === 'technology' && ofTier.some((r) => r.id === 'direct_revenue')) {
      notes.push('Direct Revenue or Launched Opportunities');
    }
    const rows = ofTier.map((r) => {
      const sub = subFigures(r);
      const shortfall = shortfallOf(r);
      const leaves = leavesWindowOnOf(r);
      const notesCell = [shortfall ? h(shortfall) : '', sub.note ? `<small>${h(sub.note)}</small>` : '']
        .filter((x) => x !== '')
        .join('<br>');
      return `<tr class="${r.met ? 'ok' : 'unmet'}"><td>${h(requirementLabel(r.id))}<br><code>${h(r.id)}</code></td>${figureCell(
        formatActual(r),
        sub.actual,
      )}${figureCell(formatRequired(r), sub.required)}${metCell(p, reqs, r)}<td>${notesCell}</td><td>${
        leaves ? h(leaves) : ''
      }</td></tr>`;
    });
    return `<tbody class="tier tier-${h(t)}${current ? ' current' : ''}">
<tr class="tier-head"><th colspan="6" scope="rowgroup">${h(TIER_LABELS[t])} tier${
      notes.length > 0 ? ` <small>(${h(notes.join('; '))})</small>` : ''
    }</th></tr>
${rows.join('\n')}
</tbody>`;
  });
  return `<table class="reqs">
<caption>${caption}</caption>
<thead><tr><th>Requirement</th><th class="num">Actual</th><th class="num">Required</th><th>Met</th><th>Shortfall / notes</th><th>Leaves window on</th></tr></thead>
${groups.join('\n')}
</table>`;
}

function feeBlock(p: PartnerEvaluation): string {
  const f = p.fee;
  return `<div class="fee fee-${h(f.status)}">
<h3>Annual APN Program Fee</h3>
<dl class="facts">
<dt>Status</dt><dd><strong>${h(f.status)}</strong> <small>${h(FEE_STATUS_LABELS[f.status] ?? '')}</small></dd>
<dt>Billing date</dt><dd>${f.billingDate === null ? '<span class="muted">—</span>' : h(f.billingDate)}</dd>
<dt>Grace ends on</dt><dd>${f.graceEndsOn === null ? '<span class="muted">—</span>' : h(f.graceEndsOn)}</dd>
</dl>
</div>`;
}

function scorecard(input: ReportInput, p: PartnerEvaluation): string {
  const projected =
    p.projectedRequirements === null
      ? `<p class="muted">No review date: ${h(TIER_LABELS[p.currentTier])} partners have no compliance review and no projection.</p>`
      : requirementsTable(
          p,
          p.projectedRequirements,
          `Projected at the review date ${h(p.reviewDate ?? '')}, from evidence dated on or before ${h(input.asOf)}`,
        );
  return `<section class="scorecard" id="${h(partnerAnchor(p.partnerId))}">
<h2><span class="pid">${h(p.partnerId)}</span> ${h(p.partnerName)}</h2>
<dl class="facts">
<dt>Partner type</dt><dd>${h(PARTNER_TYPE_LABELS[p.partnerType] ?? p.partnerType)}</dd>
<dt>Current tier</dt><dd>${tierName(p.currentTier)}</dd>
<dt>Qualified tier on ${h(input.asOf)}</dt><dd>${tierName(p.qualifiedTier)}</dd>
<dt>Projected tier at review</dt><dd>${tierName(p.projectedTier)}</dd>
<dt>Review date</dt><dd>${reviewText(p)}</dd>
<dt>Flags</dt><dd>${flagBadges(p.flags)}</dd>
</dl>
${feeBlock(p)}
<h3>Requirements</h3>
${requirementsTable(p, p.requirements, `Evaluated on ${h(input.asOf)}`)}
<h3>Projection</h3>
${projected}
<p class="back no-print"><a href="#partners">↑ all partners</a></p>
</section>`;
}

const CSS = `
:root { --ok: #1a7f37; --bad: #c62828; --warn: #8a5a00; --muted: #57606a; --line: #d0d7de; --head: #f6f8fa; }
* { box-sizing: border-box; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  color: #1f2328; background: #fff; margin: 0 auto; max-width: 1180px; padding: 24px; }
h1 { font-size: 1.6em; margin: 0 0 .2em; }
h2 { font-size: 1.25em; margin: 1.6em 0 .5em; padding-bottom: .2em; border-bottom: 1px solid var(--line); }
h3 { font-size: 1.05em; margin: 1.2em 0 .4em; }
table { border-collapse: collapse; width: 100%; margin: .4em 0 1em; }
caption { text-align: left; font-weight: 600; padding: .2em 0; }
th, td { border: 1px solid var(--line); padding: 4px 8px; text-align: left; vertical-align: top; }
thead th { background: var(--head); }
.num { text-align: right; font-variant-numeric: tabular-nums; }
code { font: .85em ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; color: var(--muted); }
small, .muted { color: var(--muted); }
.warn { color: var(--warn); font-weight: 600; }
.below { color: var(--bad); font-weight: 600; }
.above { color: var(--ok); font-weight: 600; }
.total, .totals th { font-weight: 600; }
.summary { display: grid; grid-template-columns: repeat(auto-fit, minmax(420px, 1fr)); gap: 0 24px; }
.badge { display: inline-block; padding: 0 .55em; border: 1px solid; border-radius: 1em; font-size: .85em; white-space: nowrap; }
.flag-at_risk, .flag-fee_overdue { color: var(--bad); background: #ffebe9; }
.flag-below_tier, .flag-fee_grace { color: var(--warn); background: #fff8c5; }
.flag-upgrade_eligible { color: var(--ok); background: #dafbe1; }
.scorecard { border: 1px solid var(--line); border-radius: 6px; padding: 0 16px 8px; margin: 28px 0; }
.scorecard h2 { border-bottom: none; }
.pid { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; color: var(--muted); margin-right: .4em; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; margin: .4em 0; }
dl.facts dt { color: var(--muted); }
dl.facts dd { margin: 0; }
.fee { border-left: 4px solid var(--line); padding: 2px 12px; margin: 12px 0; }
.fee h3 { margin-top: .4em; }
.fee-paid { border-left-color: var(--ok); }
.fee-grace { border-left-color: #d4a72c; }
.fee-overdue { border-left-color: var(--bad); }
.reqs .tier-head th { background: var(--head); }
.reqs tbody.current .tier-head th { background: #ddf4ff; }
.met { white-space: nowrap; font-weight: 600; }
.met-yes { color: var(--ok); }
.met-no { color: var(--bad); }
.met-alt { color: var(--muted); font-weight: normal; }
tr.unmet td:first-child { border-left: 3px solid var(--bad); }
.back { text-align: right; margin: 0; }
a { color: #0969da; }
@media print {
  body { max-width: none; padding: 0; font-size: 10.5pt; }
  a { color: inherit; text-decoration: none; }
  .no-print { display: none; }
  .scorecard { break-before: page; border: none; padding: 0; margin: 0; }
  thead { display: table-header-group; }
  tr, dl.facts { break-inside: avoid; }
  h2, h3, caption { break-after: avoid; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
`;

/**
 * Everything before the scorecards (summary, datasets, partner index) with the per-partner lists
 * left as holes: it needs only the counts, so a streamed report need not keep its partners.
 */
export function htmlHeadParts(frame: Omit<ReportInput, 'partners'>, counts: ReportCounts): HtmlHeadPart[] {
  const n = counts.partners;
  return [`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>APN tier review — ${h(frame.asOf)}</title>
<style>${CSS}</style>
</head>
<body>
<header>
<h1>APN tier review</h1>
<p>As of <strong>${h(frame.asOf)}</strong> · ${n} partner${n === 1 ? '' : 's'} · generated ${h(frame.generatedAt)} · 2019 APN tier requirements</p>
</header>
<section id="summary">
<h2>Summary</h2>
<div class="summary">
`, ...flagSummary(counts), `
${tierSummary(frame.asOf, counts)}
</div>
</section>
<section id="datasets">
<h2>Dataset snapshots</h2>
${datasetTable(frame)}
</section>
<section id="partners">
<h2>Partners</h2>
`, ...partnerIndex(counts), `
</section>
`];
}

export function renderHtmlHead(input: ReportInput): string {
  return htmlHeadParts(input, reportCounts(input.partners))
    .map((part) => typeof part === 'string' ? part : input.partners.flatMap((p) => htmlListItem(part, p) ?? []).join(htmlListSeparator(part)))
    .join('');
}

/** One partner's scorecard (what follows the head, one per partner, joined by newlines). */
export function renderHtmlScorecard(input: Pick<ReportInput, 'asOf'>, p: PartnerEvaluation): string {
  return scorecard(input as ReportInput, p);
}

export const HTML_TAIL = `
</body>
</html>
`;

export function renderHtml(input: ReportInput): string {
  return `${renderHtmlHead(input)}${input.partners.map((p) => scorecard(input, p)).join('\n')}${HTML_TAIL}`;
}
