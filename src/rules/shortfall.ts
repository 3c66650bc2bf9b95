// The `shortfall` sentences of unmet requirements (cli.md: "a sentence saying what is missing").
// Each builder returns a phrase ("2 more launched opportunities") or null when nothing is missing;
// the evaluation prefixes "needs ", and joins alternatives with ", or instead ".

/** USD as "1,200" or "1,200.50" (rounded to cents, thousands separated, no Intl needed). */
export function formatUsd(amount: number): string {
  const cents = Math.round(Math.abs(amount) * 100);
  const whole = Math.floor(cents / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const fraction = cents % 100;
  const sign = amount < 0 && cents > 0 ? '-' : '';
  return `${sign}${whole}${fraction === 0 ? '' : `.${String(fraction).padStart(2, '0')}`}`;
}

/**
 * Money meets a threshold compared exactly (SQL's numeric sums it: 1,499.996 USD does not meet
 * 1,500), but for a float residue below a billionth of a dollar.
 */
export function atLeastUsd(actual: number, required: number): boolean {
  return actual >= required - 1e-9;
}

/**
 * The cents still missing from `actual` to `required`, rounded up: a shortfall of a fraction of a
 * cent is one cent. (Sums are exact in SQL; float noise below a millionth of a cent is dropped.)
 */
export function missingCents(actual: number, required: number): number {
  const cents = Math.round((required - actual) * 1e8) / 1e6;
  return cents > 0 ? Math.ceil(cents) : 0;
}

export function plural(n: number, singular: string, pluralForm: string): string {
  return n === 1 ? singular : pluralForm;
}

function more(n: number, singular: string, pluralForm: string): string {
  return `${n} more ${plural(n, singular, pluralForm)}`;
}

/** A count below a threshold: "3 more publicly referenceable customers". */
export function countShortfall(actual: number, required: number, singular: string, pluralForm: string): string | null {
  const missing = required - actual;
  return missing > 0 ? more(missing, singular, pluralForm) : null;
}

/**
 * Accredited professionals (rules.md Decision): t technical only, b business only, k both; N in
 * total with ≥ m technical and ≥ m business, a "both" individual filling either minimum but not
 * both. The individuals holding both are allocated one at a time to the minimum that is further
 * from being met (ties: technical), which leaves the smallest and most balanced ask; when that was
 * a choice between two short minimums, the sentence says how they were counted, since either way
 * the same number of individuals is missing.
 */
export function accreditationShortfall(
  held: { technicalOnly: number; businessOnly: number; both: number },
  total: number,
  requiredEach: number,
): string | null {
  const { technicalOnly: t, businessOnly: b, both: k } = held;
  let needTechnical = Math.max(0, requiredEach - t);
  let needBusiness = Math.max(0, requiredEach - b);
  const bothSidesShort = needTechnical > 0 && needBusiness > 0;
  let asTechnical = 0;
  let asBusiness = 0;
  for (let i = 0; i < k && needTechnical + needBusiness > 0; i += 1) {
    if (needTechnical >= needBusiness) {
      needTechnical -= 1;
      asTechnical += 1;
    } else {
      needBusiness -= 1;
      asBusiness += 1;
    }
  }
  // New individuals for the minimums also count in the total; beyond them, any accreditation will do.
  const anyKind = Math.max(0, total - (t + b + k) - needTechnical - needBusiness);

  const parts: string[] = [];
  const sides: string[] = [];
  if (needTechnical > 0) sides.push(`${needTechnical} more technical`);
  if (needBusiness > 0) sides.push(`${needBusiness} more business`);
  if (sides.length > 0) {
    const n = needTechnical + needBusiness;
    parts.push(`${sides.join(' and ')} accredited ${plural(n, 'individual', 'individuals')}`);
  }
  if (anyKind > 0) parts.push(`${more(anyKind, 'accredited individual', 'accredited individuals')} of either kind`);
  if (parts.length === 0) return null;

  let phrase = parts.join(' and ');
  if (bothSidesShort && k > 0 && sides.length > 0) {
    const counted =
      asTechnical > 0 && asBusiness > 0
        ? `${asTechnical} technical and ${asBusiness} business`
        : asTechnical > 0
          ? 'technical'
          : 'business';
    phrase += ` (counting the ${k} ${plural(k, 'individual', 'individuals')} with both accreditations as ${counted})`;
  }
  return phrase;
}

/**
 * Technical certified individuals: a new professional or specialty individual raises both the total
 * and the professional-or-specialty count, so the ask is max of the two gaps.
 */
export function technicalShortfall(
  total: number,
  professionalOrSpecialty: number,
  requiredTotal: number,
  requiredProfessionalOrSpecialty: number | null,
): string | null {
  const missingTotal = Math.max(0, requiredTotal - total);
  const missingHigh =
    requiredProfessionalOrSpecialty === null ? 0 : Math.max(0, requiredProfessionalOrSpecialty - professionalOrSpecialty);
  if (missingHigh === 0) {
    return missingTotal > 0 ? more(missingTotal, 'technical certified individual', 'technical certified individuals') : null;
  }
  if (missingTotal <= missingHigh) {
    return more(missingHigh, 'professional or specialty certified individual', 'professional or specialty certified individuals');
  }
  return `${more(missingTotal, 'technical certified individual', 'technical certified individuals')}, at least ${missingHigh} of them professional or specialty`;
}

/** Launched opportunities: a count and an aggregate MRR (FAQ 27), either or both short. */
export function launchedShortfall(
  opportunities: number,
  mrrUsd: number,
  requiredOpportunities: number,
  requiredMrrUsd: number,
): string | null {
  const parts: string[] = [];
  const count = countShortfall(opportunities, requiredOpportunities, 'launched opportunity', 'launched opportunities');
  if (count !== null) parts.push(count);
  const cents = missingCents(mrrUsd, requiredMrrUsd);
  if (cents > 0) parts.push(`${formatUsd(cents / 100)} USD more estimated MRR`);
  return parts.length > 0 ? parts.join(' and ') : null;
}

export function directRevenueShortfall(usd: number, requiredUsd: number): string | null {
  const cents = missingCents(usd, requiredUsd);
  return cents > 0 ? `${formatUsd(cents / 100)} USD more direct revenue` : null;
}

export function programValidationsShortfall(
  validations: number,
  includesMspOrDevOps: boolean,
  required: number,
  mustIncludeMspOrDevOps: boolean,
): string | null {
  const missing = required - validations;
  const needsMspOrDevOps = mustIncludeMspOrDevOps && !includesMspOrDevOps;
  if (missing > 0) {
    const base = more(missing, 'program validation', 'program validations');
    return needsMspOrDevOps
      ? `${base}, at least one of them MSP or the DevOps Competency`
      : `${base} (MSP, Competency or Well-Architected)`;
  }
  return needsMspOrDevOps ? 'an MSP or DevOps Competency validation' : null;
}

export function sustainedShortfall(input: {
  criteriaTier: string;
  from: string;
  to: string;
  missingDays: number;
  allStoredDaysMet: boolean;
  criteriaMetOnD: boolean;
}): string {
  const reasons: string[] = [];
  if (input.missingDays > 0) {
    reasons.push(`${input.missingDays} ${plural(input.missingDays, 'day has', 'days have')} no stored evaluation (a backfill fills them)`);
  }
  if (!input.allStoredDaysMet) reasons.push('they were not met on every stored day');
  if (!input.criteriaMetOnD) reasons.push(`they are not met on ${input.to}`);
  const base = `the ${input.criteriaTier} criteria met on every day from ${input.from} to ${input.to}`;
  return reasons.length > 0 ? `${base}: ${reasons.join('; ')}` : base;
}
