import type { InStatement, InValue } from '@libsql/client';
import {
  type Embedder,
  firmDocument,
  type MatchDocument,
  productDocument,
  scenarioDocument,
  sha256Hex,
} from '@scx/core';
import type { Db } from '../client.ts';
import type { Kpi } from '../schema/scenarios.ts';

export interface DrainResult {
  /** Documents written (new or changed text, or a new model). */
  indexed: number;
  /** Documents whose text and model were unchanged: not embedded again. */
  unchanged: number;
  /** Documents removed (entity deleted, product delisted). */
  removed: number;
  /** Queue entries left for the next drain. */
  remaining: number;
}

type Kind = 'firm' | 'product' | 'scenario';
interface Queued {
  kind: Kind;
  refId: string;
  queuedAt: string;
}

const placeholders = (n: number) => Array.from({ length: n }, () => '?').join(', ');
const parseJson = <T>(v: unknown, fallback: T): T => {
  if (typeof v !== 'string' || v === '') return fallback;
  try {
    return JSON.parse(v) as T;
  } catch {
    return fallback;
  }
};

/** A document that queries nothing: FTS5 rejects an empty MATCH expression. */
const NO_QUERY = '"zz_none"';

/** float32 bytes for an F32_BLOB column; an all-zero vector (empty text) is stored as NULL. */
export function vectorBytes(v: Float32Array): Uint8Array | null {
  return v.some((x) => x !== 0) ? new Uint8Array(v.buffer, v.byteOffset, v.byteLength) : null;
}

interface Built {
  kind: Kind;
  refId: string;
  firmId: string | null;
  doc: MatchDocument;
}

/** Reads the entities behind queue entries and builds their match documents (one batch, one round trip). */
async function buildDocuments(db: Db, queued: Queued[]): Promise<{ built: Built[]; gone: Queued[] }> {
  const ids = (k: Kind) => queued.filter((q) => q.kind === k).map((q) => q.refId);
  const firmIds = ids('firm');
  const productIds = ids('product');
  const scenarioIds = ids('scenario');
  const stmts: InStatement[] = [
    {
      sql: `SELECT id, name, description, capability, domains FROM organizations WHERE kind = 'firm' AND id IN (${placeholders(firmIds.length)})`,
      args: firmIds,
    },
    {
      sql: `SELECT org_id, title, description, domain, area FROM firm_cases WHERE org_id IN (${placeholders(firmIds.length)}) ORDER BY year DESC, id`,
      args: firmIds,
    },
    {
      sql: `SELECT firm_id, name, summary FROM products WHERE status = 'listed' AND firm_id IN (${placeholders(firmIds.length)}) ORDER BY created_at, id`,
      args: firmIds,
    },
    {
      sql: `SELECT p.id, p.firm_id, p.name, p.summary, p.description, p.domains, p.areas, o.name AS firm_name
            FROM products p JOIN organizations o ON o.id = p.firm_id
            WHERE p.status = 'listed' AND p.id IN (${placeholders(productIds.length)})`,
      args: productIds,
    },
    {
      sql: `SELECT id, title, summary, problem, goals, kpis, domain, secondary_domains, area FROM scenarios WHERE id IN (${placeholders(scenarioIds.length)})`,
      args: scenarioIds,
    },
    {
      sql: `SELECT scenario_id, description FROM scenario_requirements WHERE scenario_id IN (${placeholders(scenarioIds.length)}) ORDER BY ordinal`,
      args: scenarioIds,
    },
  ];
  const [firms, cases, firmProducts, products, scenarios, requirements] = await db.$client.batch(
    stmts,
    'read',
  );
  const built: Built[] = [];
  const found = new Set<string>();
  const byFirm = <T>(rows: T[], key: (r: T) => string) => {
    const m = new Map<string, T[]>();
    for (const r of rows) m.set(key(r), [...(m.get(key(r)) ?? []), r]);
    return m;
  };
  const casesOf = byFirm(cases?.rows ?? [], (r) => String(r.org_id));
  const productsOf = byFirm(firmProducts?.rows ?? [], (r) => String(r.firm_id));
  for (const f of firms?.rows ?? []) {
    const id = String(f.id);
    found.add(`firm:${id}`);
    built.push({
      kind: 'firm',
      refId: id,
      firmId: id,
      doc: firmDocument({
        name: String(f.name),
        description: String(f.description ?? ''),
        capability: String(f.capability ?? ''),
        domains: parseJson<string[]>(f.domains, []),
        cases: (casesOf.get(id) ?? []).map((c) => ({
          title: String(c.title),
          description: String(c.description ?? ''),
          domain: (c.domain as string | null) ?? null,
          area: (c.area as string | null) ?? null,
        })),
        products: (productsOf.get(id) ?? []).map((p) => ({
          name: String(p.name),
          summary: String(p.summary ?? ''),
        })),
      }),
    });
  }
  for (const p of products?.rows ?? []) {
    const id = String(p.id);
    found.add(`product:${id}`);
    built.push({
      kind: 'product',
      refId: id,
      firmId: String(p.firm_id),
      doc: productDocument({
        name: String(p.name),
        summary: String(p.summary ?? ''),
        description: String(p.description ?? ''),
        domains: parseJson<string[]>(p.domains, []),
        areas: parseJson<string[]>(p.areas, []),
        firmName: String(p.firm_name),
      }),
    });
  }
  const requirementsOf = byFirm(requirements?.rows ?? [], (r) => String(r.scenario_id));
  for (const s of scenarios?.rows ?? []) {
    const id = String(s.id);
    found.add(`scenario:${id}`);
    built.push({
      kind: 'scenario',
      refId: id,
      firmId: null,
      doc: scenarioDocument({
        title: String(s.title),
        summary: String(s.summary ?? ''),
        problem: String(s.problem ?? ''),
        goals: String(s.goals ?? ''),
        kpis: parseJson<Kpi[]>(s.kpis, []),
        domain: String(s.domain),
        secondaryDomains: parseJson<string[]>(s.secondary_domains, []),
        area: String(s.area),
        requirements: (requirementsOf.get(id) ?? []).map((r) => ({
          description: String(r.description ?? ''),
        })),
      }),
    });
  }
  return { built, gone: queued.filter((q) => !found.has(`${q.kind}:${q.refId}`)) };
}

