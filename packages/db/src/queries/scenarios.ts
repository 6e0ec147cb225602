import {
  isLatinTerm,
  type ScenarioDetail,
  type ScenarioListQuery,
  type ScenarioPage,
  type ScenarioSummary,
  searchTerms,
} from '@scx/core';
import { and, asc, desc, eq, gte, isNotNull, lte, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import {
  NULL_BUDGET,
  NULL_DEADLINE,
  organizations,
  scenarioAttachments,
  scenarioRequirements,
  scenarios,
} from '../schema/index.ts';
import { type Cursor, encodeCursor } from './cursor.ts';

const summaryColumns = {
  id: scenarios.id,
  kind: scenarios.kind,
  status: scenarios.status,
  title: scenarios.title,
  summary: scenarios.summary,
  issuerId: organizations.id,
  issuerName: organizations.name,
  domain: scenarios.domain,
  secondaryDomains: scenarios.secondaryDomains,
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
  secondaryDomains: r.secondaryDomains ?? [],
  area: r.area as string,
  district: r.district as string,
  budgetFen: r.budgetFen,
  rewardFen: r.rewardFen,
  deadline: r.deadline,
  publishedAt: r.publishedAt,
});

/**
 * Sort keys exactly as the indexes define them: published_at is never NULL in the hall; deadline and
 * budget sort NULLs as a sentinel, inlined (not bound) so SQLite matches the expression index.
 */
const SORTS = {
  '-published': { key: sql`${scenarios.publishedAt}`, dir: 'desc', nullAs: '' },
  published: { key: sql`${scenarios.publishedAt}`, dir: 'asc', nullAs: '' },
  deadline: {
    key: sql`coalesce(${scenarios.deadline}, '${sql.raw(NULL_DEADLINE)}')`,
    dir: 'asc',
    nullAs: NULL_DEADLINE,
  },
  '-deadline': {
    key: sql`coalesce(${scenarios.deadline}, '${sql.raw(NULL_DEADLINE)}')`,
    dir: 'desc',
    nullAs: NULL_DEADLINE,
  },
  budget: {
    key: sql`coalesce(${scenarios.budgetFen}, ${sql.raw(String(NULL_BUDGET))})`,
    dir: 'asc',
    nullAs: NULL_BUDGET,
  },
  '-budget': {
    key: sql`coalesce(${scenarios.budgetFen}, ${sql.raw(String(NULL_BUDGET))})`,
    dir: 'desc',
    nullAs: NULL_BUDGET,
  },
} as const;

/**
 * The FTS5 MATCH expression for a user query (migrations/0002_hall_search.sql), or null when the
 * query has no searchable term (only punctuation: matches nothing). Every term must match (AND):
 * an ASCII word or number as a whole word of the `words` column; any other term of n ≥ 2
 * characters as the phrase of its n-1 overlapping bigrams in `grams` (= the contiguous text), a
 * single character as the prefix query "c"* (every bigram starting with it). Terms hold no quotes
 * or operators (normalizeText folds punctuation), so "100%" or "a OR b" are plain text.
 */
export function searchMatch(query: string): string | null {
  const terms = searchTerms(query);
  if (terms.length === 0) return null;
  return terms
    .map((t) => {
      const quoted = (x: string) => `"${x.replaceAll('"', '""')}"`;
      if (isLatinTerm(t)) return `words : ${quoted(t)}`;
      const chars = [...t];
      if (chars.length === 1) return `grams : ${quoted(t)}*`;
      const grams = chars.slice(1).map((c, i) => `${chars[i]}${c}`);
      return `grams : ${quoted(grams.join(' '))}`;
    })
    .join(' AND ');
}

/**
 * The scenarios whose index entry matches `match`. The FTS rowid is the scenario's rowid, so the
 * page walks its sort index as without a search and probes the set of matching rowids, which
 * SQLite builds once per statement from the FTS index (`+` keeps the planner from driving from the
 * match list instead: that fetches and sorts every match, ~10 ms for a word in most scenarios
 * against ≤ 2.5 ms this way at 13,500 scenarios; see docs/adr/0002-chinese-search.md).
 */
