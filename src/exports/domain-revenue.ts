import { awsAccountId, month, oneOf, text, usd, type ExportDeclaration } from './declaration.js';

export const domainRevenueExport: ExportDeclaration = {
  dataset: 'domain_revenue',
  columns: [
    { name: 'domain', type: { kind: 'lower_text' }, required: true },
    { name: 'aws_account_id', type: awsAccountId, required: true },
    { name: 'month', type: month, required: true },
    { name: 'charge_type', type: oneOf(['usage', 'ri_purchase', 'credit']), required: true },
    { name: 'credit_type', type: { kind: 'lower_text' }, required: false },
    { name: 'amount_usd', type: usd(), required: true },
  ],
  attribution: { column: 'partner_id', from: 'partner_domains', on: 'domain' },
  key: ['domain', 'aws_account_id', 'month', 'charge_type', 'credit_type'],
  rules: [
    {
      column: 'credit_type',
      reason: 'missing required value: credit_type is required when charge_type is credit',
      failsWhen: `{charge_type} = 'credit' and {credit_type} is null`,
    },
  ],
};
