import type { Client } from '@libsql/client';
import type { Embedder } from '@scx/core';
import type { EmbeddedMigration } from '@scx/db';

/** A database handle for one request; `release` closes what the host opened for it. */
export interface DbLease {
  client: Client;
  release(): void;
}

export interface AppConfig {
  /** Secure cookies everywhere but plain-http localhost development. */
  secureCookies: boolean;
  version: string;
  /** Where the built web app lives for hosts that serve it through the app (node); the Worker uses its assets binding. */
  name: string;
}

/** Everything the app needs from its host. createApp never reads env or globals. */
export interface AppDeps {
  openDb(): DbLease;
  clock(): Date;
  /** Text embeddings for matching: the local deterministic one unless the host binds a model. */
  embedder: Embedder;
  migrations: EmbeddedMigration[];
  config: AppConfig;
}