const matching = (match: string) =>
  sql`+${scenarios}.rowid IN (SELECT rowid FROM scenario_search WHERE scenario_search MATCH ${match})`;

/** Escapes LIKE wildcards so a search for "100%" means the text "100%" (the pre-FTS search; bench only). */
const likePattern = (q: string) => `%${q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;

/**
 * The hall's one statement, unexecuted (tests read its query plan). `q` filters through the
 * Chinese full-text index and keeps the requested sort order (no relevance order: keyset cursors
 * stay exact). `search: 'like'` is the old substring LIKE on title/summary, kept for the benchmark.
 */
export function publicScenariosQuery(
  db: Db,
  q: ScenarioListQuery,
  cursor: Cursor | null,
  opts: { search?: 'fts' | 'like' } = {},
) {
  const sort = SORTS[q.sort];
  const key = sort.key;
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
  if (q.q?.trim()) {
    if (opts.search === 'like') {
      const p = likePattern(q.q);
      where.push(
        sql`(${scenarios.title} LIKE ${p} ESCAPE '\\' OR ${scenarios.summary} LIKE ${p} ESCAPE '\\')`,
      );
    } else {
      const match = searchMatch(q.q);
      where.push(match === null ? sql`0` : matching(match));
    }
  }
  if (cursor) {
    const [value, id] = cursor;
    // A row-value comparison is one index range; the equivalent OR of two terms is not.
    where.push(
      sort.dir === 'asc'
        ? sql`(${key}, ${scenarios.id}) > (${value}, ${id})`
        : sql`(${key}, ${scenarios.id}) < (${value}, ${id})`,
    );
  }
  const order = sort.dir === 'asc' ? [asc(key), asc(scenarios.id)] : [desc(key), desc(scenarios.id)];
  return db
    .select(summaryColumns)
    .from(scenarios)
    .innerJoin(organizations, eq(organizations.id, scenarios.issuerId))
    .where(and(...where))
    .orderBy(...order)
    .limit(q.limit + 1);
}

/**
 * The public hall: one statement (scenarios ⋈ issuer), keyset-paginated. Only rows ever published
 * are visible; drafts, submissions and withdrawn ones never are.
 */
export async function listPublicScenarios(
  db: Db,
  q: ScenarioListQuery,
  cursor: Cursor | null,
): Promise<ScenarioPage> {
  const rows = await publicScenariosQuery(db, q, cursor);
  const page = rows.slice(0, q.limit);
  const last = page.at(-1);
  const nextCursor =
    rows.length > q.limit && last
      ? encodeCursor([(last[sortField(q.sort)] as string | number | null) ?? SORTS[q.sort].nullAs, last.id])
      : null;
  return { items: page.map(toSummary), nextCursor };
}

const sortField = (s: ScenarioListQuery['sort']) =>
  s.endsWith('published') ? 'publishedAt' : s.endsWith('deadline') ? 'deadline' : 'budgetFen';

/** "2026-12-31" as an upper bound means the whole day. */
const dayEnd = (d: string) => (d.length === 10 ? `${d}T23:59:59.999Z` : d);

/** A public scenario with its requirements: two statements in one batch, one round trip. */
export async function getPublicScenario(db: Db, id: string): Promise<ScenarioDetail | null> {
  const [rows, reqs, files] = await db.batch([
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
    db
      .select()
      .from(scenarioAttachments)
      .where(eq(scenarioAttachments.scenarioId, id))
      .orderBy(asc(scenarioAttachments.createdAt)),
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
    attachments: files.map((a) => ({
      name: a.name,
      mediaType: a.mediaType,
      bytes: a.bytes,
      sha256: a.sha256,
      url: a.url,
    })),
    version: s.version,
  };
}
