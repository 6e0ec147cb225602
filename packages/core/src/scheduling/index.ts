export * from './check.ts';
export * from './scheduler.ts';
export * from './schema.ts';
export * from './types.ts';
