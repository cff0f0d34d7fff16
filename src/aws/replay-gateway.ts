/** Answers every call from an evidence file, offline. */
import { type EvidenceFile, requestKey } from './evidence.js';
import { type AwsAnswer, AwsCallError, type AwsGateway, type AwsRequest } from './gateway.js';

export class ReplayGateway implements AwsGateway {
  /** Per request, its recorded answers in order; the last one repeats (a poll that ended). */
  private readonly answers = new Map<string, { calls: EvidenceFile['calls'][number][]; next: number }>();

  constructor(evidence: EvidenceFile) {
    for (const call of evidence.calls) {
      const key = requestKey(call);
      const entry = this.answers.get(key) ?? { calls: [], next: 0 };
      entry.calls.push(call);
      this.answers.set(key, entry);
    }
  }

  async send(request: AwsRequest): Promise<AwsAnswer> {
    const entry = this.answers.get(requestKey(request));
    if (!entry) {
      throw new AwsCallError('NotRecorded', 'not-recorded', `the evidence file has no answer for ${request.service}:${request.operation} in ${request.region}`);
    }
    const call = entry.calls[Math.min(entry.next, entry.calls.length - 1)]!;
    entry.next++;
    if (call.error) throw new AwsCallError(call.error.code, call.error.kind, call.error.message);
    return structuredClone(call.answer ?? {});
  }
}
