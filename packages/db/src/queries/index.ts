export * from './audit.ts';
export * from './errors.ts';
export * from './jobs.ts';
export * from './organizations.ts';
export * from './scenario-drafts.ts';
export * from './scenarios.ts';
export * from './sessions.ts';
export * from './throttle.ts';
export type { Tx } from './tx.ts';