/**
 * Rebuilds the match documents of up to `limit` queued entities: segments and tokenises in core,
 * embeds only texts that changed (or whose model changed), and writes documents and queue removals
 * in one atomic batch. A queue entry re-marked while this ran (newer created_at) stays queued.
 */
export async function drainMatchQueue(
  db: Db,
  embedder: Embedder,
  opts: { limit?: number } = {},
): Promise<DrainResult> {
  const limit = opts.limit ?? 500;
  const head = await db.$client.execute({
    sql: 'SELECT kind, ref_id, created_at FROM match_queue ORDER BY created_at, kind, ref_id LIMIT ?',
    args: [limit],
  });
  const queued: Queued[] = head.rows.map((r) => ({
    kind: r.kind as Kind,
    refId: String(r.ref_id),
    queuedAt: String(r.created_at),
  }));
  if (queued.length === 0) return { indexed: 0, unchanged: 0, removed: 0, remaining: 0 };

  const { built, gone } = await buildDocuments(db, queued);
  const hashes = await Promise.all(
    built.map((b) => sha256Hex(`${embedder.model}\n${b.doc.text}\n${b.doc.tokens}\n${b.doc.query}`)),
  );
  const supplyRefs = built.filter((b) => b.kind !== 'scenario').map((b) => `${b.kind}:${b.refId}`);
  const scenarioRefs = built.filter((b) => b.kind === 'scenario').map((b) => b.refId);
  const [supplyOld, demandOld] = await db.$client.batch(
    [
      {
        sql: `SELECT kind || ':' || ref_id AS ref, source_hash FROM supply_docs WHERE kind || ':' || ref_id IN (${placeholders(supplyRefs.length)})`,
        args: supplyRefs,
      },
      {
        sql: `SELECT scenario_id AS ref, source_hash FROM demand_docs WHERE scenario_id IN (${placeholders(scenarioRefs.length)})`,
        args: scenarioRefs,
      },
    ],
    'read',
  );
  const oldHash = new Map<string, string>();
  for (const r of supplyOld?.rows ?? []) oldHash.set(String(r.ref), String(r.source_hash));
  for (const r of demandOld?.rows ?? []) oldHash.set(`scenario:${r.ref}`, String(r.source_hash));

  const changed = built
    .map((b, i) => ({ b, hash: hashes[i] as string }))
    .filter(({ b, hash }) => oldHash.get(`${b.kind}:${b.refId}`) !== hash);
  const vectors = changed.length > 0 ? await embedder.embed(changed.map(({ b }) => b.doc.text)) : [];

  const writes: InStatement[] = [];
  changed.forEach(({ b, hash }, i) => {
    const vector = vectors[i] ? vectorBytes(vectors[i]) : null;
    const query = b.doc.query || NO_QUERY;
    const concepts = (b.doc.concepts ?? []).join(' ');
    const args: InValue[] = [b.doc.tokens, query, concepts, vector, vector ? embedder.model : null, hash];
    writes.push(
      b.kind === 'scenario'
        ? {
            sql: `INSERT INTO demand_docs (scenario_id, tokens, query, concepts, embedding, model, source_hash) VALUES (?, ?, ?, ?, ?, ?, ?)
                  ON CONFLICT (scenario_id) DO UPDATE SET tokens = excluded.tokens, query = excluded.query, concepts = excluded.concepts,
                  embedding = excluded.embedding, model = excluded.model, source_hash = excluded.source_hash,
                  updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')`,
            args: [b.refId, ...args],
          }
        : {
            sql: `INSERT INTO supply_docs (kind, ref_id, firm_id, tokens, query, concepts, embedding, model, source_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                  ON CONFLICT (kind, ref_id) DO UPDATE SET firm_id = excluded.firm_id, tokens = excluded.tokens, concepts = excluded.concepts,
                  query = excluded.query, embedding = excluded.embedding, model = excluded.model,
                  source_hash = excluded.source_hash, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')`,
            args: [b.kind, b.refId, b.firmId, ...args],
          },
    );
  });
  for (const g of gone) {
    writes.push(
      g.kind === 'scenario'
        ? { sql: 'DELETE FROM demand_docs WHERE scenario_id = ?', args: [g.refId] }
        : { sql: 'DELETE FROM supply_docs WHERE kind = ? AND ref_id = ?', args: [g.kind, g.refId] },
    );
  }
  for (const q of queued) {
    writes.push({
      sql: 'DELETE FROM match_queue WHERE kind = ? AND ref_id = ? AND created_at = ?',
      args: [q.kind, q.refId, q.queuedAt],
    });
  }
  writes.push('SELECT count(*) AS n FROM match_queue');
  const results = await db.$client.batch(writes, 'write');
  const remaining = Number(results.at(-1)?.rows[0]?.n ?? 0);
  return {
    indexed: changed.length,
    unchanged: built.length - changed.length,
    removed: gone.length,
    remaining,
  };
}

