/**
 * The live gateway: the AWS SDK for JavaScript v3, loaded with a dynamic import()
 * only when verification runs, so `ztm analyze` and `ztm validate` never pay for it.
 * Credentials come from the SDK's standard chain (environment, SSO, shared files,
 * web identity, container and instance metadata), or from --profile.
 * Retries are the SDK's standard retry strategy, bounded by maxAttempts.
 */
import { type AwsAnswer, type AwsGateway, type AwsRequest, type AwsService, toCallError } from './gateway.js';
import { jsonSafeAnswer } from './json-safe.js';
import { suppressSdkNodeVersionWarning } from './sdk-warning.js';

export interface LiveGatewayOptions {
  /** A named profile from the shared config and credentials files. */
  readonly profile?: string;
  /** Attempts per call, including the first (the SDK's default, 3, or AWS_MAX_ATTEMPTS, when absent). */
  readonly maxAttempts?: number;
  /** Milliseconds to wait for an answer before the attempt fails. */
  readonly requestTimeoutMs?: number;
  readonly connectionTimeoutMs?: number;
}

type SdkModule = Record<string, unknown>;
interface SdkClient {
  send(command: unknown): Promise<unknown>;
  destroy(): void;
}
type ClientClass = new (config: Record<string, unknown>) => SdkClient;
type CommandClass = new (input: unknown) => unknown;

const CLIENT_CLASS: Record<AwsService, string> = { iam: 'IAMClient', wafv2: 'WAFV2Client' };

async function loadSdk(service: AwsService): Promise<SdkModule> {
  suppressSdkNodeVersionWarning();
  return service === 'iam' ? ((await import('@aws-sdk/client-iam')) as SdkModule) : ((await import('@aws-sdk/client-wafv2')) as SdkModule);
}

export class LiveGateway implements AwsGateway {
  private readonly clients = new Map<string, Promise<{ sdk: SdkModule; client: SdkClient }>>();

  constructor(private readonly options: LiveGatewayOptions = {}) {}

  async send(request: AwsRequest): Promise<AwsAnswer> {
    try {
      const { sdk, client } = await this.clientFor(request.service, request.region);
      const Command = sdk[`${request.operation}Command`] as CommandClass | undefined;
      if (typeof Command !== 'function') throw new Error(`unknown ${request.service} operation ${request.operation}`);
      return jsonSafeAnswer(await client.send(new Command(request.input)));
    } catch (err) {
      throw toCallError(err);
    }
  }

  /** Closes the SDK's sockets so the process can exit at once. */
  async close(): Promise<void> {
    for (const pending of this.clients.values()) {
      try {
        (await pending).client.destroy();
      } catch {
        // a client that never loaded has nothing to close
      }
    }
    this.clients.clear();
  }

  private clientFor(service: AwsService, region: string): Promise<{ sdk: SdkModule; client: SdkClient }> {
    const key = `${service}/${region}`;
    let pending = this.clients.get(key);
    if (!pending) {
      pending = loadSdk(service).then((sdk) => {
        const Client = sdk[CLIENT_CLASS[service]] as ClientClass;
        const config: Record<string, unknown> = {
          region,
          requestHandler: {
            requestTimeout: this.options.requestTimeoutMs ?? 15_000,
            connectionTimeout: this.options.connectionTimeoutMs ?? 5_000,
            // Without it the handler only logs a warning when requestTimeout passes, and a hung endpoint hangs ztm.
            throwOnRequestTimeout: true,
          },
        };
        if (this.options.profile !== undefined) config.profile = this.options.profile;
        if (this.options.maxAttempts !== undefined) config.maxAttempts = this.options.maxAttempts;
        return { sdk, client: new Client(config) };
      });
      this.clients.set(key, pending);
    }
    return pending;
  }
}
