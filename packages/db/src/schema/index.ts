export * from './audit.ts';
export * from './bids.ts';
export * from './calls.ts';
export * from './evaluation.ts';
export * from './events.ts';
export * from './organizations.ts';
export * from './products.ts';
export * from './scenarios.ts';
