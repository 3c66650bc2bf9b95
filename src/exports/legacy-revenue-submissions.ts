import { awsAccountId, date, text, type ExportDeclaration } from './declaration.js';

export const legacyRevenueSubmissionsExport: ExportDeclaration = {
  dataset: 'legacy_revenue_submissions',
  columns: [
    { name: 'partner_id', type: text, required: true },
    { name: 'aws_account_id', type: awsAccountId, required: true },
    { name: 'submitted_on', type: date, required: true },
  ],
  key: ['partner_id', 'aws_account_id', 'submitted_on'],
  partnerColumn: 'partner_id',
};
