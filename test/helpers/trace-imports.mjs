// Preloaded with `node --import`: reports every module URL that resolves to the AWS SDK.
import { register } from 'node:module';

register('data:text/javascript,' + encodeURIComponent(`
export async function resolve(specifier, context, next) {
  const r = await next(specifier, context);
  if (r.url.includes('/@aws-sdk/') || r.url.includes('/@smithy/')) process.stderr.write('LOADED ' + r.url + '\\n');
  return r;
}`));
