/**
 * A local AWS endpoint for wire-level tests: answers IAM in the query protocol
 * (form-encoded POST, XML answers and ErrorResponse) and WAFv2 in JSON 1.1
 * (X-Amz-Target: AWSWAF_20190729.<Operation>, errors as {"__type": ...}),
 * so that the real SDK clients, pointed here by AWS_ENDPOINT_URL_IAM and
 * AWS_ENDPOINT_URL_WAFV2, parse real wire formats.
 */
import { type AddressInfo } from 'node:net';
import { type IncomingMessage, type Server, createServer } from 'node:http';

export type Service = 'iam' | 'wafv2';

/** An answer: a result object, or an error with its AWS code and HTTP status. */
export type Answer = { result: Record<string, unknown> } | { error: { code: string; message?: string; status?: number } };
export type Handler = (call: { service: Service; operation: string; params: Record<string, unknown> }) => Answer | undefined;

/** A map in the query protocol: <entry><key/><value/></entry>. */
export class XmlMap {
  constructor(readonly entries: Record<string, unknown>) {}
}

export interface AwsTestServer {
  readonly url: string;
  /** Every call received, in order. */
  readonly calls: { service: Service; operation: string; params: Record<string, unknown> }[];
  readonly env: Record<string, string>;
  close(): Promise<void>;
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function toXml(value: unknown): string {
  if (value instanceof XmlMap) return Object.entries(value.entries).map(([k, v]) => `<entry><key>${esc(k)}</key><value>${toXml(v)}</value></entry>`).join('');
  if (Array.isArray(value)) return value.map((v) => `<member>${toXml(v)}</member>`).join('');
  if (value instanceof Date) return value.toISOString();
  if (value !== null && typeof value === 'object') return Object.entries(value).map(([k, v]) => `<${k}>${toXml(v)}</${k}>`).join('');
  return esc(String(value));
}

/** IAM form parameters, with `Filter.member.1=User` folded into lists. */
function parseForm(body: string): { operation: string; params: Record<string, unknown> } {
  const form = new URLSearchParams(body);
  const params: Record<string, unknown> = {};
  for (const [k, v] of form) {
    const m = /^(\w+)\.member\.(\d+)$/.exec(k);
    if (m) ((params[m[1]!] ??= []) as string[])[Number(m[2]) - 1] = v;
    else if (k !== 'Action' && k !== 'Version') params[k] = v;
  }
  return { operation: form.get('Action') ?? '', params };
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export async function startAwsServer(handler: Handler): Promise<AwsTestServer> {
  const calls: AwsTestServer['calls'] = [];
  let n = 0;
  const server: Server = createServer(async (req, res) => {
    const body = await readBody(req);
    const target = req.headers['x-amz-target'];
    const requestId = `req-${++n}`;
    if (typeof target === 'string') {
      const operation = target.replace(/^AWSWAF_20190729\./, '');
      const params = body ? (JSON.parse(body) as Record<string, unknown>) : {};
      calls.push({ service: 'wafv2', operation, params });
      const answer = handler({ service: 'wafv2', operation, params }) ?? { error: { code: 'WAFInvalidOperationException', message: `test server: no answer for ${operation}` } };
      res.setHeader('content-type', 'application/x-amz-json-1.1');
      res.setHeader('x-amzn-requestid', requestId);
      if ('error' in answer) {
        res.statusCode = answer.error.status ?? 400;
        res.end(JSON.stringify({ __type: answer.error.code, Message: answer.error.message ?? answer.error.code }));
      } else res.end(JSON.stringify(answer.result));
      return;
    }
    const { operation, params } = parseForm(body);
    calls.push({ service: 'iam', operation, params });
    const answer = handler({ service: 'iam', operation, params }) ?? { error: { code: 'InvalidAction', message: `test server: no answer for ${operation}` } };
    res.setHeader('content-type', 'text/xml');
    if ('error' in answer) {
      res.statusCode = answer.error.status ?? 400;
      res.end(`<ErrorResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><Error><Type>Sender</Type><Code>${esc(answer.error.code)}</Code><Message>${esc(answer.error.message ?? answer.error.code)}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`);
    } else {
      res.end(`<${operation}Response xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><${operation}Result>${toXml(answer.result)}</${operation}Result><ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${operation}Response>`);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    calls,
    env: {
      AWS_ENDPOINT_URL_IAM: url,
      AWS_ENDPOINT_URL_WAFV2: url,
      AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
      AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
      AWS_REGION: 'ap-northeast-1',
      AWS_EC2_METADATA_DISABLED: 'true',
      AWS_MAX_ATTEMPTS: '2',
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
