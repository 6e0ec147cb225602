import type {
  MatchPair,
  MatchProduct,
  MatchReason,
  MatchScenario,
  NearMiss,
  RankOptions,
  UnmetRule,
} from '@scx/core';
import { rankMatches } from '@scx/core';
import type { Db } from '../client.ts';
import {
  conceptList,
  FIRM_FACTS,
  parse,
  REQUIREMENT_COLUMNS,
  SCENARIO_COLUMNS,
  toFirm,
  toProduct,
  toRequirement,
  toScenario,
} from './matching.ts';

export interface MeetingSuggestion {
  /** The other participant of the event. */
  participantId: string;
  orgId: string;
  orgName: string;
  role: 'agency' | 'firm';
  score: number;
  /** The scenario (of the agency) the fit is about, and the firm's product that fits it best. */
  scenarioId: string;
  scenarioTitle: string;
  productId: string | null;
  productName: string | null;
  reasons: MatchReason[];
}

export interface MeetingNearMiss extends Omit<MeetingSuggestion, 'reasons'> {
  unmet: UnmetRule[];
}

export interface MeetingSuggestions {
  participantId: string;
  role: 'agency' | 'firm';
  suggestions: MeetingSuggestion[];
  nearMisses: MeetingNearMiss[];
}

/**
 * The scenarios an agency brings to an event: those it linked when registering, else every scenario
 * of its that has been published. SQL over `p` (the agency's participant row).
 */
const AGENCY_SCENARIOS = `SELECT s.id FROM scenarios s WHERE
  (json_array_length(p.scenario_ids) > 0 AND s.id IN (SELECT value FROM json_each(p.scenario_ids)))
  OR (json_array_length(p.scenario_ids) = 0 AND s.issuer_id = p.org_id AND s.published_at IS NOT NULL)`;

/**
 * 对接建议: who a participant should meet at a matchmaking event, from the matching engine. A firm gets
 * the event's agencies ranked by how well it fits the scenarios they bring; an agency gets the event's
 * firms ranked by their best fit to any of its scenarios. Same rules and reasons as matching (an
 * ineligible firm is a near miss with the unmet rule); the firm's products are those it linked when
 * registering, else all it lists. Two round trips: the asking participant, then one read batch.
 */
