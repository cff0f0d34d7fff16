/** Kinds of trust boundary and how much a reviewer trusts what is inside. */

export interface BoundaryKindInfo {
  readonly description: string;
  /** Anyone on the internet can be inside it. */
  readonly untrusted: boolean;
}

export const BOUNDARY_KINDS = {
  internet: { description: 'The public internet: anyone, anywhere.', untrusted: true },
  'aws-edge': { description: 'AWS edge locations (CloudFront, Route 53, Global Accelerator, Cognito hosted endpoints).', untrusted: false },
  'aws-organization': { description: 'An AWS Organizations organization (several accounts under SCPs).', untrusted: false },
  'aws-account': { description: 'One AWS account.', untrusted: false },
  'aws-region': { description: 'One AWS Region of an account.', untrusted: false },
  'aws-service': { description: 'AWS-managed service endpoints outside any VPC (S3, DynamoDB, SQS public endpoints).', untrusted: false },
  vpc: { description: 'A VPC.', untrusted: false },
  subnet: { description: 'A subnet of a VPC (private unless `public: true`).', untrusted: false },
  'k8s-namespace': { description: 'A Kubernetes namespace in a cluster.', untrusted: false },
  'corporate-network': { description: 'The company network (offices, VPN).', untrusted: false },
  'on-premises': { description: 'A data center outside AWS.', untrusted: false },
  'third-party': { description: 'A partner or SaaS provider environment.', untrusted: true },
} as const satisfies Record<string, BoundaryKindInfo>;

export type BoundaryKind = keyof typeof BOUNDARY_KINDS;
export const BOUNDARY_KIND_IDS = Object.keys(BOUNDARY_KINDS) as [BoundaryKind, ...BoundaryKind[]];
