import { date, oneOf, text, type ExportDeclaration } from './declaration.js';

export const publicReferencesExport: ExportDeclaration = {
  dataset: 'public_references',
  columns: [
    { name: 'partner_id', type: text, required: true },
    { name: 'customer_name', type: text, required: true },
    { name: 'source', type: oneOf(['manual', 'legacy']), required: true },
    { name: 'submitted_on', type: date, required: true },
    { name: 'approved_on', type: date, required: false },
    { name: 'url', type: text, required: false },
  ],
  partnerColumn: 'partner_id',
  rules: [
    {
      column: 'url',
      reason: 'missing required value: url is required for a manual reference',
      failsWhen: `{source} = 'manual' and {url} is null`,
    },
  ],
};
