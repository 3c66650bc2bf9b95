import { bool, date, oneOf, text, usd, type ExportDeclaration } from './declaration.js';

export const opportunitiesExport: ExportDeclaration = {
  dataset: 'opportunities',
  columns: [
    { name: 'opportunity_id', type: text, required: true },
    { name: 'partner_id', type: text, required: true },
    { name: 'customer_name', type: text, required: true },
    {
      name: 'stage',
      type: oneOf(['prospect', 'qualified', 'technical_validation', 'business_validation', 'committed', 'launched', 'closed_lost']),
      required: true,
    },
    { name: 'launched_on', type: date, required: false },
    { name: 'estimated_mrr_usd', type: usd({ value: 0, inclusive: true }), required: false, default: '0' },
    { name: 'origin', type: oneOf(['partner_referred', 'aws_referred', 'aws_tagged']), required: true },
    { name: 'public_reference', type: bool, required: false, default: 'false' },
    { name: 'public_reference_on', type: date, required: false },
  ],
  key: ['opportunity_id', 'partner_id'],
  partnerColumn: 'partner_id',
  rules: [
    {
      column: 'launched_on',
      reason: 'missing required value: launched_on is required when stage is launched',
      failsWhen: `{stage} = 'launched' and {launched_on} is null`,
    },
    {
      column: 'public_reference_on',
      reason: 'missing required value: public_reference_on is required when public_reference is true',
      failsWhen: `{public_reference} and {public_reference_on} is null`,
    },
    {
      column: 'public_reference',
      reason: 'only a launched opportunity can be designated publicly referenceable',
      failsWhen: `{public_reference} and {stage} <> 'launched'`,
    },
    {
      column: 'public_reference_on',
      reason: 'public_reference_on is before launched_on',
      failsWhen: `{public_reference_on} < {launched_on}`,
    },
  ],
};
