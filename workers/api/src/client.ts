import { hc } from 'hono/client';
import type { AppType } from './app.ts';

/** The typed HTTP client the web app (and integrations written in TypeScript) use. */
export const createApiClient = (baseUrl: string, init?: Parameters<typeof hc>[1]) =>
  hc<AppType>(baseUrl, init);
export type ApiClient = ReturnType<typeof createApiClient>;
export type { AppType };
