/**
 * The JSON report (`--format json`, version 1) as a zod schema: it validates
 * reports read back (`--baseline`, `ztm diff`) and is exported as JSON Schema to
 * schema/ztm-report-v1.schema.json (reportJsonSchema; test/report-schema.test.ts
 * fails when the file is stale).
 */
import { publishedJsonSchema, z } from '../util/zod.js';
import { CATEGORIES, SEVERITIES, STATUSES } from '../analysis/threat.js';
import { REPORT_SCHEMA_ID } from './json.js';

const Severity = z.enum(SEVERITIES);
const Status = z.enum(STATUSES);
const Category = z.enum(CATEGORIES);
const Count = z.number().int().min(0);
const Line = z.number().int().min(0);

const Evidence = z.strictObject({ element: z.string(), attribute: z.string(), value: z.unknown() });

export const ReportThreat = z.strictObject({
  id: z.string().min(1).describe('Stable: rule@element.'),
  rule: z.string().min(1),
  category: Category,
  element: z.string().min(1),
  elementKind: z.enum(['component', 'flow', 'boundary', 'account']),
  title: z.string(),
  statement: z.strictObject({ source: z.string(), prerequisites: z.string(), action: z.string(), impact: z.string(), assets: z.string(), text: z.string() }),
  evidence: z.array(Evidence),
  severity: Severity,
  severityReasoning: z.strictObject({ likelihood: z.enum(['low', 'medium', 'high']), impact: Severity, factors: z.array(z.string()) }),
  status: Status,
  mitigatedBy: z.array(z.string()),
  acceptance: z.strictObject({ by: z.string(), reason: z.string(), expires: z.string(), ticket: z.string().optional() }).optional(),
  controls: z.array(z.string()),
  recommendations: z.array(z.strictObject({ control: z.string(), service: z.string(), feature: z.string(), how: z.string() })),
  references: z.strictObject({
    securityHub: z.array(z.string()),
    cis: z.array(z.string()),
    wellArchitected: z.array(z.string()),
    attack: z.array(z.string()),
    docs: z.array(z.string()),
  }),
  path: z.array(z.string()).optional(),
  location: z.strictObject({ file: z.string(), line: Line, column: Line }),
});

const Diagnostic = z.strictObject({ severity: z.enum(['error', 'warning']), file: z.string(), line: Line, column: Line, message: z.string(), code: z.string() });

const ControlCheck = z.strictObject({
  element: z.string(),
  control: z.string(),
  status: z.enum(['verified', 'contradicted', 'unverifiable']),
  reason: z.string(),
  evidence: z.array(z.string()),
});

const CategoryCounts = z.strictObject({ total: Count, open: Count, critical: Count, high: Count, medium: Count, low: Count });

export const Report = z.strictObject({
  $schema: z.literal(REPORT_SCHEMA_ID).optional(),
  version: z.literal(1),
  tool: z.strictObject({ name: z.literal('ztm'), version: z.string() }),
  model: z.strictObject({
    name: z.string(),
    file: z.string(),
    description: z.string().optional(),
    owner: z.string().optional(),
    version: z.string().optional(),
    updated: z.string().optional(),
    scope: z.string().optional(),
    assumptions: z.array(z.string()),
    outOfScope: z.array(z.string()),
  }),
  rules: z.strictObject({ total: Count, custom: Count }),
  summary: z.strictObject({
    total: Count,
    byStatus: z.strictObject(Object.fromEntries(STATUSES.map((s) => [s, Count])) as Record<(typeof STATUSES)[number], typeof Count>),
    openBySeverity: z.strictObject(Object.fromEntries(SEVERITIES.map((s) => [s, Count])) as Record<(typeof SEVERITIES)[number], typeof Count>),
    byCategory: z.strictObject(Object.fromEntries(CATEGORIES.map((c) => [c, CategoryCounts])) as Record<(typeof CATEGORIES)[number], typeof CategoryCounts>),
  }),
  threats: z.array(ReportThreat),
  warnings: z.array(Diagnostic),
  verification: z
    .strictObject({
      accountId: z.string().optional(),
      region: z.string(),
      checkedAt: z.string(),
      checks: z.array(ControlCheck),
      findings: z.array(z.strictObject({ rule: z.string(), element: z.string(), evidence: z.array(z.strictObject({ attribute: z.string(), value: z.unknown() })) })),
      complete: z.boolean(),
      notChecked: z.array(z.strictObject({ element: z.string(), control: z.string(), reason: z.string() })).optional(),
      problems: z.array(z.string()).optional(),
      warnings: z.array(z.string()).optional(),
    })
    .optional(),
  gate: z.strictObject({
    failOn: z.enum([...SEVERITIES, 'none']),
    failed: z.boolean(),
    failing: z.array(z.string()),
    contradicted: z.array(ControlCheck),
    baselined: Count,
  }),
});

export type ReportDoc = z.output<typeof Report>;

export function reportJsonSchema(): Record<string, unknown> {
  return publishedJsonSchema(Report, REPORT_SCHEMA_ID, 'ztm analysis report, version 1');
}
