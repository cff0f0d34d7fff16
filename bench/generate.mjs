/**
 * Generates a synthetic model of N components with about three flows each, in
 * the shape of a large real estate: mostly well configured, with the gaps a
 * reviewer meets in practice (about one element in ten lacks a control, some
 * flows are plaintext or unauthenticated, a few stores are reachable from the
 * internet), so every rule family and the attack-path search get exercised.
 */
const KINDS = ['lambda', 'ecs-service', 'dynamodb', 's3', 'sqs', 'rds', 'api-gateway', 'alb', 'ec2', 'elasticache'];
const STORES = new Set(['dynamodb', 's3', 'sqs', 'rds', 'elasticache']);
const FULL_CONTROLS = {
  lambda: ['least-privilege', 'input-validation', 'audit-logging'],
  'ecs-service': ['least-privilege', 'input-validation', 'audit-logging'],
  ec2: ['least-privilege', 'input-validation', 'audit-logging', 'imdsv2'],
  'api-gateway': ['waf', 'rate-limit', 'access-logs', 'waf-bot-control', 'tls'],
  alb: ['waf', 'rate-limit', 'access-logs', 'waf-bot-control', 'tls', 'shield-advanced'],
  dynamodb: ['kms', 'backups', 'cloudtrail'],
  s3: ['kms', 'backups', 'cloudtrail', 'block-public-access', 'versioning', 'tls'],
  sqs: ['kms', 'dead-letter-queue'],
  rds: ['kms', 'backups', 'cloudtrail', 'multi-az', 'iam-auth'],
  elasticache: ['kms', 'backups', 'multi-az'],
};

export function generateModel(n) {
  const out = [];
  const w = (s) => out.push(s);
  w('ztm: 1');
  w(`name: Synthetic estate with ${n} components`);
  w('owner: bench');
  w('account:');
  w('  root_mfa: true');
  w('  root_hardware_mfa: true');
  w('  cloudtrail: { multi_region: true, log_file_validation: true, kms: true, cloudwatch_logs: true }');
  w('  guardduty: true');
  w('  config: true');
  w('  security_hub: true');
  w('  access_analyzer: true');
  w('  vpc_flow_logs: true');
  w('  scps: true');
  w('boundaries:');
  w('  internet: { kind: internet }');
  w('  vpc: { kind: vpc }');
  const subnets = Math.max(1, Math.floor(n / 50));
  for (let s = 0; s < subnets; s++) w(`  subnet-${s}: { kind: subnet, in: vpc, public: ${s % 7 === 0} }`);
  w('data:');
  w('  public-content: { classification: public }');
  w('  orders: { classification: confidential, pii: true }');
  w('  cards: { classification: restricted, integrity: high }');
  w('  events: { classification: internal, availability: high }');
  const data = ['public-content', 'orders', 'cards', 'events'];
  w('components:');
  w('  visitor:');
  w('    kind: user');
  w('    in: internet');
  for (let i = 0; i < n - 1; i++) {
    const kind = KINDS[i % KINDS.length];
    const gap = i % 10 === 3;
    w(`  c${i}:`);
    w(`    kind: ${kind}`);
    w(`    in: subnet-${i % subnets}`);
    w(`    description: Synthetic component ${i} of kind ${kind}`);
    if (kind === 'alb' || kind === 'api-gateway') w('    internet_facing: true');
    if (STORES.has(kind)) w(`    stores: [${data[i % 4]}]`);
    if (!STORES.has(kind) && kind !== 'alb' && kind !== 'api-gateway') w(`    iam_role: role-${i}`);
    const controls = FULL_CONTROLS[kind].filter((_, j) => !gap || j % 2 === 1);
    w(`    controls: [${controls.join(', ')}]`);
  }
  w('flows:');
  w('  - { from: visitor, to: c7, protocol: https, auth: cognito, data: [orders] }');
  for (let i = 0; i < n - 1; i++) {
    for (let j = 1; j <= 3; j++) {
      const to = (i + j * 7) % (n - 1);
      if (to === i) continue;
      const weak = (i + j) % 23 === 0;
      const protocol = weak ? 'http' : j === 3 ? 'aws-api' : 'https';
      const auth = weak ? 'none' : j === 2 ? 'mtls' : j === 3 ? 'iam' : 'jwt';
      w(`  - { id: f${i}-${j}, from: c${i}, to: c${to}, protocol: ${protocol}, auth: ${auth}, data: [${data[(i + j) % 4]}] }`);
    }
  }
  return `${out.join('\n')}\n`;
}
