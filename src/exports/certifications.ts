import { date, email, oneOf, text, type ExportDeclaration } from './declaration.js';
import { CREDENTIAL_CODES } from './credentials.js';

export const certificationsExport: ExportDeclaration = {
  dataset: 'certifications',
  columns: [
    { name: 'partner_id', type: text, required: true },
    { name: 'person_email', type: email, required: true },
    { name: 'credential', type: oneOf(CREDENTIAL_CODES, { upper: true, label: 'a known credential code' }), required: true },
    { name: 'issued_on', type: date, required: true },
    { name: 'expires_on', type: date, required: false },
  ],
  key: ['partner_id', 'person_email', 'credential', 'issued_on'],
  partnerColumn: 'partner_id',
};
