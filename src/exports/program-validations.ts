import { date, oneOf, text, type ExportDeclaration } from './declaration.js';

export const programValidationsExport: ExportDeclaration = {
  dataset: 'program_validations',
  columns: [
    { name: 'partner_id', type: text, required: true },
    { name: 'program', type: oneOf(['msp', 'competency', 'well_architected', 'technical_baseline_review']), required: true },
    { name: 'designation', type: { kind: 'lower_text' }, required: false },
    { name: 'validated_on', type: date, required: true },
    { name: 'expires_on', type: date, required: false },
  ],
  // designations are compared case-insensitively (exports.md), so the key folds case
  key: ['partner_id', 'program', 'designation'],
  partnerColumn: 'partner_id',
  rules: [
    {
      column: 'designation',
      reason: 'missing required value: designation is required for a competency',
      failsWhen: `{program} = 'competency' and {designation} is null`,
    },
  ],
};
