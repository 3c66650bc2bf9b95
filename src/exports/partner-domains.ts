import { text, type ExportDeclaration } from './declaration.js';

export const partnerDomainsExport: ExportDeclaration = {
  dataset: 'partner_domains',
  columns: [
    { name: 'partner_id', type: text, required: true },
    { name: 'domain', type: { kind: 'lower_text' }, required: true },
  ],
  key: ['domain'],
  partnerColumn: 'partner_id',
  // Domain revenue already loaded follows its domain to the partner now holding it.
  afterLoad: [
    `update domain_revenue r set partner_id = d.partner_id from partner_domains d
      where d.domain = r.domain and r.partner_id is distinct from d.partner_id`,
    `update domain_revenue r set partner_id = null
      where r.partner_id is not null and not exists (select 1 from partner_domains d where d.domain = r.domain)`,
  ],
};
