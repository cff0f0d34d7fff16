/**
 * The AWS SDK for JavaScript v3 calls `process.emitWarning("NodeVersionSupportWarning: ...")`
 * once, when the first client is built on a Node version it will stop supporting
 * (Node 20 today). That notice is about the SDK's own release plans, not about the
 * user's account, so ztm drops exactly that warning and lets every other warning through.
 */

const SDK_NODE_VERSION_WARNING = 'NodeVersionSupportWarning';

let installed = false;

export function isSdkNodeVersionWarning(warning: unknown, type?: unknown): boolean {
  const text = typeof warning === 'string' ? warning : warning instanceof Error ? `${warning.name}: ${warning.message}` : '';
  return text.startsWith(SDK_NODE_VERSION_WARNING) || type === SDK_NODE_VERSION_WARNING;
}

/** Idempotent. Wraps process.emitWarning with a filter for the SDK's Node version notice only. */
export function suppressSdkNodeVersionWarning(): void {
  if (installed) return;
  installed = true;
  const original = process.emitWarning.bind(process) as (...args: unknown[]) => void;
  const filtered = (warning: unknown, ...rest: unknown[]): void => {
    const type = typeof rest[0] === 'string' ? rest[0] : (rest[0] as { type?: unknown } | undefined)?.type;
    if (isSdkNodeVersionWarning(warning, type)) return;
    original(warning, ...rest); // bounded-spread: the few arguments of one emitWarning call
  };
  process.emitWarning = filtered as typeof process.emitWarning;
}
