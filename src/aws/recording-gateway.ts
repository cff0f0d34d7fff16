/** Wraps another gateway and keeps a masked copy of every request and answer. */
import type { EvidenceCall } from './evidence.js';
import { type AwsAnswer, type AwsGateway, type AwsRequest, toCallError } from './gateway.js';
import { maskValue } from './mask.js';

export class RecordingGateway implements AwsGateway {
  private readonly recorded: EvidenceCall[] = [];
  /** Real pagination marker → placeholder, so that replay can follow the same pages. */
  private readonly markers = new Map<string, string>();

  constructor(private readonly inner: AwsGateway, private readonly clock: () => Date = () => new Date()) {}

  get calls(): readonly EvidenceCall[] {
    return this.recorded;
  }

  async send(request: AwsRequest): Promise<AwsAnswer> {
    const at = this.clock().toISOString();
    const base = {
      service: request.service,
      region: request.region,
      operation: request.operation,
      input: maskValue(request.input, this.placeholder) as Record<string, unknown>,
      at,
    };
    try {
      const answer = await this.inner.send(request);
      this.push({ ...base, answer: maskValue(answer, this.placeholder) as AwsAnswer });
      return answer;
    } catch (err) {
      const e = toCallError(err);
      this.push({ ...base, error: { code: e.code, kind: e.kind, message: String(maskValue(e.message)) } });
      throw e;
    }
  }

  private push(call: Omit<EvidenceCall, 'seq'>): void {
    this.recorded.push({ seq: this.recorded.length + 1, ...call });
  }

  private readonly placeholder = (token: string): string => {
    let p = this.markers.get(token);
    if (p === undefined) {
      p = `marker-${this.markers.size + 1}`;
      this.markers.set(token, p);
    }
    return p;
  };
}
