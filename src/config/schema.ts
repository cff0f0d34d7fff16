/**
 * `ztm.config.yaml`: project defaults for `ztm analyze`. Command-line flags win
 * over every key here.
 *
 *   fail_on: high                  # gate threshold (critical, high, medium, low, none)
 *   format: markdown               # default output format
 *   rules:
 *     directories: [team-rules]    # extra rule directories, relative to this file
 *     enabled: [spoofing]          # only these rule ids or STRIDE categories (optional)
 *     disabled: [denial-of-service, tampering.plaintext-flow]
 *     severity:                    # severity overrides per rule id
 *       spoofing.unauthenticated-internal-flow: medium
 */
import { z } from '../util/zod.js';
import { SEVERITIES } from '../analysis/threat.js';
import { FORMATS } from '../report/formats.js';

export const CONFIG_FILE_NAME = 'ztm.config.yaml';

const Selector = z.string().min(1).max(200).describe('A rule id (spoofing.unauthenticated-internal-flow) or a STRIDE category (spoofing).');

export const ConfigRules = z.strictObject({
  directories: z.array(z.string().min(1)).default([]).describe('Extra rule directories or files, relative to the config file.'),
  enabled: z.array(Selector).optional().describe('When present, only the rules these select run.'),
  disabled: z.array(Selector).default([]).describe('Rules these select do not run.'),
  severity: z.record(z.string().min(1), z.enum(SEVERITIES)).default({}).describe('Severity overrides by rule id, applied after analysis.'),
});

export const Config = z.strictObject({
  fail_on: z.enum([...SEVERITIES, 'none']).optional().describe('Default for --fail-on.'),
  format: z.enum(FORMATS).optional().describe('Default for --format.'),
  rules: ConfigRules.default({ directories: [], disabled: [], severity: {} }),
});

export type ConfigDef = z.output<typeof Config>;
