// The credential codes exports.md accepts. Their categories (what each counts toward) belong to the
// rule set; this list only decides which codes a certifications row may carry.
export const CREDENTIAL_CODES = [
  'TECH_ACCREDITATION', 'BUSINESS_ACCREDITATION',
  'CLF',
  'SAA', 'DVA', 'SOA',
  'SAP', 'DOP',
  'ANS', 'BDS', 'DAS', 'SCS', 'MLS', 'AXS', 'DBS', 'PAS',
] as const;
