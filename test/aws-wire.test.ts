/**
 * Wire-level: the real IAM and WAFv2 clients talk to a local server answering in
 * the real protocols (IAM query XML, WAFv2 JSON 1.1), found through the standard
 * AWS_ENDPOINT_URL_IAM / AWS_ENDPOINT_URL_WAFV2 variables, with dummy credentials.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { runVerification } from '../src/aws/index.js';
import { loadModel } from '../src/model/load.js';
import { BIN, ROOT, fixture } from './helpers/cli.js';
import { withAwsEnv } from './helpers/aws-env.js';
import { ACCOUNT, ordersAccount } from './helpers/aws-orders-scenario.js';
import { type AwsTestServer, type Handler, startAwsServer } from './helpers/aws-server.js';

const ORDERS = fixture('valid/orders-platform.yaml');
const fast = { reportPoll: { attempts: 3, delayMs: 1 }, maxAttempts: 1 };

let server: AwsTestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function verifyAgainst(handler: Handler, file = ORDERS, options: Parameters<typeof runVerification>[1] = {}) {
  server = await startAwsServer(handler);
  const { graph } = loadModel(file);
  return withAwsEnv(server.env, () => runVerification(graph, { ...fast, ...options }));
}

const statusOf = (r: Awaited<ReturnType<typeof runVerification>>, element: string, control: string) =>
  r.checks.find((c) => c.element === element && c.control === control)?.status;

describe('ztm verify over the wire', () => {
  test('the orders account: checks, findings, pagination and the credential report', async () => {
    const r = await verifyAgainst(ordersAccount());
    expect(r.accountId).toBe(ACCOUNT);
    expect(statusOf(r, 'account', 'root_mfa')).toBe('verified');
    expect(statusOf(r, 'account', 'root_access_keys')).toBe('verified');
    expect(statusOf(r, 'web', 'waf')).toBe('verified');
    expect(statusOf(r, 'cdn', 'waf')).toBe('unverifiable');
    expect(r.findings.map((f) => `${f.rule}@${f.element}`).sort()).toEqual([
      'elevation-of-privilege.live-admin-policy@account',
      'elevation-of-privilege.live-wildcard-role-policy@api',
      'elevation-of-privilege.live-wildcard-service-policy@account',
      'repudiation.live-waf-logging-off@web',
      'spoofing.live-console-user-without-mfa@account',
      'spoofing.live-stale-access-keys@account',
      'spoofing.live-weak-password-policy@account',
      'tampering.live-waf-not-blocking@web',
    ]);
    const role = r.findings.find((f) => f.rule === 'elevation-of-privilege.live-wildcard-role-policy')!;
    expect(JSON.stringify(role.evidence)).toContain('orders-data (inline) statement Bucket');
    expect(JSON.stringify(role.evidence)).toContain('dynamodb:Get*');
    expect(JSON.stringify(role.evidence)).not.toContain('v1'); // only the default version counts
    const notBlocking = r.findings.find((f) => f.rule === 'tampering.live-waf-not-blocking')!;
    expect(JSON.stringify(notBlocking.evidence)).toContain('AWSManagedRulesSQLiRuleSet (OverrideAction Count');
    // three pages of authorization details, each Marker passed back
    const pages = server!.calls.filter((c) => c.operation === 'GetAccountAuthorizationDetails');
    expect(pages.map((p) => p.params.Marker)).toEqual([undefined, 'bWFya2VyLXBhZ2UtMg==opaque', 'bWFya2VyLXBhZ2UtMw==opaque']);
    expect(pages[0]!.params.Filter).toEqual(['User', 'Role', 'Group', 'LocalManagedPolicy']);
    // polled until COMPLETE
    expect(server!.calls.filter((c) => c.operation === 'GenerateCredentialReport')).toHaveLength(2);
    expect(r.complete).toBe(false); // cdn has no ARN
  });
});
