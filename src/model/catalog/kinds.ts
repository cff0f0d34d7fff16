/**
 * The AWS-aware catalog of component kinds. Each kind knows its STRIDE element
 * type (Shostack's STRIDE-per-element) and the traits rules select on.
 */

export type ElementType = 'external-entity' | 'process' | 'data-store';

export type KindTrait =
  | 'human' // a person, not a machine identity
  | 'external' // outside the team's control
  | 'web-entry' // terminates HTTP(S) from clients: WAF-relevant
  | 'waf-attachable' // an AWS WAF web ACL can be associated with it
  | 'shield-protectable' // AWS Shield Advanced can protect it
  | 'compute' // runs the team's code under an IAM role
  | 'instance' // has an instance metadata service (IMDS)
  | 'storage' // holds data at rest
  | 'database' // a database engine with its own authentication
  | 'messaging' // queues, topics, streams, buses
  | 'identity-provider' // authenticates people
  | 'key-management' // holds keys or secrets
  | 'network' // network plumbing
  | 'dns'; // authoritative DNS

export interface KindInfo {
  readonly element: ElementType;
  readonly service: string;
  readonly description: string;
  readonly traits: readonly KindTrait[];
}

export const COMPONENT_KINDS = {
  user: { element: 'external-entity', service: 'Person', description: 'A person: customer, employee, operator or administrator.', traits: ['human', 'external'] },
  'external-service': { element: 'external-entity', service: 'Third party', description: 'A system outside the AWS accounts in scope (SaaS, partner API, payment provider).', traits: ['external'] },
  'aws-console': { element: 'process', service: 'AWS Management Console / APIs', description: 'The AWS control plane reached by people and pipelines (console, CLI, SDK).', traits: [] },
  cloudfront: { element: 'process', service: 'Amazon CloudFront', description: 'Content delivery network at the AWS edge.', traits: ['web-entry', 'waf-attachable', 'shield-protectable'] },
  alb: { element: 'process', service: 'Elastic Load Balancing (ALB)', description: 'Application Load Balancer (HTTP/HTTPS, layer 7).', traits: ['web-entry', 'waf-attachable', 'shield-protectable'] },
  nlb: { element: 'process', service: 'Elastic Load Balancing (NLB)', description: 'Network Load Balancer (TCP/UDP/TLS, layer 4).', traits: ['shield-protectable', 'network'] },
  'api-gateway': { element: 'process', service: 'Amazon API Gateway', description: 'Managed REST, HTTP or WebSocket API front door.', traits: ['web-entry', 'waf-attachable'] },
  appsync: { element: 'process', service: 'AWS AppSync', description: 'Managed GraphQL API.', traits: ['web-entry', 'waf-attachable'] },
  lambda: { element: 'process', service: 'AWS Lambda', description: 'Serverless function running under an execution role.', traits: ['compute'] },
  'ecs-service': { element: 'process', service: 'Amazon ECS', description: 'Container service on ECS (Fargate or EC2) running under a task role.', traits: ['compute'] },
  ec2: { element: 'process', service: 'Amazon EC2', description: 'Virtual machine or Auto Scaling group with an instance profile.', traits: ['compute', 'instance', 'shield-protectable'] },
  eks: { element: 'process', service: 'Amazon EKS', description: 'Kubernetes workloads on EKS (pods using IRSA or Pod Identity).', traits: ['compute', 'instance'] },
  'transfer-family': { element: 'process', service: 'AWS Transfer Family', description: 'Managed SFTP/FTPS/AS2 endpoint writing to S3 or EFS under a role.', traits: ['compute'] },
  'step-functions': { element: 'process', service: 'AWS Step Functions', description: 'Workflow orchestration under an execution role.', traits: ['compute'] },
  rds: { element: 'data-store', service: 'Amazon RDS', description: 'Managed relational database instance.', traits: ['storage', 'database'] },
  aurora: { element: 'data-store', service: 'Amazon Aurora', description: 'Aurora MySQL or PostgreSQL cluster.', traits: ['storage', 'database'] },
  dynamodb: { element: 'data-store', service: 'Amazon DynamoDB', description: 'Serverless key-value and document table (IAM-authenticated API).', traits: ['storage'] },
  s3: { element: 'data-store', service: 'Amazon S3', description: 'Object storage bucket.', traits: ['storage'] },
  efs: { element: 'data-store', service: 'Amazon EFS', description: 'Elastic file system (NFS).', traits: ['storage'] },
  elasticache: { element: 'data-store', service: 'Amazon ElastiCache', description: 'Redis OSS, Valkey or Memcached cache.', traits: ['storage', 'database'] },
  opensearch: { element: 'data-store', service: 'Amazon OpenSearch Service', description: 'Search and log analytics domain.', traits: ['storage', 'database'] },
  redshift: { element: 'data-store', service: 'Amazon Redshift', description: 'Data warehouse cluster.', traits: ['storage', 'database'] },
  ecr: { element: 'data-store', service: 'Amazon ECR', description: 'Container image registry (repositories, image scanning, immutable tags).', traits: ['storage'] },
  msk: { element: 'data-store', service: 'Amazon MSK', description: 'Managed Apache Kafka cluster (or MSK Serverless).', traits: ['storage', 'messaging'] },
  sqs: { element: 'data-store', service: 'Amazon SQS', description: 'Message queue.', traits: ['storage', 'messaging'] },
  sns: { element: 'process', service: 'Amazon SNS', description: 'Publish/subscribe topic.', traits: ['messaging'] },
  eventbridge: { element: 'process', service: 'Amazon EventBridge', description: 'Event bus and rules.', traits: ['messaging'] },
  kinesis: { element: 'data-store', service: 'Amazon Kinesis Data Streams', description: 'Ordered, retained data stream.', traits: ['storage', 'messaging'] },
  cognito: { element: 'process', service: 'Amazon Cognito', description: 'User pool (customer identity) and identity pool.', traits: ['identity-provider', 'waf-attachable'] },
  'identity-center': { element: 'process', service: 'AWS IAM Identity Center', description: 'Workforce sign-in and permission sets across the organization.', traits: ['identity-provider'] },
  kms: { element: 'data-store', service: 'AWS KMS', description: 'Customer managed KMS keys.', traits: ['key-management'] },
  'secrets-manager': { element: 'data-store', service: 'AWS Secrets Manager', description: 'Secrets store with rotation.', traits: ['storage', 'key-management'] },
  route53: { element: 'process', service: 'Amazon Route 53', description: 'Authoritative DNS (hosted zones).', traits: ['dns', 'shield-protectable'] },
  'vpc-endpoint': { element: 'process', service: 'AWS PrivateLink (VPC endpoint)', description: 'Private path from a VPC to an AWS service or endpoint service.', traits: ['network'] },
  'nat-gateway': { element: 'process', service: 'NAT gateway', description: 'Outbound-only internet access for private subnets.', traits: ['network'] },
} as const satisfies Record<string, KindInfo>;

export type ComponentKind = keyof typeof COMPONENT_KINDS;
export const COMPONENT_KIND_IDS = Object.keys(COMPONENT_KINDS) as [ComponentKind, ...ComponentKind[]];

