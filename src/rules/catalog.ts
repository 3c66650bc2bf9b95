// Look-ups in the rule set's catalogs: credential codes (exports.md, certifications.csv) and the
// promotional credit types that do not reduce direct revenue (FAQ 40).

import type { CredentialInfo, RuleSet } from './ruleset.js';

/**
 * Case-insensitive, trimmed, inner white space folded (customer names, credit types, emails). The
 * final sigma is folded to σ: lower case alone gives ς or σ by the letter's place in a word.
 */
export function foldText(text: string): string {
  return text.trim().replace(/\s+/g, ' ').toLowerCase().replace(/ς/g, 'σ');
}

/** The credential of a code, matched case-insensitively; undefined for an unknown code. */
export function credentialInfo(code: string, ruleSet: RuleSet): CredentialInfo | undefined {
  const key = code.trim().toUpperCase();
  return Object.hasOwn(ruleSet.credentials, key) ? ruleSet.credentials[key] : undefined;
}

/**
 * True when a credit type is one of the exempt ones, matched case-insensitively by code
 * (`SPP_DISCOUNT`) or by the guide's name (`Reseller/SPP Discount`). Any other credit type,
 * including an empty one, reduces direct revenue.
 */
export function isExemptCredit(creditType: string | null, ruleSet: RuleSet): boolean {
  if (creditType === null) return false;
  const folded = foldText(creditType);
  if (folded === '') return false;
  return ruleSet.exemptCredits.some((c) => foldText(c.code) === folded || foldText(c.name) === folded);
}
