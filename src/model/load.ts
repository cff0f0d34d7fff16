/** load → shape (zod) → references → graph: the one way a model is read. */
import { type Diagnostic, InputError, hasErrors, sortDiagnostics } from './diagnostics.js';
import { type ModelGraph, buildGraph } from './graph.js';
import { checkReferences } from './references.js';
import { Architecture } from './schema.js';
import { checkShape } from './shape-check.js';
import type { SourceMap } from './source-map.js';
import { readYamlFile } from './yaml-source.js';
import { zodDiagnostics } from './zod-diagnostics.js';
import { today as currentDay } from '../util/today.js';
import { type DocumentKind, documentKind } from './document-kind.js';
import { valueKind } from '../util/value-kind.js';

export interface LoadedModel {
  readonly graph: ModelGraph;
  /** Warnings only: a model with errors throws InputError. */
  readonly warnings: readonly Diagnostic[];
}

export interface LoadOptions {
  readonly today?: string;
}

/**
 * Reads, checks and indexes a model. Every error of the file is reported at
 * once (shape errors and the reference errors of the entries that have the
 * right shape), sorted by position, in one InputError.
 */
export function loadModel(file: string, options: LoadOptions = {}): LoadedModel {
  const { value, map } = readYamlFile(file, { expected: 'a model starts with `ztm: 1` (run `ztm init` for a starter model)' });
  const top = checkTopLevel(file, value, map);
  const shape = checkShape(top);
  const shapeErrors = zodDiagnostics(file, map, top, shape.issues, Architecture);
  const references = checkReferences(shape.model, { file, map, today: options.today ?? currentDay() }, shape.omitted);
  const all = [...shapeErrors, ...references];
  if (hasErrors(all)) throw new InputError(all);
  return { graph: buildGraph(file, shape.model, map), warnings: sortDiagnostics(references) };
}

/** A mapping that says `ztm: 1`; anything else stops here, since nothing else can be read reliably. */
function checkTopLevel(file: string, value: unknown, map: SourceMap): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new InputError([{ severity: 'error', file, line: 1, column: 1, code: 'not-a-mapping', message: `the top level must be a mapping (key: value) starting with \`ztm: 1\`, but it is ${valueKind(value)}` }]);
  }
  const version = Object.hasOwn(value, 'ztm') ? (value as Record<string, unknown>).ztm : undefined;
  const other = documentKind(value);
  if (other && other.kind !== 'model') throw new InputError([{ severity: 'error', file, ...map.keyAt([other.key]), code: 'not-a-model', message: NOT_A_MODEL[other.kind] }]);
  if (version !== 1) {
    const at = version === undefined ? { line: 1, column: 1 } : map.valueAt(['ztm']);
    const message = version === undefined
      ? 'the format version is missing: add `ztm: 1` as the first line'
      : typeof version === 'number'
        ? `this file is format version ${version}, but this ztm reads version 1; write \`ztm: 1\` (or upgrade ztm)`
        : `the format version \`ztm\` is ${valueKind(version)}, not a number; write \`ztm: 1\``;
    throw new InputError([{ severity: 'error', file, ...at, code: 'format-version', message }]);
  }
  return value as Record<string, unknown>;
}

const GIVE_A_MODEL = 'give ztm a model (`ztm: 1`, see `ztm init`)';

/** What a file that is not a model is, and where it goes. */
const NOT_A_MODEL: Record<Exclude<DocumentKind, 'model'>, string> = {
  'rule file': `this is a rule file (\`ztm-rules: 1\`), not an architecture model; give it to \`ztm analyze --rules\`, and ${GIVE_A_MODEL}`,
  report: `this is a ztm report (\`--format json\`), not an architecture model; give it to \`--baseline\` or \`ztm diff\`, and ${GIVE_A_MODEL}`,
};
