/**
 * Evidence: record against the (local) account, replay offline, same verdict;
 * the shipped sample in fixtures/evidence replays to the documented outcome.
 * ZTM_UPDATE_EVIDENCE=1 rewrites the sample from the orders scenario.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { runVerification } from '../src/aws/index.js';
import { readEvidence } from '../src/aws/evidence.js';
import { verifyVerdict } from '../src/aws/gate.js';
import { loadModel } from '../src/model/load.js';
import { fixture, runZtm } from './helpers/cli.js';
import { withAwsEnv } from './helpers/aws-env.js';
import { ordersAccount } from './helpers/aws-orders-scenario.js';
import { type AwsTestServer, startAwsServer } from './helpers/aws-server.js';

const ORDERS = fixture('valid/orders-platform.yaml');
const SAMPLE = fixture('evidence/orders-platform.json');
const NOW = () => new Date('2026-12-01T10:00:00.000Z');

let server: AwsTestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function recordOrders() {
  server = await startAwsServer(ordersAccount());
  const { graph } = loadModel(ORDERS);
  return withAwsEnv(server.env, () => runVerification(graph, { record: true, now: NOW, maxAttempts: 1, reportPoll: { attempts: 3, delayMs: 1 } }));
}

const verdictOf = (r: Awaited<ReturnType<typeof runVerification>>) => ({
  checks: r.checks,
  findings: r.findings,
  complete: r.complete,
  accountId: r.accountId,
  gate: verifyVerdict(r, 'high', true, (f) => (f.rule.startsWith('elevation-of-privilege') ? 'high' : 'medium')).outcome,
});

describe('record and replay', () => {
  test('replaying a recording gives the same verdict, offline', async () => {
    const live = await recordOrders();
    const { graph } = loadModel(ORDERS);
    const replayed = await withAwsEnv({ AWS_ENDPOINT_URL_IAM: 'http://127.0.0.1:9', AWS_ENDPOINT_URL_WAFV2: 'http://127.0.0.1:9' }, () => runVerification(graph, { replay: live.evidence! }));
    expect(verdictOf(replayed)).toEqual(verdictOf(live));
    expect(replayed.checkedAt).toBe(live.checkedAt);
    if (process.env.ZTM_UPDATE_EVIDENCE === '1') writeFileSync(SAMPLE, `${JSON.stringify(live.evidence, null, 2)}\n`);
  });

  test('the recording names account, Region and time, and holds no secret', async () => {
    const live = await recordOrders();
    const e = live.evidence!;
    expect(e).toMatchObject({ ztmEvidence: 1, accountId: '123456789012', region: 'ap-northeast-1', recordedAt: '2026-12-01T10:00:00.000Z' });
    const text = JSON.stringify(e);
    expect(text).not.toMatch(/LockToken|opaque|wJalrXUtnFEMI|AKIAIOSFODNN7EXAMPLE/);
    const pages = e.calls.filter((c) => c.operation === 'GetAccountAuthorizationDetails').map((c) => c.input.Marker);
    expect(pages).toEqual([undefined, 'marker-1', 'marker-2']);
  });

  test('the shipped sample matches orders-platform.yaml and replays through the CLI', () => {
    const sample = readEvidence(SAMPLE);
    expect(sample.accountId).toBe('123456789012');
    const r = runZtm(['verify', ORDERS, '--replay', SAMPLE, '--format', 'json', '--require-verified']);
    expect(r.stderr).not.toMatch(/Error|at .*:\d+:\d+/);
    const json = JSON.parse(r.stdout);
    expect(json.mode).toBe('replay');
    expect(json.summary).toEqual({ verified: 3, contradicted: 0, unverifiable: 1, findings: 8, notChecked: 16 });
    expect(r.code).toBe(1);
    expect(runZtm(['verify', ORDERS, '--replay', SAMPLE, '--fail-on', 'none']).code).toBe(0);
    expect(runZtm(['verify', ORDERS, '--replay', SAMPLE, '--fail-on', 'none', '--require-verified']).code).toBe(4);
  });

  test('the terminal report written to a file is plain, even where colour is wanted', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'ztm-verify-')), 'verify.txt');
    const colour = { NO_COLOR: '', FORCE_COLOR: '1' };
    expect(runZtm(['verify', ORDERS, '--replay', SAMPLE, '--fail-on', 'none'], { env: colour }).stdout).toContain('\u001b[');
    expect(runZtm(['verify', ORDERS, '--replay', SAMPLE, '--fail-on', 'none', '-o', out], { env: colour }).code).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(runZtm(['verify', ORDERS, '--replay', SAMPLE, '--fail-on', 'none']).stdout);
  });

  test('a missing evidence file is bad input (exit 2), said as for a missing model', () => {
    const r = runZtm(['verify', ORDERS, '--replay', 'no-such-evidence.json']);
    expect([r.code, r.stdout, r.stderr]).toEqual([2, '', 'ztm verify: no-such-evidence.json: cannot read the evidence file: no such file; check the path\n']);
  });

  test('an evidence file nested deeper than 100 levels: exit 2 at the bracket, before any recursive reading (it overflowed the stack)', () => {
    const n = 200_000;
    const text = readFileSync(SAMPLE, 'utf8').replace('"input": {}', `"input": { "x": ${'['.repeat(n)}${']'.repeat(n)} }`);
    const file = join(mkdtempSync(join(tmpdir(), 'ztm-deep-evidence-')), 'deep.json');
    writeFileSync(file, text);
    // The file, its calls, the call and its input are four levels: the 97th bracket opens level 101.
    const at = text.indexOf('['.repeat(n)) + 96;
    const line = text.slice(0, at).split('\n').length;
    const column = at - text.lastIndexOf('\n', at - 1);
    const r = runZtm(['verify', ORDERS, '--replay', file]);
    expect([r.code, r.stdout, r.stderr]).toEqual([2, '', `ztm verify: ${file}:${line}:${column}: not a ztm evidence file: values nest more than 100 levels deep here, and AWS answers nest far fewer\n`]);
  });

  test('an evidence file with a key twice in one object: exit 2 at the second, naming the first (JSON.parse kept the last)', () => {
    const text = readFileSync(SAMPLE, 'utf8').replace('"input": {}', '"input": {\n        "Scope": "REGIONAL",\n        "Scope": "CLOUDFRONT"\n      }');
    const file = join(mkdtempSync(join(tmpdir(), 'ztm-twice-evidence-')), 'twice.json');
    writeFileSync(file, text);
    const lines = text.split('\n');
    const first = lines.findIndex((l) => l.includes('"Scope": "REGIONAL"')) + 1;
    const r = runZtm(['verify', ORDERS, '--replay', file]);
    expect([r.code, r.stdout, r.stderr]).toEqual([2, '', `ztm verify: ${file}:${first + 1}:9: not a ztm evidence file: it has the key "Scope" twice in one object, first on line ${first}; JSON readers keep only the last one while a person reading the file sees the first, so remove one of them\n`]);
  });

  test('a bad evidence file is bad input (exit 2), with one line and no stack', () => {
    const r = runZtm(['verify', ORDERS, '--replay', fixture('valid/orders-platform.yaml')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^ztm verify: .*not JSON/);
    expect(readFileSync(ORDERS, 'utf8')).toContain('ztm: 1');
  });
});
