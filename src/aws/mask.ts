/**
 * What an evidence file may never hold: credentials, secrets, tokens. Applied to
 * every request and answer before it is recorded.
 * - access key ids keep their first and last four characters: AKIA****WXYZ;
 * - fields that carry secrets or tokens are dropped whole;
 * - values shaped like a session token, a JWT or a secret access key become ****.
 * Pagination markers are not secrets but are opaque: the recorder replaces them
 * with stable placeholders (see recording-gateway.ts).
 */

const ACCESS_KEY_ID = /\b(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{12,124}\b/g;
const SECRET_FIELD = /^(?:.*secret.*|.*sessiontoken|.*accesstoken|.*refreshtoken|idtoken|token|locktoken|password|newpassword|oldpassword|privatekey.*|credentials?)$/i;
const TOKEN_VALUES: readonly RegExp[] = [
  /^eyJ[\w-]{8,}\.[\w-]{8,}\.[\w-]*$/, // JWT
  /^(?:IQoJb3JpZ2lu|FwoGZXIvYXdz|FQoGZXIvYXdz)[A-Za-z0-9+/=]{20,}$/, // STS session tokens
  /^(?=.*[A-Z])(?=.*[a-z])(?=.*\d)[A-Za-z0-9+/]{40}$/, // a secret access key
];
export const MASK = '****';

export function maskAccessKeyId(id: string): string {
  return id.length > 8 ? `${id.slice(0, 4)}${MASK}${id.slice(-4)}` : MASK;
}

export function maskString(value: string): string {
  if (TOKEN_VALUES.some((re) => re.test(value))) return MASK;
  return value.replace(ACCESS_KEY_ID, maskAccessKeyId);
}

export function isSecretField(key: string): boolean {
  return SECRET_FIELD.test(key);
}

/** A deep copy without secrets. `pagination` rewrites marker values (keys Marker, NextMarker, NextToken). */
export function maskValue(value: unknown, pagination?: (token: string) => string): unknown {
  if (typeof value === 'string') return maskString(value);
  if (Array.isArray(value)) return value.map((v) => maskValue(v, pagination));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (isSecretField(k)) continue;
      out[k] = pagination && isPaginationField(k) && typeof v === 'string' ? pagination(v) : maskValue(v, pagination);
    }
    return out;
  }
  return value;
}

export function isPaginationField(key: string): boolean {
  return key === 'Marker' || key === 'NextMarker' || key === 'NextToken';
}
