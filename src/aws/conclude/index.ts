/** Observations + the model's declarations → ControlChecks, LiveFindings, and what was not checked. */
import type { ModelGraph } from '../../model/graph.js';
import type { WafObservation } from '../wafv2/web-acl.js';
import { type AccountObservations, concludeAccount } from './account.js';
import { Conclusions } from './builder.js';
import { CHECKED_COMPONENT_CONTROLS, concludeRole, concludeUserMfa, concludeWaf } from './components.js';

export interface Observations extends AccountObservations {
  readonly waf: ReadonlyMap<string, WafObservation>;
}

/** Account settings `ztm verify` checks when declared; other true settings are listed as not checked. */
const CHECKED_ACCOUNT_SETTINGS = new Set(['root_mfa', 'root_hardware_mfa', 'root_access_keys', 'password_policy']);
const ACCOUNT_SETTINGS = ['cloudtrail', 'guardduty', 'config', 'security_hub', 'access_analyzer', 'vpc_flow_logs', 'scps', 'iam_users'] as const;

export function conclude(graph: ModelGraph, o: Observations, now: Date): Conclusions {
  const out = new Conclusions();
  concludeAccount(graph.account, o, out, now);
  for (const setting of ACCOUNT_SETTINGS) {
    if (!CHECKED_ACCOUNT_SETTINGS.has(setting) && graph.account[setting]) out.skip('account', setting, 'not checked by ztm verify');
  }
  for (const control of graph.account.controls) out.skip('account', control, 'not checked by ztm verify');
  for (const c of graph.components.values()) {
    concludeWaf(c, o.waf.get(c.id), out);
    concludeRole(c, o.details, out);
    const userMfa = concludeUserMfa(c, o.report, out);
    for (const control of c.controls) {
      if (control === 'mfa' && !userMfa) out.skip(c.id, control, c.kind === 'user' ? 'no IAM user with this name in the credential report' : 'not checked by ztm verify');
      else if (!CHECKED_COMPONENT_CONTROLS.has(control)) out.skip(c.id, control, 'not checked by ztm verify');
    }
  }
  return out;
}
