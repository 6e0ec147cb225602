export * from './client.ts';
export * from './ids.ts';
export * from './migrate.ts';
export { MIGRATIONS } from './migrations.generated.ts';
export * from './queries/index.ts';
export * as schema from './schema/index.ts';
export * from './write-gate.ts';
