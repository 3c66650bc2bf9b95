import { date, text, usd, type ExportDeclaration } from './declaration.js';

export const feePaymentsExport: ExportDeclaration = {
  dataset: 'fee_payments',
  columns: [
    { name: 'partner_id', type: text, required: true },
    { name: 'membership_year_start', type: date, required: true },
    { name: 'paid_on', type: date, required: true },
    { name: 'amount_usd', type: usd({ value: 0, inclusive: false }), required: true },
  ],
  partnerColumn: 'partner_id',
};
