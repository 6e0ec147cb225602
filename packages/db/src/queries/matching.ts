import type { InStatement, Row } from '@libsql/client';
import type {
  MatchCertification,
  MatchFirm,
  MatchPair,
  MatchProduct,
  MatchRequirement,
  MatchScenario,
  RankedMatches,
  RankOptions,
  TextSignal,
} from '@scx/core';
import { MATCH_VECTOR_DIMENSIONS, rankMatches, SECONDARY_DOMAIN_CREDIT } from '@scx/core';
import type { Db } from '../client.ts';
import { COUNTS_AS_APPLICATION } from './bids.ts';

/** How many candidates each source contributes before core re-ranks them. */
export interface CandidateLimits {
  /** Nearest neighbours from the vector index. */
  vector?: number;
  /** Best FTS5 (bm25) hits. */
  text?: number;
  /** Structured filter: same software domain (recommendations only; supply side uses the zd_ token). */
  filter?: number;
  /** Firms (scenario → firms) whose facts are read and ranked by core, after a cheap pre-score. */
  firms?: number;
}
const LIMITS = { vector: 200, text: 200, filter: 120, firms: 100 } satisfies Required<CandidateLimits>;
/** Each limit is at least 1: libSQL's vector_top_k corrupts memory with k = 0. */
const limitsOf = (c: CandidateLimits = {}) => {
  const l = { ...LIMITS, ...c };
  return {
    vector: Math.max(1, l.vector),
    text: Math.max(1, l.text),
    filter: Math.max(1, l.filter),
    firms: Math.max(1, l.firms),
  };
};
/**
 * When the query side has no vector (empty text) or no document yet (still queued), vector_top_k
 * still needs a vector (NULL is an error): it gets zeros and its rows are filtered out; FTS5 gets a
 * token no document has (a NULL MATCH is a syntax error).
 */
const NO_VECTOR = `zeroblob(${MATCH_VECTOR_DIMENSIONS * 4})`;
const NO_MATCH = '"zz_none"';
/** Terms of the query document kept for FTS5 (the rarest first). */
export const FTS_TERMS = 8;
/** Terms of the query document looked up in the vocabulary (core lists the most telling first). */
export const FTS_CANDIDATE_TERMS = 20;

/**
 * CTEs `terms` and `fts_q` over the query document `q`: its MATCH expression ("a" OR "b" …, terms
 * never contain quotes) as a JSON array, joined to the index's document frequencies (`supply_terms`,
 * `demand_terms`: kept by triggers, migration 0012 — a key lookup, where fts5vocab read each term's
 * whole posting list); the FTS_TERMS rarest terms found in at most max(200, 5 %) of the documents
 * (max(seq): no count of the table per query) make the MATCH. Common terms (数据, 平台, a domain token) would make FTS5 rank most of the index for little gain: bm25 weighs
 * them near zero, and the vector candidates cover broad similarity.
 */
const rareTerms = (side: 'supply' | 'demand') => `terms AS (
          SELECT v.term FROM (SELECT value FROM json_each(
              CASE WHEN (SELECT query FROM q) LIKE '"%"' THEN
                json('["' || replace(substr((SELECT query FROM q), 2, length((SELECT query FROM q)) - 2), '" OR "', '","') || '"]')
              ELSE '[]' END) LIMIT ${FTS_CANDIDATE_TERMS}) t
            JOIN ${side}_terms v ON v.term = t.value
          WHERE v.docs > 0 AND v.docs <= (SELECT max(200, max(seq) / 20) FROM ${side}_docs)
          ORDER BY v.docs, v.term LIMIT ${FTS_TERMS}),
        fts_q AS (SELECT coalesce(group_concat('"' || term || '"', ' OR '), '${NO_MATCH}') AS m FROM terms)`;

export interface MatchQueryOptions extends Omit<RankOptions, 'leadLimit'> {
  candidates?: CandidateLimits;
}

export interface MatchOutcome extends RankedMatches {
  /** Pairs core ruled on (eligible and not). */
  candidates: number;
  /** False when the query side has no match document yet (still queued): drain, then ask again. */
  indexed: boolean;
}

export interface ScenarioMatches extends MatchOutcome {
  scenario: MatchScenario;
  issuerId: string;
  products: Map<string, MatchProduct>;
  firms: Map<string, MatchFirm>;
}

