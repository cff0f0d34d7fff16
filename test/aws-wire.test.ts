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

  test('NoSuchEntity on the password policy means none is set', async () => {
    const r = await verifyAgainst(ordersAccount({ GetAccountPasswordPolicy: { error: { code: 'NoSuchEntity', message: 'The Password Policy with domain name 123456789012 cannot be found.', status: 404 } } }));
    const weak = r.findings.find((f) => f.rule === 'spoofing.live-weak-password-policy')!;
    expect(weak.evidence[0]!.value).toEqual(['no password policy is set']);
  });

  test('AccessDenied on some calls: the rest is checked, the denied checks say why', async () => {
    const denied = { error: { code: 'AccessDenied', message: 'User: arn:aws:iam::123456789012:user/audit is not authorized to perform: iam:GetAccountSummary', status: 403 } };
    const r = await verifyAgainst(ordersAccount({ GetAccountSummary: denied, GetLoggingConfiguration: { error: { code: 'AccessDeniedException', status: 400 } } }));
    const root = r.checks.find((c) => c.control === 'root_mfa')!;
    expect(root.status).toBe('unverifiable');
    expect(root.reason).toBe('no permission for iam:GetAccountSummary (AccessDenied)');
    expect(statusOf(r, 'web', 'waf')).toBe('verified');
    expect(r.findings.some((f) => f.rule === 'repudiation.live-waf-logging-off')).toBe(false);
    expect(r.problems).toContain('no permission for wafv2:GetLoggingConfiguration (AccessDeniedException)');
    expect(r.complete).toBe(false);
  });

  test('throttling is retried by the SDK (maxAttempts), then succeeds', async () => {
    let n = 0;
    const r = await verifyAgainst(
      ordersAccount({ GetAccountSummary: () => (++n === 1 ? { error: { code: 'Throttling', message: 'Rate exceeded', status: 400 } } : ordersAccount()({ service: 'iam', operation: 'GetAccountSummary', params: {} })!) }),
      ORDERS,
      { maxAttempts: 2 },
    );
    expect(n).toBe(2);
    expect(statusOf(r, 'account', 'root_mfa')).toBe('verified');
  });

  test('throttling that outlasts the retries makes the check unverifiable', async () => {
    const r = await verifyAgainst(ordersAccount({ GetWebACLForResource: { error: { code: 'ThrottlingException', message: 'Rate exceeded', status: 400 } } }));
    expect(r.checks.find((c) => c.element === 'web')!.reason).toMatch(/wafv2:GetWebACLForResource was still throttled/);
  });

  test('an expired token: every check unverifiable, named once', async () => {
    const expired = { error: { code: 'ExpiredToken', message: 'The security token included in the request is expired', status: 403 } };
    const all = new Proxy({}, { get: () => expired, has: () => true }) as Record<string, typeof expired>;
    const r = await verifyAgainst((call) => all[call.operation]);
    expect(r.checks.every((c) => c.status === 'unverifiable')).toBe(true);
    expect(r.problems).toContain('no usable AWS credentials (ExpiredToken: The security token included in the request is expired)');
  });

  test('no web ACL associated contradicts waf; WAFNonexistentItemException for logging means off', async () => {
    const r = await verifyAgainst(ordersAccount({ GetWebACLForResource: { result: {} } }));
    const waf = r.checks.find((c) => c.element === 'web' && c.control === 'waf')!;
    expect(waf.status).toBe('contradicted');
    expect(waf.evidence).toEqual(['wafv2:GetWebACLForResource']);
  });

  test('CloudFront: web ACLs listed in us-east-1 with Scope CLOUDFRONT, following NextMarker', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ztm-verify-'));
    const model = join(dir, 'cf.yaml');
    writeFileSync(model, `ztm: 1\nname: cf\naccount: { root_access_keys: true }\ncomponents:\n  cdn: { kind: cloudfront, arn: "arn:aws:cloudfront::123456789012:distribution/E2EXAMPLE", controls: [waf] }\n`);
    const seen: { region?: string; marker?: unknown; scope?: unknown }[] = [];
    const r = await verifyAgainst((call) => {
      if (call.operation === 'ListWebACLs') {
        seen.push({ marker: call.params.NextMarker, scope: call.params.Scope });
        return call.params.NextMarker === undefined ? { result: { WebACLs: [], NextMarker: 'page-2' } } : { result: { WebACLs: [] } };
      }
      return ordersAccount()(call);
    }, model);
    expect(seen).toEqual([{ marker: undefined, scope: 'CLOUDFRONT' }, { marker: 'page-2', scope: 'CLOUDFRONT' }]);
    expect(r.checks.find((c) => c.element === 'cdn')!.status).toBe('contradicted');
  });

  test('a refused connection and a timeout end as reasons, not crashes', async () => {
    const { graph } = loadModel(ORDERS);
    const refused = await withAwsEnv({ AWS_ENDPOINT_URL_IAM: 'http://127.0.0.1:9', AWS_ENDPOINT_URL_WAFV2: 'http://127.0.0.1:9', AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE', AWS_SECRET_ACCESS_KEY: 'x' }, () => runVerification(graph, fast));
    expect(refused.problems.join('\n')).toMatch(/ECONNREFUSED/);
    const hung = await import('node:http').then(({ createServer }) => createServer(() => {}));
    await new Promise<void>((resolve) => hung.listen(0, '127.0.0.1', resolve));
    const port = (hung.address() as { port: number }).port;
    try {
      const slow = await withAwsEnv({ AWS_ENDPOINT_URL_IAM: `http://127.0.0.1:${port}`, AWS_ENDPOINT_URL_WAFV2: `http://127.0.0.1:${port}`, AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE', AWS_SECRET_ACCESS_KEY: 'x' }, () =>
        runVerification(graph, { ...fast, requestTimeoutMs: 200 }),
      );
      expect(slow.checks.every((c) => c.status === 'unverifiable')).toBe(true);
      expect(slow.problems.join('\n')).toMatch(/did not answer/);
    } finally {
      hung.closeAllConnections();
      hung.close();
    }
  });

  test('`node bin/ztm.js verify` as a process: table, exit 1, no SDK warning, recording without secrets', async () => {
    server = await startAwsServer(ordersAccount());
    const dir = mkdtempSync(join(tmpdir(), 'ztm-verify-'));
    const evidence = join(dir, 'evidence.json');
    const r = await runZtmAsync(['verify', ORDERS, '--record', evidence], { ...server.env, AWS_SHARED_CREDENTIALS_FILE: '/nonexistent', AWS_CONFIG_FILE: '/nonexistent' });
    expect(r.stderr).not.toMatch(/NodeVersionSupportWarning|at .*\.js:\d+/);
    expect(r.stdout).toMatch(/account\s+root_mfa\s+verified/);
    expect(r.stdout).toMatch(/critical\s+tampering\.live-waf-not-blocking on web/);
    expect(r.code).toBe(1);
    const text = readFileSync(evidence, 'utf8');
    expect(text).not.toContain('wJalrXUtnFEMI');
    expect(text).not.toContain('AKIAIOSFODNN7EXAMPLE');
    expect(text).not.toContain('c8a1e5f2'); // the web ACL's LockToken
    expect(text).not.toContain('opaque'); // pagination markers replaced
    const replay = await runZtmAsync(['verify', ORDERS, '--replay', evidence, '--format', 'json'], { AWS_EC2_METADATA_DISABLED: 'true' });
    expect(replay.code).toBe(1);
    const json = JSON.parse(replay.stdout);
    expect(json.summary).toMatchObject({ verified: 3, contradicted: 0, unverifiable: 1, findings: 8 });
  });
});

/** Like runZtm, but without blocking the event loop: the test server answers in this process. */
function runZtmAsync(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('AWS_')));
    const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env: { ...clean, NO_COLOR: '1', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
