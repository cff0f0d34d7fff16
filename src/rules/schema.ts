/**
 * The rule-file format (`ztm-rules: 1`): rules are data, validated here, never
 * code. Built-in rules live in rules/*.yaml; teams add theirs with --rules DIR.
 */
import { z } from '../util/zod.js';
import { CATEGORIES } from '../analysis/threat.js';
import { CONTROL_IDS, CUSTOM_CONTROL_PATTERN } from '../model/catalog/controls.js';

export const RULES_FORMAT_VERSION = 1;

export const RULE_ID_PATTERN = /^(spoofing|tampering|repudiation|information-disclosure|denial-of-service|elevation-of-privilege)\.[a-z0-9]+(?:-[a-z0-9]+)*$/;

export const ElementScope = z.enum(['component', 'flow', 'account', 'boundary']).describe('What kind of element the rule walks.');

const ControlRef = z.union([z.enum(CONTROL_IDS), z.string().regex(CUSTOM_CONTROL_PATTERN)]);

/**
 * A condition: one-key mappings. `{ attribute: value }` (equality),
 * `{ attribute: { operator: operand } }`, or `{ all | any: [conditions] }`, `{ not: condition }`.
 * Checked against the attribute catalog when the file loads (src/rules/attributes.ts).
 */
export type ConditionInput = Record<string, unknown>;
export const Condition: z.ZodType<ConditionInput> = z.lazy(() =>
  z
    .record(z.string(), z.unknown())
    .refine((o) => Object.keys(o).length === 1, { error: 'a condition has exactly one key: an attribute, or all / any / not' })
    .meta({ description: 'One key: an attribute (`exposed: true`, `kind: { in: [...] }`) or all / any / not; see rules/README.md#conditions.', minProperties: 1, maxProperties: 1 }),
);

export const Level3 = z.enum(['low', 'medium', 'high']);
export const Level4 = z.enum(['low', 'medium', 'high', 'critical']);

export const Rule = z.strictObject({
  id: z.string().regex(RULE_ID_PATTERN, { error: 'rule ids are <category>.<kebab-case-name>, e.g. spoofing.unauthenticated-internal-flow' }),
  category: z.enum(CATEGORIES),
  title: z.string().min(1).max(200),
  applies_to: ElementScope,
  /** For component rules: restrict by STRIDE element type. */
  element_types: z.array(z.enum(['external-entity', 'process', 'data-store'])).optional(),
  /** `model` (default): fires where `when` holds. `live`: fires only where live verification reports it. */
  trigger: z.enum(['model', 'live']).default('model'),
  when: z.array(Condition).default([]),
  statement: z.strictObject({
    source: z.string().min(1).max(500),
    prerequisites: z.string().min(1).max(500),
    action: z.string().min(1).max(500),
    impact: z.string().min(1).max(500),
    assets: z.string().min(1).max(500),
  }),
  severity: z.strictObject({
    likelihood: Level3,
    impact: Level4,
    /** Raise impact to the sensitivity of the data the element stores or carries. */
    impact_from_data: z.boolean().default(false),
  }),
  recommend: z
    .array(
      z.strictObject({
        control: ControlRef,
        service: z.string().min(1).max(100),
        feature: z.string().min(1).max(200),
        how: z.string().min(1).max(1000),
        /** Recommended only where these conditions also hold on the element (the language of the rule's `when`). */
        when: z.array(Condition).min(1).optional(),
      }),
    )
    .min(1)
    .max(16, { error: 'a rule recommends at most 16 controls; split it into rules of their own' }),
  mitigated_by: z
    .strictObject({
      any_of: z.array(ControlRef).default([]),
      all_of: z.array(ControlRef).default([]),
    })
    .optional(),
  references: z.strictObject({
    security_hub: z.array(z.string().regex(/^[A-Za-z0-9]+\.\d+$/, { error: 'Security Hub control ids look like IAM.5' })).default([]),
    cis: z.array(z.string().regex(/^\d+(\.\d+)+$/, { error: 'CIS items look like 1.10' })).default([]),
    well_architected: z.array(z.string().regex(/^SEC\d{2}-BP\d{2}$/, { error: 'Well-Architected best practices look like SEC02-BP01' })).default([]),
    attack: z.array(z.string().regex(/^T\d{4}(\.\d{3})?$/, { error: 'MITRE ATT&CK technique ids look like T1078.004' })).default([]),
    docs: z.array(z.url({ protocol: /^https$/ })).default([]),
  }),
});

export const RuleFile = z.strictObject({
  'ztm-rules': z.literal(RULES_FORMAT_VERSION, { error: `ztm-rules: must be ${RULES_FORMAT_VERSION}, the rule format version` }),
  rules: z.array(Rule).min(1),
});

export type RuleDef = z.output<typeof Rule>;
export type RuleFileDef = z.output<typeof RuleFile>;

/** The file around the rules: checked first, so each rule can then be checked on its own. */
export const RuleFileEnvelope = z.strictObject({
  'ztm-rules': RuleFile.shape['ztm-rules'],
  rules: z.array(z.unknown()).min(1),
});
