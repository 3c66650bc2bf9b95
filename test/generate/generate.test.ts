// The test-data generators: bench/generate.ts (synthetic exports at scale) and
// scripts/generate-examples.ts (the committed sample sets under examples/).

import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';

import { parse } from 'csv-parse/sync';
import { afterAll, describe, expect, it } from 'vitest';

import { EXPORT_FILES, csvField, csvLine, type ExportName } from '../../bench/csv-writer.js';
import { SCALES, countRows, generate, type GenerateResult } from '../../bench/generate.js';
import { AS_OF, buildCleanDataset, checkScenarios, writeExamples } from '../../scripts/generate-examples.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const EXAMPLES = join(ROOT, 'examples');

// The headers of exports.md, written out here (not imported) so a drift in the generator shows.
const EXPECTED_HEADERS: Record<ExportName, string> = {
  partners:
    'partner_id,partner_name,partner_type,current_tier,renewal_date,alliance_lead_email,partner_manager_email,business_plan_signed_on,ga_product_count,ebr_completed_on,tier_since',
  certifications: 'partner_id,person_email,credential,issued_on,expires_on',
  opportunities:
    'opportunity_id,partner_id,customer_name,stage,launched_on,estimated_mrr_usd,origin,public_reference,public_reference_on',
  legacy_revenue_submissions: 'partner_id,aws_account_id,submitted_on',
  partner_domains: 'partner_id,domain',
  domain_revenue: 'domain,aws_account_id,month,charge_type,credit_type,amount_usd',
  fee_payments: 'partner_id,membership_year_start,paid_on,amount_usd',
  public_references: 'partner_id,customer_name,source,submitted_on,approved_on,url',
  csat_responses: 'response_id,partner_id,submitted_on,email_confirmed,aws_customer_verified',
  program_validations: 'partner_id,program,designation,validated_on,expires_on',
};

