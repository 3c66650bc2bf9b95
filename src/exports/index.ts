// Every export of exports.md, in load order: partners first, since the other files' partner_id is
// checked against the roster in force after it; partner_domains before domain_revenue, which is
// attributed to partners through it.
import { certificationsExport } from './certifications.js';
import { csatResponsesExport } from './csat-responses.js';
import type { ExportDeclaration } from './declaration.js';
import { domainRevenueExport } from './domain-revenue.js';
import { feePaymentsExport } from './fee-payments.js';
import { legacyRevenueSubmissionsExport } from './legacy-revenue-submissions.js';
import { opportunitiesExport } from './opportunities.js';
import { partnerDomainsExport } from './partner-domains.js';
import { partnersExport } from './partners.js';
import { programValidationsExport } from './program-validations.js';
import { publicReferencesExport } from './public-references.js';

export const EXPORTS: readonly ExportDeclaration[] = [
  partnersExport,
  certificationsExport,
  opportunitiesExport,
  legacyRevenueSubmissionsExport,
  partnerDomainsExport,
  domainRevenueExport,
  feePaymentsExport,
  publicReferencesExport,
  csatResponsesExport,
  programValidationsExport,
];