export async function suggestMeetings(
  db: Db,
  eventId: string,
  orgId: string,
  opts: { now: string; top?: number; nearMisses?: number; semanticRange?: RankOptions['semanticRange'] },
): Promise<MeetingSuggestions | null> {
  const me = await db.$client.execute({
    sql: `SELECT id, role, org_id FROM event_participants WHERE event_id = ? AND org_id = ? AND status = 'approved'`,
    args: [eventId, orgId],
  });
  const asking = me.rows[0];
  if (!asking) return null;
  const role = asking.role as 'agency' | 'firm';
  const top = opts.top ?? 10;

  // Every (agency scenario × firm) pair of the event that involves the asking participant.
  const firmFilter = role === 'firm' ? 'AND p.org_id = :org' : '';
  const agencyFilter = role === 'agency' ? 'AND p.org_id = :org' : '';
  const [scenarioRows, firmRows] = await db.$client.batch(
    [
      {
        sql: `SELECT ${SCENARIO_COLUMNS}, p.id AS participant_id, p.org_id AS agency_id, o.name AS agency_name,
                d.concepts, d.embedding IS NOT NULL AS has_vector,
                (SELECT json_group_array(json_array(${REQUIREMENT_COLUMNS})) FROM
                   (SELECT * FROM scenario_requirements r WHERE r.scenario_id = s.id ORDER BY ordinal)) AS reqs
              FROM event_participants p JOIN organizations o ON o.id = p.org_id
                JOIN scenarios s ON s.id IN (${AGENCY_SCENARIOS})
                LEFT JOIN demand_docs d ON d.scenario_id = s.id
              WHERE p.event_id = :event AND p.role = 'agency' AND p.status = 'approved' ${agencyFilter}`,
        args: { event: eventId, org: orgId },
      },
      {
        sql: `WITH ev_scen AS (SELECT s.id FROM event_participants p JOIN scenarios s ON s.id IN (${AGENCY_SCENARIOS})
                WHERE p.event_id = :event AND p.role = 'agency' AND p.status = 'approved' ${agencyFilter})
              SELECT ${FIRM_FACTS}, p.id AS participant_id, fd.concepts AS doc_concepts,
                (SELECT json_group_array(json_array(d.scenario_id, vector_distance_cos(fd.embedding, d.embedding)))
                   FROM demand_docs d WHERE fd.embedding IS NOT NULL AND d.embedding IS NOT NULL
                     AND d.scenario_id IN (SELECT id FROM ev_scen)) AS dists,
                (SELECT json_group_array(json_object('id', pr.id, 'external_id', pr.external_id, 'name', pr.name,
                    'domains', pr.domains, 'areas', pr.areas, 'recommended_catalog', pr.recommended_catalog,
                    'first_edition', pr.first_edition, 'xinchuang', pr.xinchuang, 'deployments', pr.deployments,
                    'concepts', pd.concepts,
                    'dists', (SELECT json_group_array(json_array(d.scenario_id, vector_distance_cos(pd.embedding, d.embedding)))
                              FROM demand_docs d WHERE pd.embedding IS NOT NULL AND d.embedding IS NOT NULL
                                AND d.scenario_id IN (SELECT id FROM ev_scen))))
                   FROM products pr LEFT JOIN supply_docs pd ON pd.kind = 'product' AND pd.ref_id = pr.id
                   WHERE pr.firm_id = o.id AND pr.status = 'listed'
                     AND (json_array_length(p.product_ids) = 0 OR pr.id IN (SELECT value FROM json_each(p.product_ids)))) AS products
              FROM event_participants p JOIN organizations o ON o.id = p.org_id
                LEFT JOIN supply_docs fd ON fd.kind = 'firm' AND fd.ref_id = o.id
              WHERE p.event_id = :event AND p.role = 'firm' AND p.status = 'approved' ${firmFilter}`,
        args: { event: eventId, org: orgId },
      },
    ],
    'read',
  );

  interface Side {
    participantId: string;
    orgId: string;
    orgName: string;
  }
  const scenarios = (scenarioRows?.rows ?? []).map((r) => ({
    scenario: {
      ...toScenario(r, parse<unknown[][]>(r.reqs, []).map(toRequirement)),
      concepts: conceptList(r.concepts),
    } as MatchScenario,
    agency: {
      participantId: String(r.participant_id),
      orgId: String(r.agency_id),
      orgName: String(r.agency_name),
    },
  }));
  const firms = (firmRows?.rows ?? []).map((r) => ({
    firm: toFirm(r, { leadsInCall: 0, partnerOnScenario: false }),
    side: { participantId: String(r.participant_id), orgId: String(r.id), orgName: String(r.name) } as Side,
    concepts: conceptList(r.doc_concepts),
    dists: new Map(parse<[string, number | null][]>(r.dists, [])),
    products: parse<(Record<string, unknown> & { concepts: string | null; dists: string })[]>(
      r.products,
      [],
    ).map((p) => ({
      product: toProduct(p),
      concepts: conceptList(p.concepts),
      dists: new Map(parse<[string, number | null][]>(p.dists, [])),
    })),
  }));
  const cos = (d: number | null | undefined) => (d === null || d === undefined ? null : 1 - d);

  // Rank per query side (one scenario against the firms, or one firm against the scenarios), then keep
  // each counterpart's best pair.
  const best = new Map<string, MeetingSuggestion>();
  const misses = new Map<string, MeetingNearMiss>();
  const products = new Map<string, MatchProduct>();
  for (const f of firms) for (const p of f.products) products.set(p.product.id, p.product);
  const groups: MatchPair[][] =
    role === 'firm'
      ? [firms.flatMap((f) => scenarios.map(({ scenario }) => pairOf(f, scenario)))]
      : scenarios.map(({ scenario }) => firms.map((f) => pairOf(f, scenario)));
  function pairOf(f: (typeof firms)[number], scenario: MatchScenario): MatchPair {
    return {
      scenario,
      firm: f.firm,
      firmText: { bm25: null, cosine: cos(f.dists.get(scenario.id)), concepts: f.concepts },
      products: f.products.map((p) => ({
        product: p.product,
        text: { bm25: null, cosine: cos(p.dists.get(scenario.id)), concepts: p.concepts },
      })),
      feedback: { pair: null, useful: 0, notUseful: 0 },
    };
  }
  const scenarioById = new Map(scenarios.map((s) => [s.scenario.id, s]));
  const firmById = new Map(firms.map((f) => [f.firm.id, f]));
  const counterpart = (scenarioId: string, firmId: string): Side =>
    role === 'firm' ? (scenarioById.get(scenarioId)?.agency as Side) : (firmById.get(firmId)?.side as Side);
  const describe = (r: { scenarioId: string; firmId: string; productId: string | null; score: number }) => {
    const side = counterpart(r.scenarioId, r.firmId);
    return {
      ...side,
      role: role === 'firm' ? ('agency' as const) : ('firm' as const),
      score: r.score,
      scenarioId: r.scenarioId,
      scenarioTitle: scenarioById.get(r.scenarioId)?.scenario.title ?? '',
      productId: r.productId,
      productName: r.productId ? (products.get(r.productId)?.name ?? null) : null,
    };
  };
  for (const pairs of groups) {
    const ranked = rankMatches(pairs, {
      now: opts.now,
      top: pairs.length,
      nearMisses: opts.nearMisses ?? 5,
      ...(opts.semanticRange ? { semanticRange: opts.semanticRange } : {}),
    });
    for (const r of ranked.results) {
      const s = { ...describe(r), reasons: r.reasons };
      const prev = best.get(s.participantId);
      if (!prev || s.score > prev.score) best.set(s.participantId, s);
    }
    for (const n of ranked.nearMisses as NearMiss[]) {
      const m = { ...describe(n), unmet: n.unmet };
      const prev = misses.get(m.participantId);
      if (!prev || m.score > prev.score) misses.set(m.participantId, m);
    }
  }
  const order = <T extends { score: number; participantId: string }>(xs: Iterable<T>) =>
    [...xs].sort((a, b) => b.score - a.score || (a.participantId < b.participantId ? -1 : 1));
  const suggestions = order(best.values()).slice(0, top);
  return {
    participantId: String(asking.id),
    role,
    suggestions,
    // A counterpart with any eligible pair is a suggestion, not a near miss.
    nearMisses: order([...misses.values()].filter((m) => !best.has(m.participantId))).slice(
      0,
      opts.nearMisses ?? 5,
    ),
  };
}
