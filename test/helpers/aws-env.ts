/** Runs code with AWS environment variables set, then restores them. */
const AWS_VARS = /^AWS_/;

export async function withAwsEnv<T>(env: Record<string, string>, run: () => Promise<T>): Promise<T> {
  const saved = Object.fromEntries(Object.entries(process.env).filter(([k]) => AWS_VARS.test(k)));
  for (const k of Object.keys(saved)) delete process.env[k];
  Object.assign(process.env, { AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/credentials', AWS_CONFIG_FILE: '/nonexistent/config', AWS_EC2_METADATA_DISABLED: 'true' }, env);
  try {
    return await run();
  } finally {
    for (const k of Object.keys(process.env)) if (AWS_VARS.test(k)) delete process.env[k];
    Object.assign(process.env, saved);
  }
}
