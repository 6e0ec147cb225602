export { type AppType, createApp } from './app.ts';
export type { AppConfig, AppDeps, DbLease } from './deps.ts';
export { ApiError, type Problem } from './errors.ts';
