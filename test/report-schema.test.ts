/** The JSON report's schema: the shipped file is current, and every fixture's report validates against it. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers/cli.js';
import { HOSTILE, VALID, analyze } from './data/reports.js';
import { REPORT_SCHEMA_FILE, reportSchemaText } from '../src/report/artifacts.js';
import { Report } from '../src/report/report-schema.js';

const shipped = readFileSync(join(ROOT, REPORT_SCHEMA_FILE), 'utf8');
const validate = new Ajv2020.default({ strict: false, allErrors: true }).compile(JSON.parse(shipped));

describe('schema/ztm-report-v1.schema.json', () => {
  it('is current (refresh with `npm run examples`)', () => {
    expect(shipped).toBe(reportSchemaText());
  });

  it.each([...VALID, HOSTILE])('%s: the JSON report validates with ajv and with zod', (model) => {
    const r = analyze(model, 'json');
    const report = JSON.parse(r.stdout);
    expect(validate(report), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    expect(Report.safeParse(report).success).toBe(true);
  });

  it('rejects reports that do not follow it', () => {
    const report = JSON.parse(analyze(VALID[0]!, 'json').stdout);
    expect(validate({ ...report, threats: [{ ...report.threats[0], severity: 'severe' }] })).toBe(false);
    expect(validate({ ...report, extra: 1 })).toBe(false);
    const { gate: _gate, ...noGate } = report;
    expect(validate(noGate)).toBe(false);
  });
});
