import type { Db, Principal } from '@scx/db';
import type { RequestIdVariables } from 'hono/request-id';
import type { AppDeps } from './deps.ts';

export interface DbStats {
  roundTrips: number;
  ms: number;
}

export interface AppEnv {
  Variables: RequestIdVariables & {
    deps: AppDeps;
    db: Db;
    dbStats: DbStats;
    principal?: Principal;
  };
}
