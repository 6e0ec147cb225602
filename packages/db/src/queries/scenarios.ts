import type { ScenarioDetail, ScenarioListQuery, ScenarioPage, ScenarioSummary } from '@scx/core';
import { and, asc, desc, eq, gt, gte, isNotNull, lt, lte, or, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { organizations, scenarioRequirements, scenarios } from '../schema/index.ts';

const summaryColumns = {
  id: scenarios.id,
  kind: scenarios.kind,
  status: scenarios.status,
  title: scenarios.title,
  summary: scenarios.summary,
  issuerId: organizations.id,
  issuerName: organizations.name,
  domain: scenarios.domain,
  area: scenarios.area,
  district: scenarios.district,
  budgetFen: scenarios.budgetFen,
  rewardFen: scenarios.rewardFen,
  deadline: scenarios.deadline,
  publishedAt: scenarios.publishedAt,
};

type SummaryRow = { [K in keyof typeof summaryColumns]: (typeof summaryColumns)[K]['_']['data'] | null };

const toSummary = (r: SummaryRow): ScenarioSummary => ({
  id: r.id as string,
  kind: r.kind as ScenarioSummary['kind'],
  status: r.status as string,
  title: r.title as string,
  summary: r.summary as string,
  issuer: { id: r.issuerId as string, name: r.issuerName as string },
  domain: r.domain as string,
  area: r.area as string,
  district: r.district as string,
  budgetFen: r.budgetFen,
  rewardFen: r.rewardFen,
  deadline: r.deadline,
  publishedAt: r.publishedAt,
});

/**
 * Sort orders as (column, direction, value used for rows where the column is NULL). Keyset
 * pagination compares (coalesced value, id), so NULLs sort as a fixed sentinel and never break a cursor.
 */
const SORTS = {
  '-published': { col: scenarios.publishedAt, dir: 'desc', nullAs: '' },
  published: { col: scenarios.publishedAt, dir: 'asc', nullAs: '' },
  deadline: { col: scenarios.deadline, dir: 'asc', nullAs: '9999-12-31T23:59:59.999Z' },
  '-deadline': { col: scenarios.deadline, dir: 'desc', nullAs: '' },
  budget: { col: scenarios.budgetFen, dir: 'asc', nullAs: -1 },
  '-budget': { col: scenarios.budgetFen, dir: 'desc', nullAs: -1 },
} as const;

export type Cursor = [value: string | number, id: string];

export const encodeCursor = (c: Cursor): string => btoa(JSON.stringify(c)).replaceAll('=', '');

export function decodeCursor(s: string): Cursor | null {
  try {
    const v: unknown = JSON.parse(atob(s));
    if (
      Array.isArray(v) &&
      v.length === 2 &&
      ['string', 'number'].includes(typeof v[0]) &&
      typeof v[1] === 'string'
    ) {
      return [v[0], v[1]];
    }
  } catch {
    // fall through: not a cursor this API issued
  }
  return null;
}

/** Escapes LIKE wildcards so a search for "100%" means the text "100%". */
const likePattern = (q: string) => `%${q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;

/**
 * The public hall: one statement (scenarios ⋈ issuer), keyset-paginated. Only rows ever published
 * are visible; drafts, submissions and withdrawn ones never are.
 */
export async function listPublicScenarios(
  db: Db,
  q: ScenarioListQuery,
  cursor: Cursor | null,
): Promise<ScenarioPage> {
  const sort = SORTS[q.sort];
  const key = sql`coalesce(${sort.col}, ${sort.nullAs})`;
  const where: (SQL | undefined)[] = [isNotNull(scenarios.publishedAt)];
  if (q.status) where.push(eq(scenarios.status, q.status));
  if (q.kind) where.push(eq(scenarios.kind, q.kind));
  if (q.domain) where.push(eq(scenarios.domain, q.domain));
  if (q.area) where.push(eq(scenarios.area, q.area));
  if (q.district) where.push(eq(scenarios.district, q.district));
  if (q.budgetMin !== undefined) where.push(gte(scenarios.budgetFen, q.budgetMin));
  if (q.budgetMax !== undefined) where.push(lte(scenarios.budgetFen, q.budgetMax));
  if (q.deadlineFrom) where.push(gte(scenarios.deadline, q.deadlineFrom));
  if (q.deadlineTo) where.push(lte(scenarios.deadline, dayEnd(q.deadlineTo)));
  if (q.q) {
    const p = likePattern(q.q);
    where.push(sql`(${scenarios.title} LIKE ${p} ESCAPE '\\' OR ${scenarios.summary} LIKE ${p} ESCAPE '\\')`);
  }
  if (cursor) {
    const [value, id] = cursor;
    const cmp = sort.dir === 'asc' ? gt : lt;
    where.push(or(cmp(key, value), and(sql`${key} = ${value}`, cmp(scenarios.id, id))));
  }
  const order = sort.dir === 'asc' ? [asc(key), asc(scenarios.id)] : [desc(key), desc(scenarios.id)];
  const rows = await db
    .select(summaryColumns)
    .from(scenarios)
    .innerJoin(organizations, eq(organizations.id, scenarios.issuerId))
    .where(and(...where))
    .orderBy(...order)
    .limit(q.limit + 1);

  const page = rows.slice(0, q.limit);
  const last = page.at(-1);
  const nextCursor =
    rows.length > q.limit && last
      ? encodeCursor([(last[sortField(q.sort)] as string | number | null) ?? sort.nullAs, last.id])
      : null;
  return { items: page.map(toSummary), nextCursor };
}

const sortField = (s: ScenarioListQuery['sort']) =>
  s.endsWith('published') ? 'publishedAt' : s.endsWith('deadline') ? 'deadline' : 'budgetFen';

/** "2026-12-31" as an upper bound means the whole day. */
const dayEnd = (d: string) => (d.length === 10 ? `${d}T23:59:59.999Z` : d);

/** A public scenario with its requirements: two statements in one batch, one round trip. */
export async function getPublicScenario(db: Db, id: string): Promise<ScenarioDetail | null> {
  const [rows, reqs] = await db.batch([
    db
      .select({ ...summaryColumns, s: scenarios })
      .from(scenarios)
      .innerJoin(organizations, eq(organizations.id, scenarios.issuerId))
      .where(and(eq(scenarios.id, id), isNotNull(scenarios.publishedAt)))
      .limit(1),
    db
      .select()
      .from(scenarioRequirements)
      .where(eq(scenarioRequirements.scenarioId, id))
      .orderBy(asc(scenarioRequirements.ordinal)),
  ]);
  const row = rows[0];
  if (!row) return null;
  const s = row.s;
  return {
    ...toSummary(row),
    problem: s.problem,
    goals: s.goals,
    kpis: s.kpis,
    procurementType: s.procurementType,
    subsidyFen: s.subsidyFen,
    winnersMax: s.winnersMax,
    consortiumAllowed: s.consortiumAllowed,
    consortiumMaxPartners: s.consortiumMaxPartners,
    deliveryMonths: s.deliveryMonths,
    contactName: s.contactName,
    requirements: reqs.map((r) => ({
      kind: r.kind,
      code: r.code,
      level: r.level,
      value: r.value,
      mandatory: r.mandatory,
      description: r.description,
    })),
    version: s.version,
  };
}
