import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { assertProductionSecrets, PRODUCTION_SECRETS } from './productionSecrets';

const random = () => randomBytes(24).toString('base64');
const goodEnv = (): NodeJS.ProcessEnv => ({
  NODE_ENV: 'production',
  ...Object.fromEntries(PRODUCTION_SECRETS.map((name) => [name, random()])),
  APP_KEYS: `${random()},${random()}`,
});

describe('assertProductionSecrets', () => {
  it('lets production start with long random secrets', () => {
    expect(() => assertProductionSecrets(goodEnv())).not.toThrow();
  });

  it('names every missing, placeholder or short secret', () => {
    const env = { ...goodEnv(), JWT_SECRET: undefined, APP_KEYS: 'change-me-1,change-me-2', SITE_WEBHOOK_SECRET: 'short' };
    expect(() => assertProductionSecrets(env)).toThrow(
      'Refusing to start in production: APP_KEYS is still a placeholder; JWT_SECRET is missing; SITE_WEBHOOK_SECRET is shorter than 16 characters.',
    );
    expect(() => assertProductionSecrets({ ...goodEnv(), ENCRYPTION_KEY: 'tobemodified' })).toThrow(/ENCRYPTION_KEY is still a placeholder/);
  });

  it('leaves development alone', () => {
    expect(() => assertProductionSecrets({ NODE_ENV: 'development' })).not.toThrow();
  });
});
