// The text of a partner notice (rules.md, Notices): what the event is, and each requirement of the
// partner's tier unmet in the projection to R, with its projected and required figure, the date it
// must be met by, and what leaves the window before R. Pure.
import { formatActual, formatRequired, leavesWindowOnOf, requirementLabel, shortfallOf, subFigures, TIER_LABELS } from '../report/labels.js';
import { compareDates } from '../rules/dates.js';
import type { IsoDate, PartnerEvaluation, RequirementResult } from '../rules/types.js';
import type { NoticeEvent } from './events.js';

export interface RenderedNotice {
  subject: string;
  text: string;
}

function figure(r: RequirementResult, which: 'actual' | 'required'): string {
  const sub = subFigures(r)[which];
  const main = which === 'actual' ? formatActual(r) : formatRequired(r);
  return sub ? `${main} (${sub})` : main;
}

/** The requirements of the current tier unmet at R, each with what it needs by then. */
function projectedShortfalls(evaluation: PartnerEvaluation): string[] {
  const { currentTier, projectedRequirements, reviewDate } = evaluation;
  if (currentTier === 'registered' || projectedRequirements === null || reviewDate === null) return [];
  const unmet = projectedRequirements.filter((r) => r.tier === currentTier && !r.met);
  if (unmet.length === 0) return [];
  const lines = [`Requirements of the ${TIER_LABELS[currentTier]} tier not met at the review on ${reviewDate} (to be met by then):`];
  for (const r of unmet) {
    const shortfall = shortfallOf(r);
    lines.push(`- ${requirementLabel(r.id)}: ${figure(r, 'actual')} at the review, ${figure(r, 'required')} required${shortfall ? `; ${shortfall}` : ''}.`);
  }
  return lines;
}

/** Evidence of the current tier counted on D that stops counting before R, and what is left at R. */
function leavingBeforeReview(evaluation: PartnerEvaluation): string[] {
  const { currentTier, requirements, projectedRequirements, reviewDate } = evaluation;
  if (currentTier === 'registered' || reviewDate === null) return [];
  const leaving = requirements
    .filter((r) => r.tier === currentTier)
    .map((r) => ({ r, on: leavesWindowOnOf(r) }))
    .filter((x): x is { r: RequirementResult; on: string } => x.on !== null && compareDates(x.on, reviewDate) <= 0);
  if (leaving.length === 0) return [];
  const atReview = (r: RequirementResult) => projectedRequirements?.find((q) => q.tier === r.tier && q.id === r.id);
  return [
    `Leaving the 12-month window before the review:`,
    ...leaving.map(({ r, on }) => {
      const then = atReview(r);
      const change = then ? `: ${figure(r, 'actual')} counted today, ${figure(then, 'actual')} at the review` : '';
      return `- ${requirementLabel(r.id)}${change}; the oldest item counted today stops counting on ${on}.`;
    }),
  ];
}

function headline(event: NoticeEvent, evaluation: PartnerEvaluation, asOf: IsoDate): { subject: string; lines: string[] } {
  const name = `${evaluation.partnerName} (${evaluation.partnerId})`;
  const tier = TIER_LABELS[evaluation.currentTier];
  switch (event.kind) {
    case 'at_risk':
      return {
        subject: `APN tier review: ${name} is at risk of losing the ${tier} tier at its review on ${event.anchor}`,
        lines: [
          `As of ${asOf}, ${name} does not meet the requirements of its ${tier} tier as projected to its compliance review on ${event.anchor}, ${event.daysLeft} day${event.daysLeft === 1 ? '' : 's'} from now.`,
          `Projected tier at the review: ${evaluation.projectedTier === null ? 'none' : TIER_LABELS[evaluation.projectedTier]}.`,
        ],
      };
    case 'fee_grace':
      return {
        subject: `APN tier review: ${name}: the program fee is unpaid; the grace period ends on ${event.anchor}`,
        lines: [
          `As of ${asOf}, the APN program fee of ${name} for the membership year starting ${evaluation.fee.billingDate} is not paid.`,
          `The 90-day grace period ends on ${event.anchor}, ${event.daysLeft} day${event.daysLeft === 1 ? '' : 's'} from now; after it the ${tier} tier is at risk for downgrade.`,
        ],
      };
    case 'fee_overdue':
      return {
        subject: `APN tier review: ${name}: the program fee is overdue; the ${tier} tier is at risk for downgrade`,
        lines: [
          `As of ${asOf}, the APN program fee of ${name} for the membership year starting ${event.anchor} is overdue: its grace period ended on ${evaluation.fee.graceEndsOn}.`,
          `The ${tier} tier is at risk for downgrade.`,
        ],
      };
  }
}

export function renderPartnerNotice(event: NoticeEvent, evaluation: PartnerEvaluation, asOf: IsoDate): RenderedNotice {
  const { subject, lines } = headline(event, evaluation, asOf);
  const sections = [lines, projectedShortfalls(evaluation), leavingBeforeReview(evaluation)].filter((s) => s.length > 0);
  const text = `${sections.map((s) => s.join('\n')).join('\n\n')}\n\n-- \nAPN tier review (2019 tier requirements)\n`;
  return { subject, text };
}