export interface FirmRecommendations extends MatchOutcome {
  firm: MatchFirm;
  /** The firm's listed products. */
  products: MatchProduct[];
  scenarios: Map<string, MatchScenario & { issuerName: string; status: string; rewardFen: number | null }>;
}

const APPLICATION_STATUSES = COUNTS_AS_APPLICATION.map((s) => `'${s}'`).join(', ');
/** A JSON column (text) or a value already parsed as part of an enclosing JSON document. */
export const parse = <T>(v: unknown, fallback: T): T => {
  if (v !== null && typeof v === 'object') return v as T;
  if (typeof v !== 'string' || v === '') return fallback;
  try {
    return JSON.parse(v) as T;
  } catch {
    return fallback;
  }
};
const num = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));
const numOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
const str = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));
/** Space-separated concept ids as stored; NULL (no document) is none. */
export const conceptList = (v: unknown): string[] => (typeof v === 'string' && v !== '' ? v.split(' ') : []);
/** libSQL's cosine distance is 1 − cosine similarity. */
const cosineOf = (distance: unknown): number | null =>
  distance === null || distance === undefined ? null : 1 - Number(distance);

export const REQUIREMENT_COLUMNS = 'kind, code, level, value, mandatory, description';
export const toRequirement = (r: unknown[]): MatchRequirement => ({
  kind: r[0] as MatchRequirement['kind'],
  code: (r[1] as string | null) ?? null,
  level: numOrNull(r[2]),
  value: (r[3] as string | null) ?? null,
  mandatory: Boolean(r[4]),
  description: String(r[5] ?? ''),
});

export const SCENARIO_COLUMNS = `s.id, s.external_id, s.kind, s.title, s.domain, s.secondary_domains, s.area, s.district,
  s.call_id, s.budget_fen, s.deadline, s.consortium_allowed`;
export const toScenario = (r: Row, requirements: MatchRequirement[]): MatchScenario => ({
  id: String(r.id),
  externalId: str(r.external_id),
  kind: r.kind as MatchScenario['kind'],
  title: String(r.title),
  domain: String(r.domain),
  secondaryDomains: parse<string[]>(r.secondary_domains, []),
  area: String(r.area),
  district: String(r.district),
  callId: str(r.call_id),
  budgetFen: numOrNull(r.budget_fen),
  deadline: str(r.deadline),
  consortiumAllowed: Boolean(r.consortium_allowed),
  requirements,
});

/**
 * A firm's public facts as SQL columns over `o` (organizations): certificates, past cases by domain and
 * area, awards, accepted deliveries and its load of awarded work. Only public facts: sealed bids never
 * feed a match an agency sees.
 */
export const FIRM_FACTS = `o.id, o.external_id, o.name, o.status, o.size, o.district, o.local_tax_resident, o.domains,
  (SELECT json_group_array(json_array(code, level, expires_at)) FROM certifications WHERE org_id = o.id) AS certs,
  (SELECT json_group_array(json_array(coalesce(domain, ''), coalesce(area, ''))) FROM firm_cases WHERE org_id = o.id) AS cases,
  (SELECT json_array(count(*), coalesce(sum(a.status = 'accepted'), 0), coalesce(sum(a.status IN ('awarded', 'in_delivery')), 0))
     FROM awards a JOIN bids b ON b.id = a.bid_id WHERE b.lead_firm_id = o.id) AS track`;

export function toFirm(r: Row, own: { leadsInCall: number; partnerOnScenario: boolean }): MatchFirm {
  const casesByDomain: Record<string, number> = {};
  const casesByArea: Record<string, number> = {};
  for (const [domain, area] of parse<[string, string][]>(r.cases, [])) {
    casesByDomain[domain] = (casesByDomain[domain] ?? 0) + 1;
    if (area) casesByArea[area] = (casesByArea[area] ?? 0) + 1;
  }
  const [awards, accepted, inDelivery] = parse<[number, number, number]>(r.track, [0, 0, 0]);
  return {
    id: String(r.id),
    externalId: str(r.external_id),
    name: String(r.name),
    status: r.status as MatchFirm['status'],
    size: (r.size as MatchFirm['size']) ?? null,
    district: String(r.district),
    localTaxResident: Boolean(r.local_tax_resident),
    domains: parse<string[]>(r.domains, []),
    certifications: parse<[string, number | null, string | null][]>(r.certs, []).map(
      ([code, level, expiresAt]): MatchCertification => ({ code, level, expiresAt }),
    ),
    casesByDomain,
    casesByArea,
    awards: num(awards),
    accepted: num(accepted),
    activeLoad: num(inDelivery),
    leadsInCall: own.leadsInCall,
    partnerOnScenario: own.partnerOnScenario,
  };
}

