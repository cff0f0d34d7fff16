/** Generates a realistic synthetic model of N components (about 3 flows each). */
const KINDS = ['lambda', 'ecs-service', 'dynamodb', 's3', 'sqs', 'rds', 'api-gateway', 'alb', 'ec2', 'elasticache'];
const PROTOCOLS = ['https', 'aws-api', 'postgres', 'http', 'redis'];
const AUTH = ['iam', 'none', 'jwt', 'mtls', 'password'];

export function generateModel(n) {
  const out = [];
  const w = (s) => out.push(s);
  w('ztm: 1');
  w(`name: Synthetic model with ${n} components`);
  w('owner: bench');
  w('account:');
  w('  root_mfa: true');
  w('  cloudtrail: { multi_region: true, log_file_validation: true, kms: false }');
  w('  guardduty: true');
  w('boundaries:');
  w('  internet: { kind: internet }');
  w('  vpc: { kind: vpc }');
  const subnets = Math.max(1, Math.floor(n / 50));
  for (let s = 0; s < subnets; s++) w(`  subnet-${s}: { kind: subnet, in: vpc, public: ${s % 7 === 0} }`);
  w('data:');
  w('  public-content: { classification: public }');
  w('  orders: { classification: confidential, pii: true }');
  w('  cards: { classification: restricted, integrity: critical }');
  w('  logs: { classification: internal, integrity: critical }');
  const data = ['public-content', 'orders', 'cards', 'logs'];
  w('components:');
  w('  visitor:');
  w('    kind: user');
  w('    in: internet');
  for (let i = 0; i < n - 1; i++) {
    const kind = KINDS[i % KINDS.length];
    w(`  c${i}:`);
    w(`    kind: ${kind}`);
    w(`    in: subnet-${i % subnets}`);
    w(`    description: Synthetic component ${i} of kind ${kind}`);
    if (i % 10 === 7) w('    internet_facing: true');
    if (['dynamodb', 's3', 'rds', 'sqs', 'elasticache'].includes(kind)) w(`    stores: [${data[i % 4]}]`);
    w(`    controls: [${['tls', 'kms', 'waf', 'least-privilege', 'backups'].filter((_, j) => (i + j) % 3 === 0).join(', ')}]`);
  }
  w('flows:');
  w('  - { from: visitor, to: c7, protocol: https, auth: cognito, data: [orders] }');
  for (let i = 0; i < n - 1; i++) {
    for (let j = 1; j <= 3; j++) {
      const to = (i + j * 7) % (n - 1);
      if (to === i) continue;
      w(`  - { id: f${i}-${j}, from: c${i}, to: c${to}, protocol: ${PROTOCOLS[(i + j) % 5]}, auth: ${AUTH[(i * j) % 5]}, data: [${data[(i + j) % 4]}] }`);
    }
  }
  return `${out.join('\n')}\n`;
}