/** Drains the whole queue (seed, import, CLI, cron): `onProgress` after each chunk. */
export async function drainAllMatchQueue(
  db: Db,
  embedder: Embedder,
  opts: { chunk?: number; onProgress?: (r: DrainResult) => void } = {},
): Promise<DrainResult> {
  const total: DrainResult = { indexed: 0, unchanged: 0, removed: 0, remaining: 0 };
  for (;;) {
    const r = await drainMatchQueue(db, embedder, { limit: opts.chunk ?? 500 });
    total.indexed += r.indexed;
    total.unchanged += r.unchanged;
    total.removed += r.removed;
    total.remaining = r.remaining;
    opts.onProgress?.(total);
    if (r.remaining === 0 || r.indexed + r.unchanged + r.removed === 0) return total;
  }
}

/**
 * Queues every document for re-indexing whose vector was made by another model (or all of them with
 * `all`), e.g. after switching to the Workers AI embedder. Returns how many were queued.
 */
export async function queueReindex(
  db: Db,
  embedder: Embedder,
  opts: { all?: boolean } = {},
): Promise<number> {
  const stale = opts.all ? '1 = 1' : '(model IS NULL OR model <> ?)';
  const args = opts.all ? [] : [embedder.model];
  // --all forgets the text hashes, so unchanged texts are embedded again too.
  const forget: InStatement[] = opts.all
    ? ["UPDATE supply_docs SET source_hash = ''", "UPDATE demand_docs SET source_hash = ''"]
    : [];
  const results = await db.$client.batch(
    [
      ...forget,
      {
        sql: `INSERT OR REPLACE INTO match_queue (kind, ref_id) SELECT kind, ref_id FROM supply_docs WHERE ${stale}`,
        args,
      },
      {
        sql: `INSERT OR REPLACE INTO match_queue (kind, ref_id) SELECT 'scenario', scenario_id FROM demand_docs WHERE ${stale}`,
        args,
      },
    ],
    'write',
  );
  return results.slice(forget.length).reduce((n, r) => n + r.rowsAffected, 0);
}
