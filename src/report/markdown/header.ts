/** Title, scope, owner, model date and version, and the version of ztm. */
import { escapeMarkdown, markdownId } from '../escape.js';
import type { ReviewContext } from './context.js';

export function headerSection({ result }: ReviewContext): string[] {
  const m = result.model;
  const unset = '_not stated in the model_';
  const lines = [
    `# Threat model review: ${escapeMarkdown(m.name)}`,
    '',
    `- **Scope:** ${m.scope !== undefined ? escapeMarkdown(m.scope) : unset}`,
    `- **Owner:** ${m.owner !== undefined ? escapeMarkdown(m.owner) : unset}`,
    `- **Model updated:** ${m.updated !== undefined ? escapeMarkdown(m.updated) : unset}`,
    `- **Model version:** ${m.version !== undefined ? escapeMarkdown(m.version) : unset}`,
    `- **Model file:** ${markdownId(m.file)}`,
    `- **Analysed by:** ztm ${escapeMarkdown(result.tool.version)} with ${result.rules.total} rules (${result.rules.custom} custom), report format v${result.version}`,
  ];
  if (m.description !== undefined) lines.push('', escapeMarkdown(m.description));
  return lines;
}
