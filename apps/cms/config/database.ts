import path from 'path';
import { cmsEnv } from '../src/config/env';

export default () => {
  const env = cmsEnv();

  const connections = {
    sqlite: {
      connection: {
        filename: path.resolve(__dirname, '..', '..', env.DATABASE_FILENAME),
      },
      useNullAsDefault: true,
    },
    postgres: {
      connection: {
        connectionString: env.DATABASE_URL,
        host: env.DATABASE_HOST,
        port: env.DATABASE_PORT,
        database: env.DATABASE_NAME,
        user: env.DATABASE_USERNAME,
        password: env.DATABASE_PASSWORD,
        ssl: env.DATABASE_SSL && {
          rejectUnauthorized: env.DATABASE_SSL_REJECT_UNAUTHORIZED,
        },
        schema: env.DATABASE_SCHEMA,
      },
      pool: { min: env.DATABASE_POOL_MIN, max: env.DATABASE_POOL_MAX },
    },
  };

  return {
    connection: {
      client: env.DATABASE_CLIENT,
      ...connections[env.DATABASE_CLIENT],
      acquireConnectionTimeout: env.DATABASE_CONNECTION_TIMEOUT,
    },
  };
};
