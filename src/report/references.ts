/**
 * A threat's references as labelled links, for every renderer that shows them
 * (the Markdown register, SARIF help): Security Hub controls, CIS items,
 * Well-Architected best practices, MITRE ATT&CK techniques and AWS docs.
 */
import type { References } from '../analysis/threat.js';

export interface ReferenceLink {
  readonly label: string;
  /** An https URL, or undefined when the reference has no page of its own (CIS items, Well-Architected best-practice ids). */
  readonly url: string | undefined;
}

/** `IAM.5` → the IAM section of the Security Hub controls reference, anchored at iam-5. */
export function securityHubUrl(controlId: string): string | undefined {
  const m = /^([A-Za-z0-9]+)\.(\d+)$/.exec(controlId);
  if (!m) return undefined;
  const service = m[1]!.toLowerCase();
  return `https://docs.aws.amazon.com/securityhub/latest/userguide/${service}-controls.html#${service}-${m[2]}`;
}

/** `T1078.004` → https://attack.mitre.org/techniques/T1078/004/. */
export function attackUrl(techniqueId: string): string | undefined {
  const m = /^(T\d{4})(?:\.(\d{3}))?$/.exec(techniqueId);
  if (!m) return undefined;
  return `https://attack.mitre.org/techniques/${m[1]}/${m[2] ? `${m[2]}/` : ''}`;
}

/** Only https URLs are ever linked; `(`, `)` and spaces are percent-encoded so a URL cannot end a Markdown link early. */
export function safeUrl(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.protocol !== 'https:') return undefined;
  return parsed.href.replace(/[()<> "'`]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

export function referenceLinks(refs: References): ReferenceLink[] {
  const link = (label: string, url: string | undefined): ReferenceLink => ({ label, url: url === undefined ? undefined : safeUrl(url) });
  return [
    ...refs.securityHub.map((id) => link(`Security Hub ${id}`, securityHubUrl(id))),
    ...refs.cis.map((id) => link(`CIS AWS Foundations ${id}`, undefined)),
    ...refs.wellArchitected.map((id) => link(`Well-Architected ${id}`, undefined)),
    ...refs.attack.map((id) => link(`ATT&CK ${id}`, attackUrl(id))),
    ...refs.docs.map((url) => link(docsLabel(url), url)),
  ];
}

/** `docs.aws.amazon.com/…/object-lock.html`: the host and the page, short enough to read in plain text. */
function docsLabel(url: string): string {
  try {
    const u = new URL(url);
    const page = u.pathname.split('/').filter(Boolean).pop();
    return page ? `${u.host}/…/${page}` : u.host;
  } catch {
    return url;
  }
}
