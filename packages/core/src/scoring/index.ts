export * from './engine.ts';
export * from './price.ts';
export * from './report.ts';
export * from './subsidy.ts';
export * from './templates.ts';
