/** Secrets the CMS must have in production, each a long random value of its own. */
export const PRODUCTION_SECRETS = [
  'APP_KEYS',
  'API_TOKEN_SALT',
  'ADMIN_JWT_SECRET',
  'TRANSFER_TOKEN_SALT',
  'JWT_SECRET',
  'ENCRYPTION_KEY',
  'SITE_WEBHOOK_SECRET',
  'PREVIEW_SECRET',
] as const;

// Values that mean "not set yet": our .env.example's and Strapi's own template's placeholders.
const PLACEHOLDER = /change-?me|tobemodified|placeholder|example|secret$/i;
const MIN_LENGTH = 16;

/** Why a secret's value is unfit for production, or null when it will do. */
const problemWith = (value: string | undefined): string | null => {
  if (!value) return 'is missing';
  const parts = value.split(',');
  if (parts.some((part) => PLACEHOLDER.test(part.trim()))) return 'is still a placeholder';
  if (parts.some((part) => part.trim().length < MIN_LENGTH)) return `is shorter than ${MIN_LENGTH} characters`;
  return null;
};

/**
 * In production, refuses to start while any secret is missing, a placeholder or short, naming
 * every variable at fault. Elsewhere it does nothing (development makes its own secrets).
 */
export const assertProductionSecrets = (env: NodeJS.ProcessEnv = process.env): void => {
  if (env.NODE_ENV !== 'production') return;
  const problems = PRODUCTION_SECRETS.flatMap((name) => {
    const problem = problemWith(env[name]);
    return problem ? [`${name} ${problem}`] : [];
  });
  if (problems.length > 0) {
    throw new Error(
      `Refusing to start in production: ${problems.join('; ')}. Set each to a long random value (for example \`openssl rand -base64 32\`); see .env.example.`,
    );
  }
};
