/** Finds and reads ztm.config.yaml with the same safe YAML reader and positioned errors as models. */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { InputError } from '../model/diagnostics.js';
import type { SourceMap } from '../model/source-map.js';
import { readYamlFile } from '../model/yaml-source.js';
import { zodDiagnostics } from '../model/zod-diagnostics.js';
import { safeParseBounded } from '../util/zod.js';
import { valueKind } from '../util/value-kind.js';
import { CONFIG_FILE_NAME, Config, type ConfigDef } from './schema.js';

export interface LoadedConfig {
  /** As found or given. */
  readonly file: string;
  readonly config: ConfigDef;
  readonly map: SourceMap;
  /** Rule directories resolved against the config file's directory. */
  readonly ruleDirectories: readonly string[];
}

/** `ztm.config.yaml` next to the model, else in the working directory, else none. */
export function findConfig(modelFile: string, cwd: string = process.cwd()): string | undefined {
  const candidates = [join(dirname(modelFile), CONFIG_FILE_NAME), join(cwd, CONFIG_FILE_NAME)];
  return candidates.find((f) => existsSync(f));
}

export function loadConfig(file: string): LoadedConfig {
  const { value, map } = readYamlFile(file, { expected: 'a ztm config is a mapping of settings such as `fail_on: high` (see README, "Configuration"), or delete the file' });
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new InputError([{ severity: 'error', file, line: 1, column: 1, code: 'not-a-mapping', message: `a ztm config is a mapping of settings (fail_on, format, rules), but this file holds ${valueKind(value)}` }]);
  }
  const parsed = safeParseBounded(Config, value);
  if (!parsed.success) {
    throw new InputError(zodDiagnostics(file, map, value, parsed.error.issues, Config, 'the config'));
  }
  const base = dirname(resolve(file));
  return { file, config: parsed.data, map, ruleDirectories: parsed.data.rules.directories.map((d) => resolve(base, d)) };
}