export const toProduct = (p: Record<string, unknown>): MatchProduct => ({
  id: String(p.id),
  externalId: str(p.external_id),
  name: String(p.name),
  domains: parse<string[]>(p.domains, []),
  areas: parse<string[]>(p.areas, []),
  recommendedCatalog: Boolean(p.recommended_catalog),
  firstEdition: Boolean(p.first_edition),
  xinchuang: Boolean(p.xinchuang),
  deployments: num(p.deployments),
});

/**
 * Firms and products for a scenario, ranked. One round trip: a read batch of the scenario, its
 * requirements and ONE candidate statement — vector top-k over supply documents, FTS5 bm25 over
 * their tokens with the scenario's own query, grouped per firm with every fact core needs. Core then
 * applies the hard rules (the ineligible become near misses) and scores with reasons.
 */
export async function matchScenario(
  db: Db,
  scenarioId: string,
  opts: MatchQueryOptions,
): Promise<ScenarioMatches | null> {
  const lim = limitsOf(opts.candidates);
  const stmts: InStatement[] = [
    {
      sql: `SELECT ${SCENARIO_COLUMNS}, s.issuer_id, d.seq AS doc, d.concepts FROM scenarios s
            LEFT JOIN demand_docs d ON d.scenario_id = s.id WHERE s.id = ?`,
      args: [scenarioId],
    },
    {
      sql: `SELECT ${REQUIREMENT_COLUMNS} FROM scenario_requirements WHERE scenario_id = ? ORDER BY ordinal`,
      args: [scenarioId],
    },
    {
      sql: `WITH q AS (SELECT embedding, query FROM demand_docs WHERE scenario_id = :sid),
        vec AS (SELECT id AS seq FROM vector_top_k('supply_docs_vec_idx', coalesce((SELECT embedding FROM q), ${NO_VECTOR}), :kv)
                WHERE (SELECT embedding FROM q) IS NOT NULL),
        ${rareTerms('supply')},
        -- Every document the rare terms match, with its bm25: the best :kf are candidates, and a
        -- vector candidate that matches too gets its text score (as the scan baseline scores all).
        fts_all AS MATERIALIZED (SELECT rowid AS seq, -bm25(supply_fts) AS bm FROM supply_fts
                WHERE supply_fts MATCH (SELECT m FROM fts_q)),
        fts AS (SELECT seq, bm FROM fts_all ORDER BY bm DESC, seq LIMIT :kf),
        cand AS (SELECT seq FROM vec UNION SELECT seq FROM fts),
        hits AS MATERIALIZED (SELECT d.kind, d.ref_id, d.firm_id, d.concepts, fts.bm,
                   vector_distance_cos(d.embedding, (SELECT embedding FROM q)) AS dist
                 FROM cand JOIN supply_docs d ON d.seq = cand.seq LEFT JOIN fts_all fts ON fts.seq = cand.seq),
        per_firm AS (SELECT firm_id, coalesce(max(bm), 0) AS best_bm, min(coalesce(dist, 2)) AS best_dist
                     FROM hits GROUP BY firm_id),
        -- The firms core will most likely rank high; only they get their facts read below. Three
        -- orders take turns (rank fusion): best text hit, nearest vector, and a cheap pre-score
        -- blending both with the software domain — so that a strong text match filed under another
        -- domain is not crowded out by firms that only share the domain.
        bm_top AS (SELECT max(1e-9, coalesce(max(bm), 0)) AS top FROM fts_all),
        -- The scenario's domains as they appear in a firm's JSON array of domain codes: the primary
        -- one, then up to three further ones (NULL when absent; instr(x, NULL) is NULL, hence coalesce).
        s_domain AS (SELECT json_quote(domain) AS quoted,
                       '"' || json_extract(secondary_domains, '$[0]') || '"' AS q1,
                       '"' || json_extract(secondary_domains, '$[1]') || '"' AS q2,
                       '"' || json_extract(secondary_domains, '$[2]') || '"' AS q3
                     FROM scenarios WHERE id = :sid),
        ranked AS (SELECT pf.firm_id,
                     row_number() OVER (ORDER BY pf.best_bm DESC, pf.firm_id) AS r_text,
                     row_number() OVER (ORDER BY pf.best_dist, pf.firm_id) AS r_vec,
                     row_number() OVER (ORDER BY pf.best_bm / (SELECT top FROM bm_top) + (1 - pf.best_dist)
                        + 0.5 * max(instr(o.domains, (SELECT quoted FROM s_domain)) > 0,
                            ${SECONDARY_DOMAIN_CREDIT} * (coalesce(instr(o.domains, (SELECT q1 FROM s_domain)), 0)
                              + coalesce(instr(o.domains, (SELECT q2 FROM s_domain)), 0)
                              + coalesce(instr(o.domains, (SELECT q3 FROM s_domain)), 0) > 0)) DESC,
                        pf.firm_id) AS r_blend
                   FROM per_firm pf CROSS JOIN organizations o ON o.id = pf.firm_id
                   WHERE o.kind = 'firm' AND o.status = 'approved'),
        shortlist AS (SELECT firm_id FROM ranked ORDER BY min(r_text, r_vec, r_blend), r_blend, firm_id LIMIT :kfirms),
        -- Only the shortlisted firms' hits are grouped with their products' facts.
        firm_hits AS (SELECT h.firm_id AS org,
                       max(CASE WHEN h.kind = 'firm' THEN h.bm END) AS firm_bm,
                       max(CASE WHEN h.kind = 'firm' THEN json_array(h.dist, h.concepts) END) AS firm_hit,
                       json_group_array(CASE WHEN p.id IS NOT NULL THEN json_array(h.ref_id, h.bm, h.dist, h.concepts,
                         json_object('id', p.id, 'external_id', p.external_id, 'name', p.name,
                           'domains', json(p.domains), 'areas', json(p.areas), 'recommended_catalog', p.recommended_catalog,
                           'first_edition', p.first_edition, 'xinchuang', p.xinchuang, 'deployments', p.deployments)) END) AS product_hits
                     FROM shortlist s CROSS JOIN hits h ON h.firm_id = s.firm_id
                       LEFT JOIN products p ON h.kind = 'product' AND p.id = h.ref_id AND p.status = 'listed'
                     GROUP BY h.firm_id)
      SELECT ${FIRM_FACTS},
        pf.product_hits,
        -- The firm's own document when it was not a candidate itself (its products were): one lookup.
        CASE WHEN pf.firm_hit IS NOT NULL THEN json_array(pf.firm_bm, json(pf.firm_hit))
          ELSE (SELECT json_array(fa.bm, json_array(vector_distance_cos(fd.embedding, (SELECT embedding FROM q)), fd.concepts))
                FROM supply_docs fd LEFT JOIN fts_all fa ON fa.seq = fd.seq WHERE fd.kind = 'firm' AND fd.ref_id = o.id) END AS firm_doc,
        (SELECT useful FROM match_feedback WHERE scenario_id = :sid AND firm_id = o.id AND side = 'agency') AS fb_pair,
        (SELECT json_array(coalesce(sum(f.useful), 0), coalesce(sum(1 - f.useful), 0)) FROM match_feedback f
           WHERE f.firm_id = o.id AND f.scenario_id <> :sid) AS fb_firm
      FROM firm_hits pf CROSS JOIN organizations o ON o.id = pf.org`,
      args: { sid: scenarioId, kv: lim.vector, kf: lim.text, kfirms: lim.firms },
    },
  ];
  const [head, reqs, cands] = await db.$client.batch(stmts, 'read');
  const s = head?.rows[0];
  if (!s) return null;
  const scenario = {
    ...toScenario(
      s,
      (reqs?.rows ?? []).map((r) => toRequirement(Object.values(r))),
    ),
    concepts: conceptList(s.concepts),
  };
  const pairs: MatchPair[] = [];
  const products = new Map<string, MatchProduct>();
  const firms = new Map<string, MatchFirm>();
  for (const r of cands?.rows ?? []) {
    const firm = toFirm(r, { leadsInCall: 0, partnerOnScenario: false });
    firms.set(firm.id, firm);
    const hits = new Map<string, TextSignal>();
    const own: MatchProduct[] = [];
    for (const h of parse<([string, number | null, number | null, string, Record<string, unknown>] | null)[]>(
      r.product_hits,
      [],
    )) {
      if (!h) continue;
      hits.set(h[0], { bm25: h[1], cosine: cosineOf(h[2]), concepts: conceptList(h[3]) });
      own.push(toProduct(h[4]));
    }
    const [firmBm, [firmDist, firmConcepts]] = parse<[number | null, [number | null, string]]>(r.firm_doc, [
      null,
      [null, ''],
    ]);
    for (const p of own) products.set(p.id, p);
    const [useful, notUseful] = parse<[number, number]>(r.fb_firm, [0, 0]);
    pairs.push({
      scenario,
      firm,
      firmText: {
        bm25: numOrNull(firmBm),
        cosine: cosineOf(firmDist),
        concepts: conceptList(firmConcepts),
      },
      products: own.map((product) => ({
        product,
        text: hits.get(product.id) ?? { bm25: null, cosine: null },
      })),
      feedback: {
        pair: r.fb_pair === null || r.fb_pair === undefined ? null : Boolean(r.fb_pair),
        useful,
        notUseful,
      },
    });
  }
  const ranked = rankMatches(pairs, opts);
  return {
    ...ranked,
    candidates: pairs.length,
    indexed: s.doc !== null,
    scenario,
    issuerId: String(s.issuer_id),
    products,
    firms,
  };
}

