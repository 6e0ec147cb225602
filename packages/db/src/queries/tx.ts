import type { Db } from '../client.ts';

/** A drizzle transaction over our schema. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
