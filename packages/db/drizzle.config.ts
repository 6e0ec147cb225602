import { defineConfig } from 'drizzle-kit';

// Paths are relative to the workspace root, where `pnpm db:generate` runs.
export default defineConfig({
  dialect: 'turso',
  schema: './packages/db/src/schema/index.ts',
  out: './migrations',
  dbCredentials: {
    url: process.env.LIBSQL_URL ?? 'file:./data/scx.db',
    ...(process.env.LIBSQL_AUTH_TOKEN ? { authToken: process.env.LIBSQL_AUTH_TOKEN } : {}),
  },
});
