/**
 * Protocols a flow can declare. `encrypted` is the safe default for `tls` when a
 * flow does not say: https implies TLS, http is plaintext, and database wire
 * protocols are plaintext unless the flow declares `tls: true`.
 */

export interface ProtocolInfo {
  readonly description: string;
  /** true: always TLS; false: plaintext unless `tls: true`; 'never': cannot be encrypted (tls: true is an error). */
  readonly encrypted: boolean | 'never';
  readonly web: boolean;
}

export const PROTOCOLS = {
  https: { description: 'HTTP over TLS.', encrypted: true, web: true },
  http: { description: 'Plain HTTP: readable and alterable by anyone on the path.', encrypted: 'never', web: true },
  wss: { description: 'WebSocket over TLS.', encrypted: true, web: true },
  ws: { description: 'Plain WebSocket.', encrypted: 'never', web: true },
  grpc: { description: 'gRPC over HTTP/2; TLS only if declared.', encrypted: false, web: true },
  'aws-api': { description: 'AWS service API through the SDK (HTTPS, SigV4).', encrypted: true, web: false },
  tls: { description: 'A TCP stream inside TLS.', encrypted: true, web: false },
  tcp: { description: 'A raw TCP stream; TLS only if declared.', encrypted: false, web: false },
  udp: { description: 'UDP datagrams; DTLS only if declared.', encrypted: false, web: false },
  postgres: { description: 'PostgreSQL wire protocol; TLS only if declared.', encrypted: false, web: false },
  mysql: { description: 'MySQL wire protocol; TLS only if declared.', encrypted: false, web: false },
  redis: { description: 'Redis/Valkey protocol; in-transit encryption only if declared.', encrypted: false, web: false },
  memcached: { description: 'Memcached protocol; TLS only if declared.', encrypted: false, web: false },
  kafka: { description: 'Kafka protocol; TLS only if declared.', encrypted: false, web: false },
  amqp: { description: 'AMQP; TLS only if declared.', encrypted: false, web: false },
  nfs: { description: 'NFS (EFS); TLS only if declared (EFS mount helper with tls).', encrypted: false, web: false },
  ssh: { description: 'SSH (encrypted).', encrypted: true, web: false },
  sftp: { description: 'SFTP over SSH.', encrypted: true, web: false },
  ftp: { description: 'Plain FTP.', encrypted: 'never', web: false },
  smtp: { description: 'SMTP; STARTTLS only if declared.', encrypted: false, web: false },
  dns: { description: 'DNS queries (UDP/TCP 53).', encrypted: false, web: false },
} as const satisfies Record<string, ProtocolInfo>;

export type Protocol = keyof typeof PROTOCOLS;
export const PROTOCOL_IDS = Object.keys(PROTOCOLS) as [Protocol, ...Protocol[]];
