import { bool, date, text, type ExportDeclaration } from './declaration.js';

export const csatResponsesExport: ExportDeclaration = {
  dataset: 'csat_responses',
  columns: [
    { name: 'response_id', type: text, required: true },
    { name: 'partner_id', type: text, required: true },
    { name: 'submitted_on', type: date, required: true },
    { name: 'email_confirmed', type: bool, required: true },
    { name: 'aws_customer_verified', type: bool, required: true },
  ],
  key: ['response_id'],
  partnerColumn: 'partner_id',
};