const temps: string[] = [];
function tempDir(tag: string): string {
  const dir = mkdtempSync(join(tmpdir(), `apn-gen-test-${tag}-`));
  temps.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

function sha256(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

function hashes(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of readdirSync(dir).sort()) out[f] = sha256(join(dir, f));
  return out;
}

function records(path: string): string[][] {
  return parse(readFileSync(path), { bom: true, relax_column_count: false }) as string[][];
}

// ---------------------------------------------------------------------------------------------
// A compact row checker of exports.md (types, enums, required and conditional values, unknown
// partner_id, duplicate keys), to show that generated good rows are valid and bad rows are not.

const CREDENTIALS = new Set(
  'TECH_ACCREDITATION BUSINESS_ACCREDITATION CLF SAA DVA SOA SAP DOP ANS BDS DAS SCS MLS AXS DBS PAS'.split(' '),
);
const isDate = (v: string): boolean => {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCMonth() + 1 === Number(m[2]) && d.getUTCDate() === Number(m[3]);
};
const isMonth = (v: string): boolean => /^\d{4}-(0[1-9]|1[0-2])$/.test(v);
const isUsd = (v: string): boolean => /^-?\d+(\.\d+)?$/.test(v);
const isBool = (v: string): boolean => /^(true|false|yes|no|y|n|1|0)$/i.test(v);
const isTrue = (v: string): boolean => /^(true|yes|y|1)$/i.test(v);
const isEmail = (v: string): boolean => /^[^@\s]+@[^@\s]+$/.test(v);

/** Rejected rows per file of a folder (partners.csv first: the roster for the others). */
function rejectedRows(dir: string, only?: readonly ExportName[]): Record<string, number> {
  const out: Record<string, number> = {};
  const read = (name: ExportName): Record<string, string>[] => {
    const [header, ...rows] = records(join(dir, `${name}.csv`));
    return rows.map((r) => Object.fromEntries((header as string[]).map((h, i) => [h, (r[i] ?? '').trim()])));
  };
  const roster = new Set<string>();
  for (const name of only ?? EXPORT_FILES) {
    const keys = new Set<string>();
    let rejected = 0;
    for (const r of read(name)) {
      const v = (c: string): string => r[c] ?? '';
      const known = (): boolean => roster.has(v('partner_id'));
      let ok = true;
      let key: string | null = null;
      switch (name) {
        case 'partners':
          ok =
            v('partner_id') !== '' &&
            v('partner_name') !== '' &&
            ['consulting', 'technology'].includes(v('partner_type')) &&
            ['registered', 'select', 'advanced', 'premier'].includes(v('current_tier')) &&
            !(v('current_tier') === 'premier' && v('partner_type') !== 'consulting') &&
            (v('current_tier') === 'registered' || v('renewal_date') !== '') &&
            (v('renewal_date') === '' || isDate(v('renewal_date'))) &&
            isEmail(v('alliance_lead_email')) &&
            (v('partner_manager_email') === '' || isEmail(v('partner_manager_email'))) &&
            ['business_plan_signed_on', 'ebr_completed_on', 'tier_since'].every((c) => v(c) === '' || isDate(v(c))) &&
            (v('ga_product_count') === '' || /^\d+$/.test(v('ga_product_count')));
          key = v('partner_id');
          break;
        case 'certifications':
          ok = known() && isEmail(v('person_email')) && CREDENTIALS.has(v('credential').toUpperCase()) && isDate(v('issued_on')) && (v('expires_on') === '' || isDate(v('expires_on')));
          key = [v('partner_id'), v('person_email').toLowerCase(), v('credential').toUpperCase(), v('issued_on')].join('|');
          break;
        case 'opportunities': {
          const launched = v('stage') === 'launched';
          const pr = v('public_reference');
          ok =
            v('opportunity_id') !== '' &&
            known() &&
            v('customer_name') !== '' &&
            ['prospect', 'qualified', 'technical_validation', 'business_validation', 'committed', 'launched', 'closed_lost'].includes(v('stage')) &&
            (launched ? isDate(v('launched_on')) : v('launched_on') === '' || isDate(v('launched_on'))) &&
            (v('estimated_mrr_usd') === '' || (isUsd(v('estimated_mrr_usd')) && Number(v('estimated_mrr_usd')) >= 0)) &&
            ['partner_referred', 'aws_referred', 'aws_tagged'].includes(v('origin')) &&
            (pr === '' || isBool(pr)) &&
            (pr !== '' && isTrue(pr)
              ? launched && isDate(v('public_reference_on')) && v('public_reference_on') >= v('launched_on')
              : v('public_reference_on') === '' || isDate(v('public_reference_on')));
          key = `${v('opportunity_id')}|${v('partner_id')}`;
          break;
        }
        case 'legacy_revenue_submissions':
          ok = known() && /^\d{12}$/.test(v('aws_account_id')) && isDate(v('submitted_on'));
          key = `${v('partner_id')}|${v('aws_account_id')}|${v('submitted_on')}`;
          break;
        case 'partner_domains':
          ok = known() && v('domain') !== '' && v('domain') === v('domain').toLowerCase();
          key = v('domain');
          break;
        case 'domain_revenue':
          ok =
            v('domain') !== '' &&
            /^\d{12}$/.test(v('aws_account_id')) &&
            isMonth(v('month')) &&
            ['usage', 'ri_purchase', 'credit'].includes(v('charge_type')) &&
            (v('charge_type') !== 'credit' || v('credit_type') !== '') &&
            isUsd(v('amount_usd'));
          key = [v('domain'), v('aws_account_id'), v('month'), v('charge_type'), v('credit_type').toLowerCase()].join('|');
          break;
        case 'fee_payments':
          ok = known() && isDate(v('membership_year_start')) && isDate(v('paid_on')) && isUsd(v('amount_usd')) && Number(v('amount_usd')) > 0;
          break;
        case 'public_references':
          ok =
            known() &&
            v('customer_name') !== '' &&
            ['manual', 'legacy'].includes(v('source')) &&
            isDate(v('submitted_on')) &&
            (v('approved_on') === '' || isDate(v('approved_on'))) &&
            (v('source') !== 'manual' || v('url') !== '');
          break;
        case 'csat_responses':
          ok = v('response_id') !== '' && known() && isDate(v('submitted_on')) && isBool(v('email_confirmed')) && isBool(v('aws_customer_verified'));
          key = v('response_id');
          break;
        case 'program_validations':
          ok =
            known() &&
            ['msp', 'competency', 'well_architected', 'technical_baseline_review'].includes(v('program')) &&
            (v('program') !== 'competency' || v('designation') !== '') &&
            isDate(v('validated_on')) &&
            (v('expires_on') === '' || isDate(v('expires_on')));
          key = [v('partner_id'), v('program'), v('designation').toLowerCase()].join('|');
          break;
      }
      if (ok && key !== null) {
        if (keys.has(key)) ok = false;
        else keys.add(key);
      }
      if (!ok) rejected++;
      else if (name === 'partners') roster.add(v('partner_id'));
    }
    out[name] = rejected;
  }
  return out;
}

describe('csv encoding', () => {
  it('quotes only where RFC 4180 needs it', () => {
    expect(csvField('Müller Cloud GmbH')).toBe('Müller Cloud GmbH');
    expect(csvField('Smith, Jones & Partners, LLC')).toBe('"Smith, Jones & Partners, LLC"');
    expect(csvField('The "Cloud" Co')).toBe('"The ""Cloud"" Co"');
    expect(csvField(null)).toBe('');
    expect(csvLine(['a', 1, null, 'b\nc'])).toBe('a,1,,"b\nc"\n');
  });
});

describe('bench/generate.ts', () => {
  let first: GenerateResult;
  const dirA = tempDir('a');
  const dirB = tempDir('b');

  it('writes the ten exports, the same bytes for the same seed', async () => {
    first = await generate({ scale: 'tiny', outDir: dirA, seed: 7 });
    await generate({ scale: 'tiny', outDir: dirB, seed: 7 });
    const a = hashes(dirA);
    expect(Object.keys(a)).toEqual(EXPORT_FILES.map((f) => `${f}.csv`).sort());
    expect(hashes(dirB)).toEqual(a);
  });

  it('writes different data for a different seed', async () => {
    const dirC = tempDir('c');
    await generate({ scale: 'tiny', outDir: dirC, seed: 8 });
    const a = hashes(dirA);
    const c = hashes(dirC);
    const differing = Object.keys(a).filter((f) => a[f] !== c[f]);
    expect(differing).toContain('partners.csv');
    expect(differing.length).toBeGreaterThanOrEqual(8);
  });

  it('writes the exports.md header first, and valid CSV with a constant column count', () => {
    for (const name of EXPORT_FILES) {
      const path = join(dirA, `${name}.csv`);
      const text = readFileSync(path, 'utf8');
      expect(text.slice(0, text.indexOf('\n')), name).toBe(EXPECTED_HEADERS[name]);
      const rows = records(path);
      const stats = first.files.find((f) => f.name === name);
      expect(rows.length - 1, name).toBe(stats?.rows);
    }
  });

  it('writes plausible row counts at the tiny scale', () => {
    const rows = Object.fromEntries(first.files.map((f) => [f.name, f.rows])) as Record<ExportName, number>;
    expect(rows.partners).toBe(SCALES.tiny);
    expect(rows.certifications).toBeGreaterThan(100);
    expect(rows.opportunities).toBeGreaterThan(200);
    expect(rows.domain_revenue).toBeGreaterThan(200);
    expect(rows.partner_domains).toBeGreaterThanOrEqual(SCALES.tiny);
    for (const name of EXPORT_FILES) expect(rows[name], name).toBeGreaterThan(0);
    const partnerIds = new Set(records(join(dirA, 'partners.csv')).slice(1).map((r) => r[0]));
    expect(partnerIds.size).toBe(SCALES.tiny);
  });

  it('sizes the small scale per exports (per 1,000 partners) with bad rows far under the reject limit', () => {
    const counts = countRows({ scale: 'small', seed: 1 });
    expect(counts.partners.rows).toBe(1000);
    const within = (name: ExportName, lo: number, hi: number): void => {
      expect(counts[name].rows, name).toBeGreaterThanOrEqual(lo);
      expect(counts[name].rows, name).toBeLessThanOrEqual(hi);
    };
    within('certifications', 5_000, 20_000);
    within('opportunities', 10_000, 40_000);
    within('domain_revenue', 15_000, 60_000);
    within('csat_responses', 1_500, 8_000);
    within('public_references', 1_000, 4_000);
    within('partner_domains', 1_000, 2_000);
    let bad = 0;
    for (const name of EXPORT_FILES) {
      const { rows, badRows } = counts[name];
      expect(badRows, name).toBeLessThanOrEqual(Math.max(10, rows * 0.01));
      bad += badRows;
    }
    expect(counts.partners.badRows).toBe(0);
    expect(bad).toBeGreaterThan(0);
  });

  it('every good row is valid and every bad row is rejected (tiny: default rate; small: more bad rows)', async () => {
    expect(rejectedRows(dirA)).toEqual(Object.fromEntries(first.files.map((f) => [f.name, f.badRows])));
    const dirS = tempDir('s');
    const small = await generate({ scale: 'small', outDir: dirS, seed: 3, badRate: 0.005 });
    const expected = Object.fromEntries(small.files.map((f) => [f.name, f.badRows]));
    expect(Object.values(expected).reduce((a, b) => a + b, 0)).toBeGreaterThan(100);
    expect(rejectedRows(dirS)).toEqual(expected);
    const clean = tempDir('clean');
    await generate({ scale: 'tiny', outDir: clean, seed: 7, badRate: 0 });
    for (const [name, n] of Object.entries(rejectedRows(clean))) expect(n, name).toBe(0);
  });

  it('gzip output decompresses to the plain bytes, and is itself deterministic', async () => {
    const g1 = tempDir('gz1');
    const g2 = tempDir('gz2');
    await generate({ scale: 'tiny', outDir: g1, seed: 7, gzip: true });
    await generate({ scale: 'tiny', outDir: g2, seed: 7, gzip: true });
    expect(hashes(g1)).toEqual(hashes(g2));
    for (const name of EXPORT_FILES) {
      const plain = readFileSync(join(dirA, `${name}.csv`));
      expect(gunzipSync(readFileSync(join(g1, `${name}.csv.gz`))).equals(plain), name).toBe(true);
    }
  });
});

describe('scripts/generate-examples.ts', () => {
  const out = tempDir('examples');
  const result = writeExamples(out);

  it('regenerates exactly the committed examples (they never drift)', () => {
    expect(result.scenarios).toBe(50);
    for (const sub of ['exports', 'bad-exports']) {
      const committed = readdirSync(join(EXAMPLES, sub)).sort();
      expect(readdirSync(join(out, sub)).sort()).toEqual(committed);
      for (const f of committed) {
        expect(sha256(join(out, sub, f)), `${sub}/${f}`).toBe(sha256(join(EXAMPLES, sub, f)));
      }
    }
    expect(readFileSync(join(out, 'README.md'), 'utf8')).toBe(readFileSync(join(EXAMPLES, 'README.md'), 'utf8'));
  });

  it('every scenario evaluates to its intended status', () => {
    expect(() => checkScenarios(buildCleanDataset())).not.toThrow();
  });

  it('the clean set is valid CSV with the exports.md headers, both types and all tiers', () => {
    for (const name of EXPORT_FILES) {
      const rows = records(join(EXAMPLES, 'exports', `${name}.csv`));
      expect(rows[0]?.join(','), name).toBe(EXPECTED_HEADERS[name]);
      expect(rows.length, name).toBeGreaterThan(1);
    }
    const partners = records(join(EXAMPLES, 'exports', 'partners.csv')).slice(1);
    const kinds = new Set(partners.map((r) => `${r[2]}/${r[3]}`));
    for (const k of [
      'consulting/registered',
      'consulting/select',
      'consulting/advanced',
      'consulting/premier',
      'technology/registered',
      'technology/select',
      'technology/advanced',
    ]) {
      expect(kinds, k).toContain(k);
    }
    const names = partners.map((r) => r[1]);
    expect(names).toContain('Müller Cloud GmbH');
    expect(names).toContain('Smith, Jones & Partners, LLC');
    expect(names).toContain('"Nimbus" Consultoria Ltda.');
    // every partner_id in the other files is on the roster
    const ids = new Set(partners.map((r) => r[0]));
    for (const name of EXPORT_FILES) {
      if (name === 'partners' || name === 'domain_revenue') continue;
      const rows = records(join(EXAMPLES, 'exports', `${name}.csv`));
      const col = (rows[0] as string[]).indexOf('partner_id');
      for (const r of rows.slice(1)) expect(ids.has(r[col] as string), `${name}: ${r[col]}`).toBe(true);
    }
    // no row dated after the as-of date except expiry and renewal dates
    const opps = records(join(EXAMPLES, 'exports', 'opportunities.csv')).slice(1);
    for (const r of opps) if (r[4]) expect(r[4] <= AS_OF).toBe(true);
  });

  it('the clean set has no rejected row; the bad set has exactly the rows its README lists', () => {
    for (const [name, n] of Object.entries(rejectedRows(join(EXAMPLES, 'exports')))) expect(n, name).toBe(0);
    const withoutBroken = EXPORT_FILES.filter((f) => f !== 'legacy_revenue_submissions');
    expect(rejectedRows(join(EXAMPLES, 'bad-exports'), withoutBroken)).toEqual({
      partners: 6,
      certifications: 6,
      opportunities: 9,
      partner_domains: 2,
      domain_revenue: 6,
      fee_payments: 3,
      public_references: 3,
      csat_responses: 14,
      program_validations: 3,
    });
  });

  it('the bad set: the broken file does not parse, the over-limit file rejects > 10 and > 1%', () => {
    expect(() => records(join(EXAMPLES, 'bad-exports', 'legacy_revenue_submissions.csv'))).toThrow();
    for (const name of EXPORT_FILES) {
      if (name === 'legacy_revenue_submissions') continue;
      const clean = records(join(EXAMPLES, 'exports', `${name}.csv`)).length - 1;
      const bad = records(join(EXAMPLES, 'bad-exports', `${name}.csv`)).length - 1;
      const rejected = bad - clean;
      if (name === 'csat_responses') {
        expect(rejected).toBeGreaterThan(10);
        expect(rejected).toBeGreaterThan(bad * 0.01);
      } else {
        expect(rejected, name).toBeLessThanOrEqual(10);
      }
    }
    expect(result.badRows).toBeGreaterThan(40);
  });
});
