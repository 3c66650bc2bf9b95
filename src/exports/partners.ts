import { count, date, email, oneOf, text, type ExportDeclaration } from './declaration.js';

export const partnersExport: ExportDeclaration = {
  dataset: 'partners',
  columns: [
    { name: 'partner_id', type: text, required: true },
    { name: 'partner_name', type: text, required: true },
    { name: 'partner_type', type: oneOf(['consulting', 'technology']), required: true },
    { name: 'current_tier', type: oneOf(['registered', 'select', 'advanced', 'premier']), required: true },
    { name: 'renewal_date', type: date, required: false },
    { name: 'alliance_lead_email', type: email, required: true },
    { name: 'partner_manager_email', type: email, required: false },
    { name: 'business_plan_signed_on', type: date, required: false },
    { name: 'ga_product_count', type: count, required: false, default: '0' },
    { name: 'ebr_completed_on', type: date, required: false },
    { name: 'tier_since', type: date, required: false },
  ],
  key: ['partner_id'],
  rules: [
    {
      column: 'renewal_date',
      reason: 'missing required value: renewal_date is required unless current_tier is registered',
      failsWhen: `{renewal_date} is null and {current_tier} <> 'registered'`,
    },
    {
      column: 'current_tier',
      reason: 'premier is a tier of consulting partners only',
      failsWhen: `{current_tier} = 'premier' and {partner_type} <> 'consulting'`,
    },
  ],
  requiresRows: true,
};
