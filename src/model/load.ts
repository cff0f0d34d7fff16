/** load → shape (zod) → references → graph: the one way a model is read. */
import { type Diagnostic, InputError, hasErrors, sortDiagnostics } from './diagnostics.js';
import { type ModelGraph, buildGraph } from './graph.js';
import { checkReferences } from './references.js';
import { Architecture } from './schema.js';
import { keysAt } from './schema-keys.js';
import { readYamlFile } from './yaml-source.js';
import { zodDiagnostics } from './zod-diagnostics.js';
import { today as currentDay } from '../util/today.js';

export interface LoadedModel {
  readonly graph: ModelGraph;
  /** Warnings only: a model with errors throws InputError. */
  readonly warnings: readonly Diagnostic[];
}

export interface LoadOptions {
  readonly today?: string;
}

export function loadModel(file: string, options: LoadOptions = {}): LoadedModel {
  const source = readYamlFile(file);
  const { value, map } = source;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    const found = Array.isArray(value) ? 'a list' : value === null ? 'nothing' : `the value ${JSON.stringify(value)}`;
    throw new InputError([{ severity: 'error', file, line: 1, column: 1, code: 'not-a-mapping', message: `the top level must be a mapping (key: value) starting with \`ztm: 1\`, but it is ${found}` }]);
  }
  const version = (value as Record<string, unknown>).ztm;
  if (version !== 1) {
    const at = version === undefined ? { line: 1, column: 1 } : map.valueAt(['ztm']);
    const message = version === undefined
      ? 'the format version is missing: add `ztm: 1` as the first line'
      : `this file is format version ${JSON.stringify(version)}, but this ztm reads version 1; write \`ztm: 1\` (or upgrade ztm)`;
    throw new InputError([{ severity: 'error', file, ...at, code: 'format-version', message }]);
  }
  const parsed = Architecture.safeParse(value);
  if (!parsed.success) {
    throw new InputError(zodDiagnostics(file, map, value, parsed.error.issues, (p) => keysAt(Architecture, p)));
  }
  const diagnostics = checkReferences(parsed.data, { file, map, today: options.today ?? currentDay() });
  if (hasErrors(diagnostics)) throw new InputError(diagnostics);
  return { graph: buildGraph(file, parsed.data, map), warnings: sortDiagnostics(diagnostics) };
}
