import type { Client, InStatement } from '@libsql/client';
import { hashPassword } from '@scx/core';
import * as t from '../schema/index.ts';
import { DEMO_LOGINS, type DemoLogin, type Generated, generate } from './generate.ts';
import { insertStatements, wipeStatements } from './insert.ts';

export { DEMO_LOGINS, type DemoLogin } from './generate.ts';

export interface SeedOptions {
  /** Scenarios and challenges open for bidding (status published); ~35 % more are added in other states. */
  scenarios?: number;
  firms?: number;
  /** Products over all firms (each firm gets 1–4). Default: 2.2 per firm. */
  products?: number;
  seed?: number;
  /** The clock the data is relative to (deadlines ahead of it, history behind it). Default: now. */
  now?: Date;
  /** Delete every row of every schema table first, in the same transaction (the CLI's --force). */
  replace?: boolean;
}

export interface SeedSummary {
  counts: Record<string, number>;
  demoLogins: DemoLogin[];
}

export const SEED_DEFAULTS = { scenarios: 230, firms: 520, seed: 20_260_301 } as const;

const positiveInt = (name: string, v: number | undefined, fallback: number, min = 1): number => {
  if (v === undefined) return fallback;
  if (!Number.isInteger(v) || v < min) throw new RangeError(`${name} must be an integer ≥ ${min}, got ${v}`);
  return v;
};

/**
 * Seeds a migrated database with realistic, deterministic demo data for Wuhan: the organizer,
 * ~36 issuing agencies, expert bodies and experts, firms with products, certifications and cases,
 * two calls, scenarios and 揭榜挂帅 challenges in every workflow state, bids and awards.
 * Everything is written in one transaction: a failure leaves nothing half-written.
 */
export async function seedDatabase(client: Client, opts: SeedOptions = {}): Promise<SeedSummary> {
  const scenarios = positiveInt('scenarios', opts.scenarios, SEED_DEFAULTS.scenarios);
  const firms = positiveInt('firms', opts.firms, SEED_DEFAULTS.firms, 2);
  const products = positiveInt('products', opts.products, Math.round(firms * 2.2), 0);
  const seed = positiveInt('seed', opts.seed, SEED_DEFAULTS.seed, 0);
  const now = opts.now ?? new Date();

  // Each distinct demo password is hashed once; everyone else shares the hash of a random password
  // nobody knows (so those accounts exist for data but cannot log in).
  const secret = Array.from(crypto.getRandomValues(new Uint8Array(24)), (b) =>
    b.toString(16).padStart(2, '0'),
  ).join('');
  const [sharedHash, ...hashes] = await Promise.all([
    hashPassword(secret),
    ...DEMO_LOGINS.map((d) => hashPassword(d.password)),
  ]);
  const demoHashes = Object.fromEntries(DEMO_LOGINS.map((d, i) => [d.email, hashes[i] as string]));

  const g = generate({ scenarios, firms, products, seed, now, demoHashes, sharedHash: sharedHash as string });
  const stmts: InStatement[] = [
    'PRAGMA defer_foreign_keys = ON',
    ...(opts.replace ? wipeStatements() : []),
    ...statementsFor(g),
  ];
  await client.batch(stmts, 'write');
  return { counts: countsOf(g), demoLogins: DEMO_LOGINS };
}

function statementsFor(g: Generated): InStatement[] {
  return [
    ...insertStatements(t.organizations, g.organizations),
    ...insertStatements(t.users, g.users),
    ...insertStatements(t.memberships, g.memberships),
    ...insertStatements(t.certifications, g.certifications),
    ...insertStatements(t.firmCases, g.firmCases),
    ...insertStatements(t.products, g.products),
    ...insertStatements(t.calls, g.calls),
    ...insertStatements(t.experts, g.experts),
    ...insertStatements(t.expertConflicts, g.expertConflicts),
    ...insertStatements(t.scenarios, g.scenarios),
    ...insertStatements(t.scenarioRequirements, g.scenarioRequirements),
    ...insertStatements(t.criteria, g.criteria),
    ...insertStatements(t.scenarioReviews, g.scenarioReviews),
    ...insertStatements(t.scenarioStats, g.scenarioStats),
    ...insertStatements(t.questions, g.questions),
    ...insertStatements(t.bids, g.bids),
    ...insertStatements(t.bidMembers, g.bidMembers),
    ...insertStatements(t.awards, g.awards),
    ...insertStatements(t.milestones, g.milestones),
  ];
}

function countsOf(g: Generated): Record<string, number> {
  const kind = (k: string) => g.organizations.filter((o) => o.kind === k).length;
  const pub = (k: string) => g.scenarios.filter((s) => s.kind === k && s.status === 'published').length;
  return {
    organizations: g.organizations.length,
    agencies: kind('agency'),
    firms: kind('firm'),
    expertBodies: kind('expert-body'),
    users: g.users.length,
    memberships: g.memberships.length,
    certifications: g.certifications.length,
    firmCases: g.firmCases.length,
    products: g.products.length,
    experts: g.experts.length,
    expertConflicts: g.expertConflicts.length,
    calls: g.calls.length,
    scenarios: g.scenarios.length,
    publishedScenarios: pub('scenario'),
    publishedChallenges: pub('challenge'),
    scenarioRequirements: g.scenarioRequirements.length,
    criteria: g.criteria.length,
    scenarioReviews: g.scenarioReviews.length,
    questions: g.questions.length,
    bids: g.bids.length,
    awards: g.awards.length,
    milestones: g.milestones.length,
  };
}
