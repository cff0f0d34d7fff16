/** Authentication methods a flow can declare, with what each proves. */

export interface AuthInfo {
  readonly description: string;
  /** Does the receiver learn who the caller is? */
  readonly authenticates: boolean;
  /** A static secret that lives until someone rotates it. */
  readonly longLived: boolean;
  /** Short-lived, signed, AWS-native or federated credentials. */
  readonly strong: boolean;
}

export const AUTH_METHODS = {
  none: { description: 'No authentication: anyone who can reach the endpoint is served.', authenticates: false, longLived: false, strong: false },
  iam: { description: 'AWS SigV4 signed requests with short-lived IAM role credentials.', authenticates: true, longLived: false, strong: true },
  cognito: { description: 'Amazon Cognito user pool tokens (JWT), verified by the receiver.', authenticates: true, longLived: false, strong: true },
  'identity-center': { description: 'IAM Identity Center sign-in with short-lived permission-set credentials.', authenticates: true, longLived: false, strong: true },
  oidc: { description: 'OpenID Connect tokens from a trusted identity provider.', authenticates: true, longLived: false, strong: true },
  saml: { description: 'SAML 2.0 federation from a trusted identity provider.', authenticates: true, longLived: false, strong: true },
  jwt: { description: 'Bearer JWTs issued by the application and verified on every request.', authenticates: true, longLived: false, strong: true },
  mtls: { description: 'Mutual TLS: the caller presents a certificate the receiver verifies.', authenticates: true, longLived: false, strong: true },
  'api-key': { description: 'A static API key or shared token sent with each request.', authenticates: true, longLived: true, strong: false },
  password: { description: 'A static user name and password (database users, basic auth, IAM user console password).', authenticates: true, longLived: true, strong: false },
  'access-keys': { description: 'Long-lived IAM user access keys (AKIA...).', authenticates: true, longLived: true, strong: false },
} as const satisfies Record<string, AuthInfo>;

export type AuthMethod = keyof typeof AUTH_METHODS;
export const AUTH_METHOD_IDS = Object.keys(AUTH_METHODS) as [AuthMethod, ...AuthMethod[]];