/**
 * Open scenarios and challenges for a firm, ranked; the firm's own bids count here (its lead limit
 * per call, its consortium memberships), since it is the firm asking. One round trip, like matchScenario.
 */
export async function recommendScenarios(
  db: Db,
  firmId: string,
  opts: MatchQueryOptions,
): Promise<FirmRecommendations | null> {
  const lim = limitsOf(opts.candidates);
  const stmts: InStatement[] = [
    {
      sql: `SELECT ${FIRM_FACTS}, d.seq AS doc, d.concepts AS doc_concepts FROM organizations o
            LEFT JOIN supply_docs d ON d.kind = 'firm' AND d.ref_id = o.id WHERE o.id = ? AND o.kind = 'firm'`,
      args: [firmId],
    },
    {
      sql: `SELECT p.id, p.external_id, p.name, p.domains, p.areas, p.recommended_catalog, p.first_edition,
              p.xinchuang, p.deployments, pd.concepts FROM products p
            LEFT JOIN supply_docs pd ON pd.kind = 'product' AND pd.ref_id = p.id
            WHERE p.firm_id = ? AND p.status = 'listed' ORDER BY p.id`,
      args: [firmId],
    },
    {
      sql: `WITH q AS (SELECT embedding, query FROM supply_docs WHERE kind = 'firm' AND ref_id = :fid),
        open AS (SELECT s.id FROM scenarios s WHERE s.status = 'published' AND (s.deadline IS NULL OR s.deadline > :now)),
        vec AS (SELECT id AS seq FROM vector_top_k('demand_docs_vec_idx', coalesce((SELECT embedding FROM q), ${NO_VECTOR}), :kv)
                WHERE (SELECT embedding FROM q) IS NOT NULL),
        ${rareTerms('demand')},
        fts AS (SELECT rowid AS seq, -bm25(demand_fts) AS bm FROM demand_fts
                WHERE demand_fts MATCH (SELECT m FROM fts_q) ORDER BY rank LIMIT :kf),
        -- Open scenarios in one of the firm's domains: as the primary one (scenarios_domain_idx), or
        -- as a further one — only scenarios that have any are read (the partial index
        -- scenarios_secondary_domains_idx), each probed with instr against the firm's quoted codes.
        f_domains AS (SELECT value AS code, json_quote(value) AS quoted
                FROM json_each((SELECT domains FROM organizations WHERE id = :fid))),
        flt AS (SELECT seq FROM (
                  SELECT d.seq, s.published_at FROM scenarios s JOIN demand_docs d ON d.scenario_id = s.id
                  WHERE s.domain IN (SELECT code FROM f_domains)
                    AND s.status = 'published' AND (s.deadline IS NULL OR s.deadline > :now)
                  UNION
                  SELECT d.seq, s.published_at FROM scenarios s JOIN demand_docs d ON d.scenario_id = s.id
                  WHERE s.secondary_domains <> '[]' AND s.status = 'published'
                    AND (s.deadline IS NULL OR s.deadline > :now)
                    AND EXISTS (SELECT 1 FROM f_domains f WHERE instr(s.secondary_domains, f.quoted) > 0))
                ORDER BY published_at DESC LIMIT :kc),
        cand AS (SELECT seq FROM vec UNION SELECT seq FROM fts UNION SELECT seq FROM flt)
      SELECT ${SCENARIO_COLUMNS}, s.status, s.reward_fen, o.name AS issuer_name, fts.bm, d.concepts,
        (SELECT json_extract(c.rules, '$.leadLimit') FROM calls c WHERE c.id = s.call_id) AS lead_limit,
        vector_distance_cos(d.embedding, (SELECT embedding FROM q)) AS dist,
        (SELECT json_group_array(json_array(${REQUIREMENT_COLUMNS})) FROM
           (SELECT * FROM scenario_requirements WHERE scenario_id = s.id ORDER BY ordinal)) AS reqs,
        (SELECT json_group_array(json_array(pd.ref_id, vector_distance_cos(pd.embedding, d.embedding)))
           FROM supply_docs pd WHERE pd.firm_id = :fid AND pd.kind = 'product') AS product_dists,
        (SELECT count(*) FROM bids b JOIN scenarios s2 ON s2.id = b.scenario_id
           WHERE b.lead_firm_id = :fid AND s2.call_id = s.call_id AND b.scenario_id <> s.id
             AND b.status IN (${APPLICATION_STATUSES})) AS leads_in_call,
        EXISTS (SELECT 1 FROM bid_members m JOIN bids b ON b.id = m.bid_id
           WHERE m.firm_id = :fid AND b.scenario_id = s.id AND b.lead_firm_id <> :fid AND b.status <> 'withdrawn') AS partner_on,
        (SELECT useful FROM match_feedback WHERE scenario_id = s.id AND firm_id = :fid AND side = 'firm') AS fb_pair
      FROM cand JOIN demand_docs d ON d.seq = cand.seq JOIN scenarios s ON s.id = d.scenario_id
        JOIN organizations o ON o.id = s.issuer_id LEFT JOIN fts ON fts.seq = cand.seq
      WHERE s.id IN (SELECT id FROM open)
        AND NOT EXISTS (SELECT 1 FROM bids b WHERE b.scenario_id = s.id AND b.lead_firm_id = :fid AND b.status <> 'withdrawn')`,
      args: { fid: firmId, now: opts.now, kv: lim.vector, kf: lim.text, kc: lim.filter },
    },
    {
      sql: `SELECT coalesce(sum(useful), 0) AS useful, coalesce(sum(1 - useful), 0) AS not_useful FROM match_feedback WHERE firm_id = ?`,
      args: [firmId],
    },
  ];
  const [head, prods, cands, fb] = await db.$client.batch(stmts, 'read');
  const f = head?.rows[0];
  if (!f) return null;
  const productRows = prods?.rows ?? [];
  const products = productRows.map((p) => toProduct(p as unknown as Record<string, unknown>));
  const productConcepts = new Map(productRows.map((p) => [String(p.id), conceptList(p.concepts)]));
  const firmConcepts = conceptList(f.doc_concepts);
  const scenarios: FirmRecommendations['scenarios'] = new Map();
  const pairs: MatchPair[] = [];
  const useful = num(fb?.rows[0]?.useful);
  const notUseful = num(fb?.rows[0]?.not_useful);
  const firm = toFirm(f, { leadsInCall: 0, partnerOnScenario: false });
  for (const r of cands?.rows ?? []) {
    const requirements = parse<unknown[][]>(r.reqs, []).map(toRequirement);
    const scenario = {
      ...toScenario(r, requirements),
      concepts: conceptList(r.concepts),
      ...(r.lead_limit === null || r.lead_limit === undefined ? {} : { leadLimit: Number(r.lead_limit) }),
    };
    scenarios.set(scenario.id, {
      ...scenario,
      issuerName: String(r.issuer_name),
      status: String(r.status),
      rewardFen: numOrNull(r.reward_fen),
    });
    const dists = new Map(parse<[string, number | null][]>(r.product_dists, []));
    pairs.push({
      scenario,
      firm: { ...firm, leadsInCall: num(r.leads_in_call), partnerOnScenario: Boolean(r.partner_on) },
      firmText: { bm25: numOrNull(r.bm), cosine: cosineOf(r.dist), concepts: firmConcepts },
      products: products.map((product) => ({
        product,
        text: {
          bm25: null,
          cosine: cosineOf(dists.get(product.id)),
          concepts: productConcepts.get(product.id) ?? [],
        },
      })),
      feedback: {
        pair: r.fb_pair === null || r.fb_pair === undefined ? null : Boolean(r.fb_pair),
        useful,
        notUseful,
      },
    });
  }
  const ranked = rankMatches(pairs, opts);
  return { ...ranked, candidates: pairs.length, indexed: f.doc !== null, firm, products, scenarios };
}
